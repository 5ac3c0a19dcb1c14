"""Every write to the civil-status register: keyword-only, takes `actor`, atomic, audited.

A ValidationError (with a translated message citing the text) means nothing was written.
Anyone who is not a civil-status officer gets Http404 for an act or a pre-declaration (as for
a missing one); an officer of another office gets PermissionDenied on a write (the register
is read nationally and written locally, see policies.py).
"""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.civil_status import idcs as idcs_scheme
from jamaati.civil_status import rules
from jamaati.civil_status.models import (
    Act,
    ActKind,
    Consultation,
    Facility,
    MarginalNote,
    NoteKind,
    NoteSource,
    Office,
    OfficeKind,
    Person,
    PreDeclaration,
    PreSource,
    Sex,
)
from jamaati.civil_status.policies import is_officer_at, signing_capacity
from jamaati.civil_status.workflow import ActState, PreState
from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.audit.chain import record
from jamaati.core.numbering.services import next_in_sequence
from jamaati.core.tenancy.models import COUNTRY_CODE, Collectivity, Kind
from jamaati.core.workflow import transition

NAME_FIELDS = (
    "first_name_ar",
    "family_name_ar",
    "first_name_lat",
    "family_name_lat",
    "first_name_tfng",
    "family_name_tfng",
)
REQUIRED_NAMES = NAME_FIELDS[:4]
PARENT_NAME_FIELDS = ("father_name_ar", "father_name_lat", "mother_name_ar", "mother_name_lat")
TYPED_IDCS = ("subject_idcs", "father_idcs", "mother_idcs")
MIN_REASON = 5
ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# --- input ------------------------------------------------------------------------------------


def _refuse(message: Any, field: str = "__all__", code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _text(value: Any, field: str, limit: int = 200) -> str:
    """A person's text, stripped; refused when not text, too long, or holding control
    characters (PostgreSQL cannot store NUL)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _refuse(_("Enter text."), field, "not_text")
    value = str(value).strip()
    if any(ord(ch) < 32 for ch in value):
        raise _refuse(_("The text contains a character that is not allowed."), field, "control")
    if len(value) > limit:
        raise _refuse(
            _("Enter at most %(limit)d characters.") % {"limit": limit}, field, "too_long"
        )
    return value


def _day(value: Any, field: str) -> date | None:
    """A date from a date or an ISO string; impossible dates (30 February) are refused."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DAY.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _refuse(_("Enter a real date (YYYY-MM-DD)."), field, "date")


def _flag(value: Any) -> bool:
    return value in (True, "on", "true", "True", "1", 1, "yes")


def _today(on: date | None) -> date:
    """The day of the step: `on`, never after today (a step recorded later keeps its own
    day; one that has not happened yet is refused), or today."""
    today = timezone.localdate()
    if on is None:
        return today
    if type(on) is not date:
        raise _refuse(_("Enter a real date (YYYY-MM-DD)."), "on", "date")
    if on > today:
        raise _refuse(_("The day of this step cannot be in the future."), "on", "future")
    return on


class _Errors:
    """Collects field errors so that a form shows them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list] = {}

    def add(self, field: str, message: Any, code: str = "invalid") -> None:
        self.errors.setdefault(field, []).append(ValidationError(message, code=code))

    def take(self, call, *args) -> Any:
        try:
            return call(*args)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                self.errors.setdefault(field, []).extend(errors)
            return None

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


# The statuses a filer may not claim: the 60-day limit of the officer ex officio and the
# declarants of a foundling are recorded by an officer (D3621 art. 41; L3621 art. 20).
OFFICIAL_RELATIONS = frozenset(
    {rules.Relation.OFFICER, rules.Relation.LOCAL_AUTHORITY, rules.Relation.PROSECUTOR}
)


def _typed_idcs(value: Any, field: str, errors: _Errors) -> str:
    """The IDCS as typed, normalised; an error on `field` when malformed (no lookup)."""
    if value in (None, ""):
        return ""
    number = idcs_scheme.normalize(value) if isinstance(value, str | int) else ""
    if isinstance(value, bool) or not idcs_scheme.is_valid(number):
        errors.add(
            field, _("This is not a valid IDCS: 11 digits with a check digit."), "idcs_invalid"
        )
        return ""
    return number


def _no_match(field: str, errors: _Errors) -> None:
    """One message for an IDCS that is unknown or names a person who cannot be meant here,
    so that the answer says nothing more about the register."""
    errors.add(
        field,
        _("This IDCS does not match a person of the register who can be named here."),
        "idcs_unknown",
    )


def _person_by_idcs(number: str, field: str, errors: _Errors) -> Person | None:
    """The person with that (valid) IDCS; the generic error on `field` when unknown."""
    if not number:
        return None
    person = Person.objects.filter(idcs=number).first()
    if person is None:
        _no_match(field, errors)
    return person


def _date_of_life(day: date | None, field: str, declared_on: date, errors: _Errors) -> None:
    """A date of the register: not before 1900, not after the declaration."""
    if day is None:
        return
    if day > declared_on:
        errors.add(field, _("The date cannot be after the declaration."), "future")
    elif day < rules.EARLIEST_BIRTH:
        errors.add(field, _("The register starts with the events of 1900."), "too_old")


def declaration_limit(kind: str, relation: str, is_abroad: bool) -> rules.Limit:
    """The delay that applies to a declaration (D3621 art. 40-41)."""
    if kind == ActKind.DEATH and relation == rules.Relation.OFFICER:
        return rules.DEATH_BY_OFFICER
    return rules.DECLARATION_ABROAD if is_abroad else rules.DECLARATION


def is_late(kind: str, relation: str, is_abroad: bool, event_on: date, declared_on: date) -> bool:
    """True when the declaration comes after the last day of its limit."""
    return declared_on > declaration_limit(kind, relation, is_abroad).last_day(event_on)


def _declaration_fields(
    kind: str, data: Mapping[str, Any], *, declared_on: date, by_officer: bool = True
) -> dict:
    """The cleaned fields of a birth or death declaration, every error at once.

    Checks the names (Arabic and Latin required), the sex, real dates neither after the
    declaration nor before 1900 (the deceased's birth too; a death not before the birth), the
    IDCS given, and the legal order of declarants (a later rank says why those before could
    not declare). Only for an officer (`by_officer`) are the IDCS resolved into persons of the
    register (a deceased not already dead, a father who is a man, a mother who is a woman,
    two different parents born before the child: else one generic message); a filer's IDCS
    are kept as typed, with the names as given, and a filer may not declare as the officer,
    the local authority or the prosecutor.
    """
    if not isinstance(data, Mapping):
        raise _refuse(_("The declaration is empty."), code="empty")
    errors = _Errors()
    out: dict[str, Any] = {}
    for field in ("subject_idcs", "father_idcs", "mother_idcs"):
        out[field] = _typed_idcs(data.get(field), field, errors)
    if kind == ActKind.DEATH:
        out["father_idcs"] = out["mother_idcs"] = ""
    else:
        out["subject_idcs"] = ""
    subject = None
    if kind == ActKind.DEATH and by_officer:
        subject = _person_by_idcs(out["subject_idcs"], "subject_idcs", errors)
    out["subject"] = subject
    for field in NAME_FIELDS + PARENT_NAME_FIELDS:
        limit = 200 if field in PARENT_NAME_FIELDS else 100
        out[field] = errors.take(_text, data.get(field), field, limit) or ""
    if subject is not None:
        for field in NAME_FIELDS + PARENT_NAME_FIELDS:
            out[field] = getattr(subject, field)
        out["sex"], out["born_on"] = subject.sex, subject.born_on
    else:
        for field in REQUIRED_NAMES:
            if not out[field]:
                errors.add(field, _("Enter the name in Arabic and in Latin script."), "required")
        out["sex"] = data.get("sex")
        if out["sex"] not in Sex.values:
            errors.add("sex", _("Choose the sex."), "required")
    out["event_place"] = errors.take(_text, data.get("event_place"), "event_place") or ""
    if not out["event_place"]:
        errors.add("event_place", _("Enter the place of the event."), "required")
    out["is_abroad"] = _flag(data.get("is_abroad"))
    event_on = errors.take(_day, data.get("event_on"), "event_on")
    out["event_on"] = event_on
    if event_on is None and "event_on" not in errors.errors:
        errors.add("event_on", _("Enter the date of the event."), "required")
    elif event_on is not None and event_on > declared_on:
        errors.add("event_on", _("The event cannot be after the declaration."), "future")
    elif event_on is not None and event_on < rules.EARLIEST_BIRTH:
        errors.add("event_on", _("The register starts with the events of 1900."), "too_old")
    if kind == ActKind.DEATH:
        if subject is None:
            out["born_on"] = errors.take(_day, data.get("born_on"), "born_on")
            if out["born_on"] is None and "born_on" not in errors.errors:
                errors.add("born_on", _("Enter the date of birth of the deceased."), "required")
            _date_of_life(out["born_on"], "born_on", declared_on, errors)
        born_on = out.get("born_on")
        if born_on and event_on and event_on < born_on:
            errors.add("event_on", _("A death cannot come before the birth."), "before_birth")
        if subject is not None and subject.died_on is not None:
            errors.add("subject_idcs", _("The death of this person is already registered."), "dead")
        elif subject is not None and subject.acts.filter(kind=ActKind.DEATH).exists():
            errors.add("subject_idcs", _("A death act of this person is being drafted."), "dup")
    else:
        out["father"] = out["mother"] = None
        if by_officer:
            out["father"] = _person_by_idcs(out["father_idcs"], "father_idcs", errors)
            out["mother"] = _person_by_idcs(out["mother_idcs"], "mother_idcs", errors)
        if out["father_idcs"] and out["father_idcs"] == out["mother_idcs"]:
            errors.add(
                "mother_idcs", _("The father and the mother cannot be the same person."), "same"
            )
        for parent, sex in (("father", Sex.MALE), ("mother", Sex.FEMALE)):
            person = out[parent]
            if person is None or f"{parent}_idcs" in errors.errors:
                continue
            if person.sex != sex or (event_on and person.born_on >= event_on):
                _no_match(f"{parent}_idcs", errors)
                out[parent] = None
                continue
            out[f"{parent}_name_ar"] = f"{person.first_name_ar} {person.family_name_ar}"
            out[f"{parent}_name_lat"] = f"{person.first_name_lat} {person.family_name_lat}"
    out["declarant_name"] = errors.take(_text, data.get("declarant_name"), "declarant_name")
    if not out["declarant_name"]:
        errors.add("declarant_name", _("Enter the declarant's full name."), "required")
    relation = data.get("declarant_relation")
    relation = relation if isinstance(relation, str) else ""
    order = rules.DEATH_DECLARANTS if kind == ActKind.DEATH else rules.BIRTH_DECLARANTS
    out["declarant_relation"] = relation
    out["precedence_reason"] = (
        errors.take(_text, data.get("precedence_reason"), "precedence_reason", 500) or ""
    )
    if relation not in order:
        errors.add(
            "declarant_relation",
            _(
                "This person may not declare this event (law 36.21, art. 20; decree 2.22.04, "
                "art. 16)."
            ),
            "declarant",
        )
    elif relation in OFFICIAL_RELATIONS and not by_officer:
        errors.add(
            "declarant_relation",
            _(
                "A declaration by the officer, the local authority or the public prosecutor "
                "is recorded by the civil-status office (law 36.21, art. 20; decree 2.22.04, "
                "art. 41)."
            ),
            "official",
        )
    elif order[relation] > 1 and len(out["precedence_reason"]) < MIN_REASON:
        errors.add(
            "precedence_reason",
            _(
                "The declarants before this one in the legal order come first: say why they "
                "could not declare (law 36.21, art. 20; decree 2.22.04, art. 16)."
            ),
            "order",
        )
    errors.raise_any()
    out["declared_on"] = declared_on
    out["is_late"] = is_late(kind, relation, out["is_abroad"], event_on, declared_on)
    return out


def _late_message(kind: str, fields: dict) -> str:
    limit = declaration_limit(kind, fields["declarant_relation"], fields["is_abroad"])
    return _(
        "The declaration is late: the limit ended on %(day)s (%(basis)s). A late "
        "registration needs the central authorisation (%(auth)s): file the declaration, it "
        "is held until the authorisation is recorded."
    ) % {
        "day": limit.last_day(fields["event_on"]).isoformat(),
        "basis": limit.basis,
        "auth": rules.LATE_AUTHORISATION_BASIS,
    }


def _visible_or_404(actor: Any, obj: Any) -> None:
    """Http404 for anyone who is not an officer (the register is read by officers only)."""
    if not is_allowed(actor, "civil_status.consult", obj):
        raise Http404


# --- offices -----------------------------------------------------------------------------------


def offices_sync(*, actor: Any) -> int:
    """Open the missing offices: one per commune and per arrondissement of the territory,
    coded by the collectivity's HCP code. Returns how many were opened; idempotent."""
    country = Collectivity.objects.get(code=COUNTRY_CODE)
    authorize(actor, "civil_status.offices_manage", country)
    kinds = {Kind.COMMUNE: OfficeKind.COMMUNE, Kind.ARRONDISSEMENT: OfficeKind.ARRONDISSEMENT}
    opened = 0
    with transaction.atomic():
        have = set(Office.objects.values_list("collectivity_id", flat=True))
        for node in Collectivity.objects.filter(kind__in=list(kinds)).order_by("code"):
            if node.pk in have:
                continue
            office = Office.objects.create(
                collectivity=node,
                kind=kinds[node.kind],
                code=node.code,
                name_ar=node.name_ar,
                name_fr=node.name_fr,
            )
            record(
                actor=actor,
                action="civil_status.office_open",
                collectivity=node,
                obj=office,
                changes={"code": office.code, "kind": office.kind},
            )
            opened += 1
    return opened


# --- pre-declarations -------------------------------------------------------------------------


def predeclaration_file(
    *,
    actor: Any,
    office: Office,
    kind: str,
    data: Mapping[str, Any],
    facility: Facility | None = None,
    on: date | None = None,
) -> PreDeclaration:
    """File a pre-declaration with `office` (by a facility's account when `facility` is given,
    at the counter by one of the office's officers, else by the signed-in citizen). The day
    of filing is the day of declaration (never in the future); a late one is held for the
    central authorisation, with its 60-day clock running from that day (D3621 art. 41).

    The filer is authorised before anything of the declaration is read. A facility or a
    citizen learns nothing from the register: the IDCS they type are kept as typed (an
    officer resolves them at verification), they may not declare as the officer, the local
    authority or the prosecutor, and "abroad" is kept only at a consular office (never from
    a facility); an officer at the counter is checked in full at once.
    """
    if not isinstance(office, Office):
        raise _refuse(_("Choose the office."), "office", "required")
    if facility is not None and not isinstance(facility, Facility):
        raise _refuse(_("Choose the facility."), "facility", "required")
    if facility is not None:
        source = PreSource.FACILITY
    elif is_officer_at(actor, office):
        source = PreSource.COUNTER
    else:
        source = PreSource.CITIZEN
    authenticated = getattr(actor, "is_authenticated", False)
    pre = PreDeclaration(
        collectivity=office.collectivity,
        office=office,
        kind=kind,
        state=PreState.FILED,
        source=source,
        facility=facility,
        filed_by=actor if authenticated else None,
    )
    authorize(actor, "civil_status.predeclare", pre)
    if kind not in ActKind.values:
        raise _refuse(_("Choose birth or death."), "kind", "kind")
    if not office.is_active:
        raise _refuse(_("This office does not register declarations."), "office", "office")
    by_officer = source == PreSource.COUNTER
    if isinstance(data, Mapping) and not by_officer:
        abroad = source == PreSource.CITIZEN and office.kind == OfficeKind.CONSULATE
        data = {**data, "is_abroad": _flag(data.get("is_abroad")) and abroad}
    fields = _declaration_fields(kind, data, declared_on=_today(on), by_officer=by_officer)
    with transaction.atomic():
        pre.filed_on = fields["declared_on"]
        pre.sex = fields["sex"]
        pre.event_on = fields["event_on"]
        pre.event_place = fields["event_place"]
        pre.is_abroad = fields["is_abroad"]
        pre.subject = fields["subject"]
        pre.born_on = fields.get("born_on") if kind == ActKind.DEATH else None
        pre.father, pre.mother = fields.get("father"), fields.get("mother")
        pre.declarant_name = fields["declarant_name"]
        pre.declarant_relation = fields["declarant_relation"]
        pre.precedence_reason = fields["precedence_reason"]
        pre.is_late = fields["is_late"]
        for field in (*NAME_FIELDS, *PARENT_NAME_FIELDS, *TYPED_IDCS):
            setattr(pre, field, fields[field])
        pre.save()
        record(
            actor=actor,
            action="civil_status.predeclaration_file",
            collectivity=office.collectivity,
            obj=pre,
            changes={"kind": kind, "source": source, "is_late": pre.is_late},
        )
        if pre.is_late:
            pre = transition(
                pre,
                "hold",
                actor=actor,
                effective_on=pre.filed_on,
                reason=_late_message(kind, fields),
            )
    return pre


def _locked_pre(actor: Any, predeclaration: PreDeclaration) -> PreDeclaration:
    _visible_or_404(actor, predeclaration)
    authorize(actor, "civil_status.register", predeclaration)
    return PreDeclaration.objects.select_for_update().get(pk=predeclaration.pk)


def predeclaration_verify(
    *, actor: Any, predeclaration: PreDeclaration, data: Mapping[str, Any] | None = None
) -> PreDeclaration:
    """An officer of the office verifies a filed pre-declaration, completing or correcting its
    fields with `data`; the declaration date stays the day it was filed. The IDCS typed by the
    filer (or given now) are resolved here into persons of the register, and the whole
    declaration is checked again as an officer's."""
    with transaction.atomic():
        pre = _locked_pre(actor, predeclaration)
        if pre.state == PreState.HELD:
            raise _refuse(
                _(
                    "This late declaration is held until the central authorisation is recorded "
                    "(%(basis)s)."
                )
                % {"basis": rules.LATE_AUTHORISATION_BASIS},
                code="held",
            )
        current = {f: getattr(pre, f) for f in NAME_FIELDS + PARENT_NAME_FIELDS}
        current.update(
            sex=pre.sex,
            event_on=pre.event_on,
            event_place=pre.event_place,
            is_abroad=pre.is_abroad,
            declarant_name=pre.declarant_name,
            declarant_relation=pre.declarant_relation,
            precedence_reason=pre.precedence_reason,
            born_on=pre.born_on,
            subject_idcs=pre.subject.idcs if pre.subject else pre.subject_idcs,
            father_idcs=pre.father.idcs if pre.father else pre.father_idcs,
            mother_idcs=pre.mother.idcs if pre.mother else pre.mother_idcs,
        )
        if data is not None and not isinstance(data, Mapping):
            raise _refuse(_("The declaration is empty."), code="empty")
        current.update(data or {})
        fields = _declaration_fields(pre.kind, current, declared_on=pre.filed_on)
        if fields["is_late"] and not pre.authorisation_reference:
            raise _refuse(_late_message(pre.kind, fields), "event_on", "late")
        changed = {}
        for field in (
            *NAME_FIELDS,
            *PARENT_NAME_FIELDS,
            "sex",
            "event_on",
            "event_place",
            "is_abroad",
            "subject",
            "born_on",
            *TYPED_IDCS,
            "declarant_name",
            "declarant_relation",
            "precedence_reason",
        ):
            new = fields.get(field)
            if getattr(pre, field) != new:
                changed[field] = [getattr(pre, field), new]
                setattr(pre, field, new)
        if pre.kind == ActKind.BIRTH:
            pre.father, pre.mother = fields["father"], fields["mother"]
        pre.save()
        if changed:
            record(
                actor=actor,
                action="civil_status.predeclaration_complete",
                collectivity=pre.collectivity,
                obj=pre,
                changes=changed,
            )
        return transition(pre, "verify", actor=actor)


def predeclaration_authorise(
    *,
    actor: Any,
    predeclaration: PreDeclaration,
    reference: Any,
    authorised_on: Any,
    on: date | None = None,
) -> PreDeclaration:
    """Record the central authorisation of a held late declaration: it goes back to be
    verified, and its authorisation clock stops on the day of the authorisation (D3621
    art. 41)."""
    with transaction.atomic():
        pre = _locked_pre(actor, predeclaration)
        today = _today(on)
        errors = _Errors()
        reference = errors.take(_text, reference, "reference", 100)
        if not reference:
            errors.add("reference", _("Enter the reference of the authorisation."), "required")
        day = errors.take(_day, authorised_on, "authorised_on")
        if day is None and "authorised_on" not in errors.errors:
            errors.add("authorised_on", _("Enter the date of the authorisation."), "required")
        elif day is not None and (day > today or day < pre.filed_on):
            errors.add(
                "authorised_on",
                _("The authorisation is dated between the declaration and today."),
                "date",
            )
        errors.raise_any()
        if pre.state != PreState.HELD:
            raise _refuse(_("Only a declaration held for authorisation can be authorised."))
        pre.authorisation_reference, pre.authorised_on = reference, day
        pre.save(update_fields=["authorisation_reference", "authorised_on"])
        return transition(
            pre,
            "authorise",
            actor=actor,
            effective_on=day,
            reference=reference,
            authorised_on=day,
        )


def predeclaration_reject(
    *, actor: Any, predeclaration: PreDeclaration, reason: Any
) -> PreDeclaration:
    """An officer of the office rejects a pre-declaration, saying why."""
    reason = _text(reason, "reason", 500)
    if len(reason) < MIN_REASON:
        raise _refuse(_("Say why the declaration is rejected."), "reason", "required")
    with transaction.atomic():
        pre = _locked_pre(actor, predeclaration)
        return transition(pre, "reject", actor=actor, reason=reason)


# --- registration -----------------------------------------------------------------------------


def _from_predeclaration(pre: PreDeclaration) -> dict:
    fields = {f: getattr(pre, f) for f in NAME_FIELDS + PARENT_NAME_FIELDS}
    fields.update(
        sex=pre.sex,
        event_on=pre.event_on,
        event_place=pre.event_place,
        is_abroad=pre.is_abroad,
        subject=pre.subject,
        born_on=pre.born_on,
        father=pre.father,
        mother=pre.mother,
        declared_on=pre.filed_on,
        declarant_name=pre.declarant_name,
        declarant_relation=pre.declarant_relation,
        precedence_reason=pre.precedence_reason,
        is_late=pre.is_late,
        authorisation_reference=pre.authorisation_reference,
    )
    return fields


def _register(
    *,
    actor: Any,
    kind: str,
    office: Office | None,
    predeclaration: PreDeclaration | None,
    data: Mapping[str, Any] | None,
    on: date | None,
) -> Act:
    if predeclaration is not None:
        office = predeclaration.office
    if office is None:
        raise _refuse(_("Choose the office."), "office", "required")
    _visible_or_404(actor, office)
    authorize(actor, "civil_status.register", office)
    if predeclaration is not None:
        if predeclaration.kind != kind:
            raise _refuse(_("This pre-declaration is not of this kind."), code="kind")
        if predeclaration.state != PreState.VERIFIED:
            raise _refuse(
                _("Only a verified pre-declaration can be registered."), code="not_verified"
            )
        fields = _from_predeclaration(predeclaration)
    else:
        data = data or {}
        fields = _declaration_fields(kind, data, declared_on=_today(on))
        fields["authorisation_reference"] = _text(
            data.get("authorisation_reference"), "authorisation_reference", 100
        )
    if fields["is_late"] and not fields["authorisation_reference"]:
        raise _refuse(_late_message(kind, fields), "event_on", "late")
    with transaction.atomic():
        person = fields.get("subject")
        if person is not None and kind == ActKind.DEATH:
            person = Person.objects.select_for_update().get(pk=person.pk)
            _refuse_second_death(person)
        if person is None:
            person = Person(
                collectivity=office.collectivity,
                sex=fields["sex"],
                born_on=fields["event_on"] if kind == ActKind.BIRTH else fields["born_on"],
                birth_place=fields["event_place"] if kind == ActKind.BIRTH else "",
                father=fields.get("father"),
                mother=fields.get("mother"),
                **{f: fields[f] for f in NAME_FIELDS + PARENT_NAME_FIELDS},
            )
            person.save()
        act = Act.objects.create(
            collectivity=office.collectivity,
            office=office,
            kind=kind,
            state=ActState.DRAFT,
            person=person,
            event_on=fields["event_on"],
            event_place=fields["event_place"],
            is_abroad=fields["is_abroad"],
            declared_on=fields["declared_on"],
            declarant_name=fields["declarant_name"],
            declarant_relation=fields["declarant_relation"],
            precedence_reason=fields["precedence_reason"],
            authorisation_reference=fields["authorisation_reference"],
            registered_by=actor,
        )
        record(
            actor=actor,
            action="civil_status.act_register",
            collectivity=office.collectivity,
            obj=act,
            changes={
                "kind": kind,
                "person": person.pk,
                "predeclaration": predeclaration.pk if predeclaration else None,
                "is_late": fields["is_late"],
            },
        )
        if predeclaration is not None:
            PreDeclaration.objects.filter(pk=predeclaration.pk).update(act=act)
            transition(predeclaration, "register", actor=actor, act=act.pk)
    return act


def act_register_birth(
    *,
    actor: Any,
    office: Office | None = None,
    predeclaration: PreDeclaration | None = None,
    data: Mapping[str, Any] | None = None,
    on: date | None = None,
) -> Act:
    """Draft a birth act at the officer's office, from a verified pre-declaration or from
    `data` given directly; creates the person (parents linked by their IDCS when given).

    Refused (nothing written) when the declaration is late (30 days, 1 year abroad, the
    last day moved to the next working day; D3621 art. 40) without a recorded central
    authorisation, or when the declarant comes later in the legal order without saying why.
    """
    return _register(
        actor=actor,
        kind=ActKind.BIRTH,
        office=office,
        predeclaration=predeclaration,
        data=data,
        on=on,
    )


def act_register_death(
    *,
    actor: Any,
    office: Office | None = None,
    predeclaration: PreDeclaration | None = None,
    data: Mapping[str, Any] | None = None,
    on: date | None = None,
) -> Act:
    """Draft a death act at the officer's office; the deceased is named by IDCS (`subject_idcs`)
    or described. Relatives declare within 30 days (1 year abroad); the officer records it
    ex officio within 60 days when they fail (D3621 art. 40-41); later needs authorisation."""
    return _register(
        actor=actor,
        kind=ActKind.DEATH,
        office=office,
        predeclaration=predeclaration,
        data=data,
        on=on,
    )


def _content(act: Act, person: Person) -> dict:
    """What the act certifies, frozen at signature."""
    return {
        "kind": act.kind,
        "number": act.number,
        "office": act.office.code,
        "idcs": person.idcs,
        "names": {f: getattr(person, f) for f in NAME_FIELDS},
        "sex": person.sex,
        "born_on": person.born_on.isoformat(),
        "born_on_hijri": person.born_on_hijri,
        "birth_place": person.birth_place,
        "father": {
            "ar": person.father_name_ar,
            "lat": person.father_name_lat,
            "idcs": person.father.idcs if person.father else None,
        },
        "mother": {
            "ar": person.mother_name_ar,
            "lat": person.mother_name_lat,
            "idcs": person.mother.idcs if person.mother else None,
        },
        "event_on": act.event_on.isoformat(),
        "event_place": act.event_place,
        "is_abroad": act.is_abroad,
        "declared_on": act.declared_on.isoformat(),
        "declarant": {"name": act.declarant_name, "relation": act.declarant_relation},
        "authorisation": act.authorisation_reference,
        "signed_at": act.signed_at.isoformat(),
        "signed_as": act.signed_capacity,
    }


def _refuse_second_death(person: Person, act: Act | None = None) -> None:
    """Refused when the (locked) person's death is already registered: a date of death, or a
    death act other than `act` (signed, or for a new registration any)."""
    others = person.acts.filter(kind=ActKind.DEATH)
    if act is not None:
        others = others.filter(state=ActState.SIGNED).exclude(pk=act.pk)
    if person.died_on is not None or others.exists():
        raise _refuse(_("The death of this person is already registered."), "subject_idcs", "dead")


def _assign_idcs(person: Person) -> None:
    """Give the person a fresh IDCS, drawing again on the (rare) collision."""
    for _attempt in range(20):
        person.idcs = idcs_scheme.generate()
        try:
            with transaction.atomic():
                person.save(update_fields=["idcs"])
            return
        except IntegrityError:
            continue
    raise RuntimeError("no free IDCS after 20 draws")


def act_sign(*, actor: Any, act: Act) -> Act:
    """An officer of the act's office signs a draft: the act gets the next number of the
    office's yearly sequence (gap-free, no duplicates under concurrency), a birth act's person
    an IDCS, and its content is frozen; the act never changes again. Signing a death act
    records the death in the margin of the person's signed birth act; it is refused when the
    person's death is already registered (a date of death or another signed death act)."""
    _visible_or_404(actor, act)
    authorize(actor, "civil_status.sign", act)
    with transaction.atomic():
        act = (
            Act.objects.select_for_update(of=("self",))
            .select_related("office", "person", "collectivity")
            .get(pk=act.pk)
        )
        if act.state != ActState.DRAFT:
            raise _refuse(_("This act is already signed."), code="signed")
        person = Person.objects.select_for_update().get(pk=act.person_id)
        if act.kind == ActKind.DEATH:
            _refuse_second_death(person, act)
        now = timezone.now()
        year, sequence = next_in_sequence(
            collectivity=act.collectivity,
            series=act.office.numbering_series,
            year=timezone.localdate(now).year,
        )
        if act.kind == ActKind.BIRTH and not person.idcs:
            _assign_idcs(person)
        if act.kind == ActKind.DEATH:
            person.died_on = act.event_on
            person.save(update_fields=["died_on"])
        act.year, act.sequence = year, sequence
        act.number = f"{sequence}/{act.office.code}/{year}"
        act.signed_by, act.signed_at = actor, now
        act.signed_capacity = signing_capacity(actor, act)
        act.content = _content(act, person)
        act.content_sha256 = Act.digest(act.content)
        act.save(
            update_fields=[
                "year",
                "sequence",
                "number",
                "signed_by",
                "signed_at",
                "signed_capacity",
                "content",
                "content_sha256",
            ]
        )
        signed = transition(act, "sign", actor=actor, number=act.number, sha256=act.content_sha256)
        if act.kind == ActKind.DEATH:
            _note_death(actor, signed, person)
    return signed


def _note_death(actor: Any, death: Act, person: Person) -> None:
    """The death noted in the margin of the person's signed birth act, wherever it is."""
    birth = Act.objects.filter(person=person, kind=ActKind.BIRTH, state=ActState.SIGNED).first()
    if birth is None:
        return
    note = MarginalNote.objects.create(
        collectivity=birth.collectivity,
        act=birth,
        kind=NoteKind.DEATH,
        source=NoteSource.OFFICE,
        source_name=death.office.name_fr,
        reference=death.number,
        noted_on=death.event_on,
        text="",
        recorded_by=actor,
    )
    record(
        actor=actor,
        action="civil_status.note_add",
        collectivity=birth.collectivity,
        obj=note,
        changes={"act": birth.number, "kind": note.kind, "reference": note.reference},
    )


# --- notes and consultations ----------------------------------------------------------------


def note_add(
    *,
    actor: Any,
    act: Act,
    kind: Any,
    source: Any,
    source_name: Any,
    reference: Any,
    noted_on: Any,
    text: Any = "",
    on: date | None = None,
) -> MarginalNote:
    """An officer of the office holding a signed birth act records a marginal note on it, with
    its source (court, consulate, office), reference and date (L3621 art. 22)."""
    _visible_or_404(actor, act)
    authorize(actor, "civil_status.note", act)
    act = Act.objects.select_related("collectivity").get(pk=act.pk)
    errors = _Errors()
    if act.state != ActState.SIGNED:
        raise _refuse(
            _("A note goes in the margin of a signed act; this act is still a draft."),
            code="unsigned",
        )
    if act.kind != ActKind.BIRTH:
        raise _refuse(_("Marginal notes go on the birth act (law 36.21)."), code="not_birth")
    if kind not in NoteKind.values:
        errors.add("kind", _("Choose the kind of note."), "required")
    if source not in NoteSource.values:
        errors.add("source", _("Choose the source: court, consulate or office."), "required")
    source_name = errors.take(_text, source_name, "source_name")
    reference = errors.take(_text, reference, "reference", 100)
    text = errors.take(_text, text, "text", 2000) or ""
    if not source_name:
        errors.add("source_name", _("Enter the court, consulate or office."), "required")
    if not reference:
        errors.add("reference", _("Enter the reference of the source decision."), "required")
    if kind in (NoteKind.RECTIFICATION, NoteKind.OTHER) and not text:
        errors.add("text", _("Write what the decision changes."), "required")
    day = errors.take(_day, noted_on, "noted_on")
    if day is None and "noted_on" not in errors.errors:
        errors.add("noted_on", _("Enter the date of the source decision."), "required")
    elif day is not None and (day > _today(on) or day < act.event_on):
        errors.add("noted_on", _("The decision is dated between the birth and today."), "date")
    errors.raise_any()
    with transaction.atomic():
        note = MarginalNote.objects.create(
            collectivity=act.collectivity,
            act=act,
            kind=kind,
            source=source,
            source_name=source_name,
            reference=reference,
            noted_on=day,
            text=text,
            recorded_by=actor,
        )
        record(
            actor=actor,
            action="civil_status.note_add",
            collectivity=act.collectivity,
            obj=note,
            changes={"act": act.number, "kind": kind, "source": source, "reference": reference},
        )
    return note


def act_consult(*, actor: Any, act: Act, reason: Any) -> Consultation:
    """Log that an officer (of any office: the register is national) reads the act, and why;
    the reason is required. Http404 for anyone else."""
    _visible_or_404(actor, act)
    reason = _text(reason, "reason", 300)
    if len(reason) < MIN_REASON:
        raise _refuse(
            _("Say why you consult this act: every consultation is logged (law 36.21)."),
            "reason",
            "required",
        )
    with transaction.atomic():
        consultation = Consultation.objects.create(
            collectivity=act.collectivity, act=act, officer=actor, reason=reason
        )
        record(
            actor=actor,
            action="civil_status.act_consult",
            collectivity=act.collectivity,
            obj=act,
            changes={"reason": reason, "consultation": consultation.pk},
        )
    return consultation
