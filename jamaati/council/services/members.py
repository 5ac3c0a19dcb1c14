"""Members of the council and its committees: keyword-only, `actor`, atomic, audited.

One president, one secretary and one deputy secretary in office at a time; the ranks of the
vice-presidents in office are unique. A member leaves office on a day with a reason; the
row stays (the record of past sittings and votes points at it).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.council.models import (
    Committee,
    LeftReason,
    Member,
    Office,
    Sex,
    in_office_filter,
)
from jamaati.council.services._common import person_text as _text
from jamaati.council.services._common import refusal as _refuse

SINGLE_OFFICES = frozenset({Office.PRESIDENT, Office.SECRETARY, Office.DEPUTY_SECRETARY})
NAME_FIELDS = ("first_name_ar", "last_name_ar", "first_name_fr", "last_name_fr")
UPDATABLE = frozenset(
    {
        *NAME_FIELDS,
        "office",
        "office_rank",
        "political_group",
        "sex",
        "email",
        "phone",
        "user",
        "mandate_start",
        "mandate_end",
    }
)

LIMITS = {"political_group": 120, "sex": 1, "email": 254, "phone": 20}


def _day(value: Any, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise _refuse(field, _("Enter a valid date."), "date") from None


# The bureau first: president, vice-presidents by rank, secretary, deputy, then members.
OFFICE_ORDER = Case(
    *(When(office=office, then=Value(n)) for n, office in enumerate(Office.values)),
    default=Value(len(Office.values)),
    output_field=IntegerField(),
)


def in_office(collectivity: Any, day: date) -> QuerySet[Member]:
    """The members of `collectivity`'s council in office on `day`: the bureau in its order
    (president, vice-presidents by rank, secretary, deputy secretary), then by name."""
    return (
        Member.objects.filter(collectivity=collectivity)
        .filter(in_office_filter(day))
        .order_by(OFFICE_ORDER, "office_rank", "last_name_fr", "first_name_fr", "pk")
    )


def _overlapping(collectivity: Any, start: date, exclude_pk: int | None) -> QuerySet[Member]:
    """Members whose mandate is not over on `start` or begins later (they would sit together)."""
    qs = Member.objects.filter(collectivity=collectivity).filter(
        (Q(mandate_end__isnull=True) | Q(mandate_end__gt=start))
        & (Q(left_on__isnull=True) | Q(left_on__gt=start))
    )
    return qs.exclude(pk=exclude_pk) if exclude_pk else qs


def _check_office(
    collectivity: Any, office: str, rank: int, start: date, exclude_pk: int | None = None
) -> None:
    if office not in Office.values:
        raise _refuse("office", _("Choose the member's office."), "office")
    others = _overlapping(collectivity, start, exclude_pk)
    if office in SINGLE_OFFICES and others.filter(office=office).exists():
        raise _refuse(
            "office",
            _("The council already has a %(office)s in office; they must leave that office first.")
            % {"office": Office(office).label},
            "office_taken",
        )
    if office == Office.VICE_PRESIDENT:
        if rank < 1:
            raise _refuse(
                "office_rank", _("Give the vice-president's rank (1 for the first)."), "rank"
            )
        if others.filter(office=office, office_rank=rank).exists():
            raise _refuse(
                "office_rank",
                _("Another vice-president in office already holds rank %(rank)s.") % {"rank": rank},
                "rank_taken",
            )


def _check_person(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for field in NAME_FIELDS:
        if field in values and not values[field]:
            errors[field] = [_("This name is required, in Arabic and in Latin script.")]
    if values.get("sex") and values["sex"] not in Sex.values:
        errors["sex"] = [_("Choose a valid value.")]
    if values.get("email"):
        try:
            EmailValidator()(values["email"])
        except ValidationError:
            errors["email"] = [_("Enter a valid email address.")]
    if errors:
        raise ValidationError(errors)


def member_add(
    *,
    actor: Any,
    collectivity: Any,
    first_name_ar: str,
    last_name_ar: str,
    first_name_fr: str,
    last_name_fr: str,
    mandate_start: date,
    office: str = Office.MEMBER,
    office_rank: int = 0,
    political_group: str = "",
    sex: str = "",
    email: str = "",
    phone: str = "",
    user: Any = None,
) -> Member:
    """Seat a member on `collectivity`'s council; refused when the office is already held by
    a member in office (president, secretary, deputy secretary, a vice-president's rank)."""
    authorize(actor, "council.manage", collectivity)
    values = {
        "first_name_ar": _text(first_name_ar, "first_name_ar", 80),
        "last_name_ar": _text(last_name_ar, "last_name_ar", 80),
        "first_name_fr": _text(first_name_fr, "first_name_fr", 80),
        "last_name_fr": _text(last_name_fr, "last_name_fr", 80),
        "political_group": _text(political_group, "political_group", 120),
        "sex": _text(sex, "sex", 1),
        "email": _text(email, "email", 254),
        "phone": _text(phone, "phone", 20),
    }
    _check_person(values)
    start = _day(mandate_start, "mandate_start")
    try:
        rank = int(office_rank or 0)
    except (TypeError, ValueError):
        raise _refuse("office_rank", _("Enter a whole number."), "rank") from None
    rank = rank if office == Office.VICE_PRESIDENT else 0
    with transaction.atomic():
        _check_office(collectivity, office, rank, start)
        member = Member.objects.create(
            collectivity=collectivity,
            office=office,
            office_rank=rank,
            mandate_start=start,
            user=user,
            **values,
        )
        record(
            actor=actor,
            action="council.member_add",
            collectivity=collectivity,
            obj=member,
            changes={**values, "office": office, "office_rank": rank, "mandate_start": start},
        )
    return member


def member_update(*, actor: Any, member: Member, **fields: Any) -> Member:
    """Change a member's names, contact, group or office; the office rules of member_add
    hold. Unknown fields are refused."""
    authorize(actor, "council.manage", member)
    unknown = set(fields) - UPDATABLE
    if unknown:
        raise _refuse(
            "__all__",
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            "unknown",
        )
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key in ("mandate_start", "mandate_end"):
            values[key] = None if value in (None, "") and key == "mandate_end" else _day(value, key)
        elif key == "office_rank":
            try:
                values[key] = int(value or 0)
            except (TypeError, ValueError):
                raise _refuse(key, _("Enter a whole number."), "rank") from None
        elif key == "user":
            values[key] = value
        else:
            values[key] = _text(value, key, LIMITS.get(key, 80))
    _check_person(values)
    with transaction.atomic():
        current = Member.objects.select_for_update().get(pk=member.pk)
        office = values.get("office", current.office)
        rank = values.get("office_rank", current.office_rank)
        rank = rank if office == Office.VICE_PRESIDENT else 0
        values["office_rank"] = rank
        start = values.get("mandate_start", current.mandate_start)
        end = values.get("mandate_end", current.mandate_end)
        if end is not None and end <= start:
            raise _refuse("mandate_end", _("The mandate must end after it starts."), "end")
        if office != current.office or rank != current.office_rank:
            _check_office(current.collectivity, office, rank, start, exclude_pk=current.pk)
        changes = {}
        for key, value in values.items():
            before = getattr(current, key)
            if before != value:
                changes[key] = [getattr(before, "pk", before), getattr(value, "pk", value)]
                setattr(current, key, value)
        if changes:
            current.save(update_fields=list(values))
            record(
                actor=actor,
                action="council.member_update",
                collectivity=current.collectivity,
                obj=current,
                changes=changes,
            )
    return current


def member_leave(*, actor: Any, member: Member, left_on: date, reason: str) -> Member:
    """Record that the member left office on `left_on` for `reason` (resigned, removed,
    deceased, end of mandate); the member is no longer in office from that day."""
    authorize(actor, "council.manage", member)
    if reason not in LeftReason.values:
        raise _refuse("reason", _("Choose why the member left office."), "reason")
    day = _day(left_on, "left_on")
    with transaction.atomic():
        current = Member.objects.select_for_update().get(pk=member.pk)
        if current.left_on is not None:
            raise _refuse("left_on", _("This member has already left office."), "already_left")
        if day <= current.mandate_start:
            raise _refuse(
                "left_on", _("A member leaves office after the start of the mandate."), "early"
            )
        current.left_on, current.left_reason = day, reason
        current.save(update_fields=["left_on", "left_reason"])
        record(
            actor=actor,
            action="council.member_leave",
            collectivity=current.collectivity,
            obj=current,
            changes={"left_on": [None, day], "left_reason": [None, reason]},
        )
    return current


def committee_add(
    *,
    actor: Any,
    collectivity: Any,
    name_ar: str,
    name_fr: str,
    is_standing: bool = True,
    chair: Member | None = None,
    members: Any = (),
) -> Committee:
    """Create a committee of `collectivity`'s council; its chair and members must be members
    of that council (the chair is made a member of the committee)."""
    authorize(actor, "council.manage", collectivity)
    name_ar, name_fr = _text(name_ar, "name_ar", 200), _text(name_fr, "name_fr", 200)
    errors = {}
    if not name_ar:
        errors["name_ar"] = [_("Enter the committee's name in Arabic.")]
    if not name_fr:
        errors["name_fr"] = [_("Enter the committee's name in French.")]
    if errors:
        raise ValidationError(errors)
    people = list(members or ())
    if chair is not None:
        people.append(chair)
    for person in people:
        if not isinstance(person, Member) or person.collectivity_id != collectivity.pk:
            raise _refuse(
                "members", _("Committee members must be members of this council."), "foreign"
            )
    with transaction.atomic():
        committee = Committee.objects.create(
            collectivity=collectivity,
            name_ar=name_ar,
            name_fr=name_fr,
            is_standing=bool(is_standing),
            chair=chair,
        )
        committee.members.set({p.pk for p in people})
        record(
            actor=actor,
            action="council.committee_add",
            collectivity=collectivity,
            obj=committee,
            changes={
                "name_ar": name_ar,
                "name_fr": name_fr,
                "is_standing": bool(is_standing),
                "chair": chair.pk if chair else None,
                "members": sorted({p.pk for p in people}),
            },
        )
    return committee
