"""Requests for an extraordinary session (art. 36-37): by a third of the members in office or
by the governor. The president answers within 10 days (the `decision` clock); a refusal needs
reasons; a request by the majority of the members, or by the governor, cannot be refused and
the session opens within 15 days (members) or 10 days (governor) of the request.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.calendar import add_calendar_days
from jamaati.core.workflow import transition
from jamaati.council import rules
from jamaati.council.models import (
    ExtraordinaryRequest,
    ItemOrigin,
    Member,
    RequestOrigin,
    Session,
    SessionKind,
    in_office_filter,
)
from jamaati.council.services._common import as_date as _as_date
from jamaati.council.services._common import day_text as _day
from jamaati.council.services._common import refusal as _refuse
from jamaati.council.services.agenda import add_to_agenda
from jamaati.council.services.sessions import check_extraordinary_length
from jamaati.council.workflow import RequestState


def _text(value: Any, field: str, limit: int) -> str:
    if not isinstance(value, str) or "\x00" in value:
        return ""
    return value.strip()[:limit]


def is_majority_request(request: ExtraordinaryRequest) -> bool:
    """A request signed by more than half of the members in office (art. 36)."""
    if request.origin != RequestOrigin.MEMBERS:
        return False
    return request.signatories.count() * 2 > request.in_office_count


def session_limit(request: ExtraordinaryRequest) -> date | None:
    """The last day the session may open: 15 days after a majority request, 10 after the
    governor's (art. 36); None when the law sets no limit."""
    if request.origin == RequestOrigin.GOVERNOR:
        return request.received_on + timedelta(days=rules.GOVERNOR_SESSION_DAYS.value)
    if is_majority_request(request):
        return request.received_on + timedelta(days=rules.MAJORITY_REQUEST_SESSION_DAYS.value)
    return None


def refusal_deadline(request: ExtraordinaryRequest) -> date:
    """The last day to refuse with reasons: 10 days from the request's receipt (art. 36), the
    next working day when that is a weekend or holiday (the `decision` clock starts when the
    request is recorded, which may be later than its receipt)."""
    return add_calendar_days(request.received_on, rules.REFUSAL_REASONS_DAYS.value)


def extraordinary_request_record(
    *,
    actor: Any,
    collectivity: Any,
    origin: str,
    received_on: date,
    subjects: str,
    signatories: Any = (),
    now: datetime | None = None,
) -> ExtraordinaryRequest:
    """Record a request received on `received_on` and start the president's 10-day clock. A
    members' request needs signatories in office making at least a third of the members in
    office (art. 36)."""
    if origin not in RequestOrigin.values:
        raise _refuse("origin", _("Choose who requests the session."), "origin")
    authorize(
        actor,
        "council.governor" if origin == RequestOrigin.GOVERNOR else "council.manage",
        collectivity,
    )
    today = timezone.localdate(now) if now else timezone.localdate()
    received_on = _as_date(received_on, "received_on")
    if received_on > today:
        raise _refuse("received_on", _("The request cannot be received in the future."), "future")
    subjects = _text(subjects, "subjects", 4000)
    if not subjects:
        raise _refuse(
            "subjects", _("Enter the questions the session is requested for (art. 36)."), "subjects"
        )
    in_office = Member.objects.filter(collectivity=collectivity).filter(
        in_office_filter(received_on)
    )
    in_office_count = in_office.count()
    people: list[Member] = []
    if origin == RequestOrigin.MEMBERS:
        ids = set()
        for person in signatories or ():
            try:
                ids.add(int(getattr(person, "pk", person)))
            except (TypeError, ValueError):
                raise _refuse(
                    "signatories", _("Choose members of the council."), "members"
                ) from None
        people = list(in_office.filter(pk__in=ids))
        if len(people) != len(ids):
            raise _refuse(
                "signatories",
                _("Only members of this council in office may sign the request (art. 36)."),
                "not_in_office",
            )
        if not rules.share_reached(len(people), in_office_count, rules.MEMBERS_REQUEST_SHARE):
            needed = -(
                -in_office_count * rules.MEMBERS_REQUEST_SHARE[0] // rules.MEMBERS_REQUEST_SHARE[1]
            )
            raise _refuse(
                "signatories",
                _(
                    "A request needs at least a third of the members in office: %(needed)s of "
                    "%(count)s, not %(signed)s (art. 36)."
                )
                % {"needed": needed, "count": in_office_count, "signed": len(people)},
                "share",
            )
    with transaction.atomic():
        request = ExtraordinaryRequest.objects.create(
            collectivity=collectivity,
            state=RequestState.DRAFT,
            origin=origin,
            received_on=received_on,
            subjects=subjects,
            in_office_count=in_office_count,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        request.signatories.set(people)
        record(
            actor=actor,
            action="council.extraordinary_request_record",
            collectivity=collectivity,
            obj=request,
            changes={
                "origin": origin,
                "received_on": received_on,
                "subjects": subjects,
                "signatories": sorted(p.pk for p in people),
                "in_office_count": in_office_count,
            },
        )
        # The 10-day delay runs from the request's receipt, not from its recording (art. 36).
        request = transition(request, "file", actor=actor, effective_on=received_on)
    return request


def extraordinary_request_accept(
    *,
    actor: Any,
    request: ExtraordinaryRequest,
    opens_on: date,
    closes_on: date | None = None,
    now: datetime | None = None,
) -> Session:
    """Accept the request: plan the extraordinary session (at most 7 working days, art. 37),
    opening within 15 days of a majority request or 10 days of the governor's (art. 36),
    with the request's questions as its first items (one per line)."""
    authorize(actor, "council.manage", request)
    today = timezone.localdate(now) if now else timezone.localdate()
    opens_on = _as_date(opens_on, "opens_on")
    closes_on = _as_date(closes_on, "closes_on") if closes_on not in (None, "") else opens_on
    if opens_on < today:
        raise _refuse("opens_on", _("A session cannot open in the past."), "past")
    check_extraordinary_length(opens_on, closes_on)
    with transaction.atomic():
        current = ExtraordinaryRequest.objects.select_for_update().get(pk=request.pk)
        if current.state != RequestState.PENDING:
            raise _refuse("__all__", _("This request has already been answered."), "state")
        limit = session_limit(current)
        if limit is not None and opens_on > limit:
            if current.origin == RequestOrigin.GOVERNOR:
                message = _(
                    "The governor's session must open within %(days)s days of the "
                    "request, by %(day)s (art. 36)."
                )
                days = rules.GOVERNOR_SESSION_DAYS.value
            else:
                message = _(
                    "A request by the majority of the members forces the session "
                    "within %(days)s days, by %(day)s (art. 36)."
                )
                days = rules.MAJORITY_REQUEST_SESSION_DAYS.value
            raise _refuse("opens_on", message % {"days": days, "day": _day(limit)}, "too_late")
        kind = (
            SessionKind.EXTRAORDINARY_GOVERNOR
            if current.origin == RequestOrigin.GOVERNOR
            else SessionKind.EXTRAORDINARY_MEMBERS
        )
        session = Session.objects.create(
            collectivity=current.collectivity,
            kind=kind,
            year=opens_on.year,
            month=opens_on.month,
            opens_on=opens_on,
            closes_on=closes_on,
        )
        record(
            actor=actor,
            action="council.session_plan",
            collectivity=current.collectivity,
            obj=session,
            changes={
                "kind": kind,
                "opens_on": opens_on,
                "closes_on": closes_on,
                "request": current.pk,
            },
        )
        origin = (
            ItemOrigin.GOVERNOR
            if current.origin == RequestOrigin.GOVERNOR
            else (ItemOrigin.MEMBERS)
        )
        lines = [line.strip() for line in current.subjects.splitlines() if line.strip()]
        for line in lines:
            add_to_agenda(
                actor=actor,
                session=session,
                title_ar=line[:300],
                title_fr=line[:300],
                subject=rules.ItemSubject.OTHER,
                origin=origin,
                today=today,
            )
        current = transition(current, "accept", actor=actor, effective_on=today, session=session.pk)
        current.session, current.decided_on = session, today
        current.save(update_fields=["session", "decided_on"])
    return session


def extraordinary_request_refuse(
    *, actor: Any, request: ExtraordinaryRequest, reasons: str, now: datetime | None = None
) -> ExtraordinaryRequest:
    """Refuse a third of the members' request, with reasons, within 10 days (art. 36). A
    majority request and the governor's request cannot be refused."""
    authorize(actor, "council.manage", request)
    today = timezone.localdate(now) if now else timezone.localdate()
    reasons = _text(reasons, "reasons", 4000)
    if not reasons:
        raise _refuse("reasons", _("A refusal needs its reasons (art. 36)."), "reasons")
    with transaction.atomic():
        current = ExtraordinaryRequest.objects.select_for_update().get(pk=request.pk)
        if current.state != RequestState.PENDING:
            raise _refuse("__all__", _("This request has already been answered."), "state")
        if current.origin == RequestOrigin.GOVERNOR:
            raise _refuse(
                "__all__",
                _(
                    "The governor's request cannot be refused: the session must be held within "
                    "%(days)s days (art. 36)."
                )
                % {"days": rules.GOVERNOR_SESSION_DAYS.value},
                "mandatory",
            )
        if is_majority_request(current):
            raise _refuse(
                "__all__",
                _(
                    "A request by the majority of the members in office cannot be refused: the "
                    "session must be held within %(days)s days (art. 36)."
                )
                % {"days": rules.MAJORITY_REQUEST_SESSION_DAYS.value},
                "mandatory",
            )
        due = refusal_deadline(current)
        if today > due:
            raise _refuse(
                "__all__",
                _(
                    "Too late to refuse: a refusal with reasons was due by %(day)s (art. 36); "
                    "the request must now be accepted."
                )
                % {"day": _day(due)},
                "late",
            )
        current = transition(current, "refuse", actor=actor, effective_on=today, reasons=reasons)
        current.refusal_reasons, current.decided_on = reasons, today
        current.save(update_fields=["refusal_reasons", "decided_on"])
    return current
