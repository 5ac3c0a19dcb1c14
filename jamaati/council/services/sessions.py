"""Sessions of the council (art. 33-39): planning, extension, the agenda sent to the
governor, the convocation of the members, the convocation of a later call, closing.

Ordinary sessions open in the first week of February, May and October and last at most 15
days, extendable once by up to 7 working days. The agenda goes to the governor at least 20
days ahead; the governor may add items within 8 days; the members are convened at least 10
days ahead (3 for the governor's extraordinary session), once that window is over.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.access.models import Membership
from jamaati.core.access.policies import authorize
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import record
from jamaati.core.calendar import add_working_days
from jamaati.core.deadlines.arithmetic import moroccan_working_day
from jamaati.core.notify.channels import notify
from jamaati.council import rules
from jamaati.council.models import (
    AgendaItem,
    Convocation,
    Decision,
    ItemOrigin,
    ItemState,
    Member,
    Petition,
    Session,
    SessionKind,
    SessionState,
    Sitting,
    SittingState,
)
from jamaati.council.services._common import as_date as _as_date
from jamaati.council.services._common import day_text as _day
from jamaati.council.services._common import now_or as _now
from jamaati.council.services._common import refusal as _refuse
from jamaati.council.services.agenda import add_to_agenda, governor_window_end
from jamaati.council.services.convocations import convocations_send, scheduled_sittings
from jamaati.council.services.members import in_office
from jamaati.council.workflow import DecisionState, PetitionState

# How far ahead a session may be planned (a typing error guard, not a rule of the law).
PLANNING_HORIZON_DAYS = 730


def working_days_between(start: date, end: date) -> int:
    """Working days from `start` to `end`, both included (the holidays read once a year)."""
    working = moroccan_working_day()
    count, day = 0, start
    while day <= end:
        count += working(day)
        day += timedelta(days=1)
    return count


def check_extraordinary_length(opens_on: date, closes_on: date) -> None:
    """An extraordinary session lasts at most 7 working days (art. 37)."""
    if closes_on < opens_on:
        raise _refuse("closes_on", _("The session cannot close before it opens."), "order")
    # A month holds more than 7 working days whatever the holidays: no need to count further.
    too_long = (closes_on - opens_on).days > 31
    if too_long or working_days_between(opens_on, closes_on) > rules.EXTRAORDINARY_MAX.value:
        raise _refuse(
            "closes_on",
            _("An extraordinary session lasts at most %(days)s working days (art. 37).")
            % {"days": rules.EXTRAORDINARY_MAX.value},
            "too_long",
        )


def carry_over(*, actor: Any, session: Session, today: date) -> list[AgendaItem]:
    """Put on `session`'s agenda the accepted petitions not yet on an agenda (art. 125) and
    the decisions opposed by the governor not yet deliberated again (art. 117)."""
    items = []
    petitions = Petition.objects.filter(
        collectivity=session.collectivity, state=PetitionState.ACCEPTED, items__isnull=True
    ).order_by("answered_at", "pk")
    for petition in petitions:
        items.append(
            add_to_agenda(
                actor=actor,
                session=session,
                title_ar=petition.title,
                title_fr=petition.title,
                subject=rules.ItemSubject.OTHER,
                origin=ItemOrigin.PETITION,
                today=today,
                description=petition.text,
                petition=petition,
            )
        )
    opposed = Decision.objects.filter(
        collectivity=session.collectivity, state=DecisionState.OPPOSED, redeliberations__isnull=True
    ).order_by("adopted_on", "pk")
    for decision in opposed:
        items.append(
            add_to_agenda(
                actor=actor,
                session=session,
                title_ar=decision.title_ar,
                title_fr=decision.title_fr,
                subject=decision.subject,
                origin=ItemOrigin.REDELIBERATION,
                today=today,
                description=decision.governor_reasons,
                redeliberation_of=decision,
            )
        )
    return items


def carry_over_to_next(*, actor: Any, collectivity: Any, today: date) -> list[AgendaItem]:
    """Carry accepted petitions and opposed decisions onto the next ordinary session when it
    is planned and its agenda not yet sent to the governor (the "next session" of art. 125
    and 117); otherwise the next session_plan() carries them. Runs in the caller's
    transaction; the session row is locked so two answers do not number items alike."""
    session = (
        Session.objects.select_for_update()
        .filter(
            collectivity=collectivity,
            kind=SessionKind.ORDINARY,
            state=SessionState.PLANNED,
            agenda_sent_on__isnull=True,
            opens_on__gte=today,
        )
        .order_by("opens_on", "pk")
        .first()
    )
    if session is None:
        return []
    return carry_over(actor=actor, session=session, today=today)


def session_plan(
    *,
    actor: Any,
    collectivity: Any,
    kind: str = SessionKind.ORDINARY,
    opens_on: date,
    closes_on: date | None = None,
    now: datetime | None = None,
) -> Session:
    """Plan a session. An ordinary one opens in the first week of February, May or October
    and lasts at most 15 days (art. 33), one per month; it receives the accepted petitions
    and the opposed decisions waiting for the next session. No session opens in the past."""
    authorize(actor, "council.manage", collectivity)
    today = timezone.localdate(_now(now))
    if kind not in SessionKind.values:
        raise _refuse("kind", _("Choose the kind of session."), "kind")
    opens_on = _as_date(opens_on, "opens_on")
    closes_on = _as_date(closes_on, "closes_on") if closes_on not in (None, "") else None
    if opens_on < today:
        raise _refuse("opens_on", _("A session cannot open in the past."), "past")
    if opens_on > today + timedelta(days=PLANNING_HORIZON_DAYS):
        raise _refuse(
            "opens_on",
            _("A session is planned at most two years ahead."),
            "too_far",
        )
    if kind == SessionKind.ORDINARY:
        if opens_on.month not in rules.ORDINARY_MONTHS:
            raise _refuse(
                "opens_on",
                _("Ordinary sessions are held in February, May and October (art. 33)."),
                "month",
            )
        if opens_on.day > rules.ORDINARY_FIRST_WEEK_LAST_DAY.value:
            raise _refuse(
                "opens_on",
                _(
                    "An ordinary session opens in the first week of the month, by the %(day)s "
                    "(art. 33)."
                )
                % {"day": rules.ORDINARY_FIRST_WEEK_LAST_DAY.value},
                "first_week",
            )
        last = opens_on + timedelta(days=rules.SESSION_MAX_DAYS.value - 1)
        closes_on = closes_on or last
        if closes_on < opens_on:
            raise _refuse("closes_on", _("The session cannot close before it opens."), "order")
        if closes_on > last:
            raise _refuse(
                "closes_on",
                _(
                    "An ordinary session lasts at most %(days)s days: it closes on %(day)s at "
                    "the latest (art. 33)."
                )
                % {"days": rules.SESSION_MAX_DAYS.value, "day": _day(last)},
                "too_long",
            )
    else:
        closes_on = closes_on or opens_on
        check_extraordinary_length(opens_on, closes_on)
    with transaction.atomic():
        if (
            kind == SessionKind.ORDINARY
            and Session.objects.filter(
                collectivity=collectivity,
                kind=SessionKind.ORDINARY,
                year=opens_on.year,
                month=opens_on.month,
            ).exists()
        ):
            raise _refuse(
                "opens_on",
                _("The ordinary session of this month is already planned (art. 33)."),
                "duplicate",
            )
        session = Session.objects.create(
            collectivity=collectivity,
            kind=kind,
            year=opens_on.year,
            month=opens_on.month,
            opens_on=opens_on,
            closes_on=closes_on,
        )
        record(
            actor=actor,
            action="council.session_plan",
            collectivity=collectivity,
            obj=session,
            changes={"kind": kind, "opens_on": opens_on, "closes_on": closes_on},
        )
        if kind == SessionKind.ORDINARY:
            carry_over(actor=actor, session=session, today=today)
    return session


def session_extend(
    *, actor: Any, session: Session, until: date, reason: str, now: datetime | None = None
) -> Session:
    """Extend an ordinary session once, by at most 7 working days after its planned close
    (art. 34), with the reason recorded."""
    authorize(actor, "council.manage", session)
    until = _as_date(until, "until")
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise _refuse("reason", _("Give the reason for the extension (art. 34)."), "reason")
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        if current.kind != SessionKind.ORDINARY:
            raise _refuse(
                "__all__", _("Only an ordinary session can be extended (art. 34)."), "kind"
            )
        if current.state == SessionState.CLOSED:
            raise _refuse("__all__", _("The session is closed."), "closed")
        if current.extended_until is not None:
            raise _refuse(
                "__all__", _("An ordinary session can be extended only once (art. 34)."), "once"
            )
        last = add_working_days(current.closes_on, rules.SESSION_EXTENSION_MAX.value)
        if until <= current.closes_on:
            raise _refuse(
                "until", _("The extension must end after the session's planned close."), "order"
            )
        if until > last:
            raise _refuse(
                "until",
                _(
                    "A session is extended by at most %(days)s working days: until %(day)s at the "
                    "latest (art. 34)."
                )
                % {"days": rules.SESSION_EXTENSION_MAX.value, "day": _day(last)},
                "too_long",
            )
        current.extended_until, current.extension_reason = until, reason[:4000]
        current.save(update_fields=["extended_until", "extension_reason"])
        record(
            actor=actor,
            action="council.session_extend",
            collectivity=current.collectivity,
            obj=current,
            changes={"extended_until": [None, until], "reason": reason[:4000]},
        )
    return current


def _governors_office(collectivity: Any) -> list[str]:
    """Emails of the SUPERVISOR memberships above the collectivity (its province, region)."""
    ancestors = [c.pk for c in collectivity.ancestors()]
    return sorted(
        {
            email
            for email in Membership.objects.active()
            .filter(collectivity_id__in=ancestors, role=Role.SUPERVISOR)
            .values_list("user__email", flat=True)
            if email
        }
    )


def _no_proposed_items(session: Session, action: str) -> None:
    if AgendaItem.objects.filter(session=session, state=ItemState.PROPOSED).exists():
        raise _refuse(
            "__all__",
            _(
                "Members' requested items await the president's answer (accept, or refuse with "
                "reasons) before %(action)s (art. 40)."
            )
            % {"action": action},
            "proposed_items",
        )


def agenda_send_to_governor(
    *, actor: Any, session: Session, now: datetime | None = None
) -> Session:
    """Record that the agenda was sent to the governor today and email the governor's office.
    For an ordinary session: at least 20 days before the opening (art. 39), and once every
    members' request has been answered."""
    authorize(actor, "council.manage", session)
    moment = _now(now)
    today = timezone.localdate(moment)
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        if current.state != SessionState.PLANNED:
            raise _refuse("__all__", _("The session is already convened."), "state")
        if current.agenda_sent_on is not None:
            raise _refuse(
                "__all__",
                _("The agenda was already sent to the governor on %(day)s.")
                % {"day": _day(current.agenda_sent_on)},
                "already_sent",
            )
        if current.kind == SessionKind.ORDINARY:
            last = current.opens_on - timedelta(days=rules.AGENDA_TO_GOVERNOR.value)
            if today > last:
                raise _refuse(
                    "__all__",
                    _(
                        "Too late: the agenda must reach the governor at least %(days)s days "
                        "before the opening, by %(day)s (art. 39)."
                    )
                    % {"days": rules.AGENDA_TO_GOVERNOR.value, "day": _day(last)},
                    "agenda_late",
                )
        _no_proposed_items(current, _("sending the agenda"))
        current.agenda_sent_on = today
        current.save(update_fields=["agenda_sent_on"])
        record(
            actor=actor,
            action="council.agenda_send",
            collectivity=current.collectivity,
            obj=current,
            changes={"agenda_sent_on": [None, today]},
        )
        recipients = _governors_office(current.collectivity)
        items = list(
            AgendaItem.objects.filter(session=current, state=ItemState.ON_AGENDA).order_by(
                "position", "pk"
            )
        )
        subject = _("Agenda of the council of %(place)s") % {"place": current.collectivity.name}
        body = "\n".join(
            [
                _("Session opening on %(day)s. You may add items until %(end)s (art. 39).")
                % {"day": _day(current.opens_on), "end": _day(governor_window_end(current))},
                *[f"{item.position}. {item.title}" for item in items],
            ]
        )
        for email in recipients:
            transaction.on_commit(
                lambda email=email: notify(email=email, subject=subject, body=body), robust=True
            )
    return current


def _in_office(session: Session, today: date) -> list[Member]:
    return list(in_office(session.collectivity, today))


def session_convene(
    *, actor: Any, session: Session, now: datetime | None = None, issue_pdfs: bool = False
) -> list[Convocation]:
    """Convene every member in office, with the agenda, timetable and documents, by email,
    SMS and PDF, at least 10 days before the opening (art. 35; 3 days for the governor's
    extraordinary session, art. 36). An ordinary session's agenda must have gone to the
    governor and his 8-day window be over; a sitting must be scheduled; every members'
    request must be answered. The session is then "convened". Each member's PDF is issued
    now when `issue_pdfs`, else on first demand (convocations.convocation_document)."""
    authorize(actor, "council.manage", session)
    moment = _now(now)
    today = timezone.localdate(moment)
    with transaction.atomic():
        current = (
            Session.objects.select_for_update(of=("self",))
            .select_related("collectivity")
            .get(pk=session.pk)
        )
        if current.state != SessionState.PLANNED:
            raise _refuse("__all__", _("The session is already convened."), "state")
        notice = rules.GOVERNOR_NOTICE if current.is_governors else rules.NOTICE
        last = current.opens_on - timedelta(days=notice.value)
        if today > last:
            raise _refuse(
                "__all__",
                _(
                    "Convocations must be sent at least %(days)s days before the opening: by "
                    "%(day)s at the latest (%(basis)s)."
                )
                % {
                    "days": notice.value,
                    "day": _day(last),
                    "basis": _("art. 36") if current.is_governors else _("art. 35"),
                },
                "notice",
            )
        if current.kind == SessionKind.ORDINARY:
            if current.agenda_sent_on is None:
                raise _refuse(
                    "__all__",
                    _("Send the agenda to the governor before convening the members (art. 39)."),
                    "agenda_not_sent",
                )
            window_end = governor_window_end(current)
            if today <= window_end:
                raise _refuse(
                    "__all__",
                    _(
                        "The governor may add items until %(day)s: convene the members after "
                        "that day (art. 39)."
                    )
                    % {"day": _day(window_end)},
                    "governor_window",
                )
        _no_proposed_items(current, _("convening the members"))
        sittings = scheduled_sittings(current)
        if not sittings:
            raise _refuse(
                "__all__", _("Schedule the session's sittings before convening."), "no_sitting"
            )
        members = _in_office(current, today)
        convocations = convocations_send(
            actor=actor,
            session=current,
            members=members,
            sittings=sittings,
            now=moment,
            issue_pdfs=issue_pdfs,
        )
        current.state, current.convened_at = SessionState.CONVENED, moment
        current.save(update_fields=["state", "convened_at"])
        record(
            actor=actor,
            action="council.session_convene",
            collectivity=current.collectivity,
            obj=current,
            changes={
                "state": [SessionState.PLANNED, SessionState.CONVENED],
                "members": len(convocations),
                "sittings": [s.pk for s in sittings],
            },
        )
    return convocations


def call_convene(
    *, actor: Any, sitting: Sitting, now: datetime | None = None, issue_pdfs: bool = False
) -> list[Convocation]:
    """Convene every member in office to a later call (2 or 3) of a sitting (art. 42); the
    sitting must be scheduled and in the future."""
    authorize(actor, "council.manage", sitting)
    moment = _now(now)
    today = timezone.localdate(moment)
    with transaction.atomic():
        current = (
            Sitting.objects.select_for_update(of=("self",))
            .select_related("session", "session__collectivity")
            .get(pk=sitting.pk)
        )
        if Convocation.objects.filter(sitting=current).exists():
            raise _refuse("__all__", _("The members are already convened to this call."), "already")
        if current.call < 2:
            raise _refuse(
                "__all__",
                _(
                    "A first call is convened with the session; this is for a second or third "
                    "call (art. 42)."
                ),
                "first_call",
            )
        if current.state != SittingState.SCHEDULED:
            raise _refuse("__all__", _("This sitting is not scheduled."), "state")
        if current.scheduled_at <= moment:
            raise _refuse("__all__", _("This sitting's time is already past."), "past")
        members = _in_office(current.session, today)
        convocations = convocations_send(
            actor=actor,
            session=current.session,
            members=members,
            sittings=[current],
            now=moment,
            sitting=current,
            issue_pdfs=issue_pdfs,
        )
        record(
            actor=actor,
            action="council.call_convene",
            collectivity=current.collectivity,
            obj=current,
            changes={"call": current.call, "members": len(convocations)},
        )
    return convocations


def session_close(*, actor: Any, session: Session, now: datetime | None = None) -> Session:
    """Close the session; refused while one of its sittings is open or still scheduled (a
    later call must be held: the session's agenda would be left undecided)."""
    authorize(actor, "council.manage", session)
    moment = _now(now)
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        if current.state == SessionState.CLOSED:
            raise _refuse("__all__", _("The session is already closed."), "closed")
        if Sitting.objects.filter(session=current, state=SittingState.OPEN).exists():
            raise _refuse(
                "__all__", _("A sitting is still open: close it before the session."), "open"
            )
        if Sitting.objects.filter(session=current, state=SittingState.SCHEDULED).exists():
            raise _refuse(
                "__all__",
                _("A sitting is still scheduled: hold it before closing the session."),
                "scheduled",
            )
        before = current.state
        current.state, current.closed_at = SessionState.CLOSED, moment
        current.save(update_fields=["state", "closed_at"])
        record(
            actor=actor,
            action="council.session_close",
            collectivity=current.collectivity,
            obj=current,
            changes={"state": [before, SessionState.CLOSED]},
        )
    return current
