"""Sittings: scheduling, attendance and quorum with the three calls (art. 42), the
governor's session's next-day rule (art. 36), closed sittings (art. 48), closing (and the
minutes clock, art. 49)."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.calendar import add_working_days
from jamaati.core.deadlines.services import deadline_start
from jamaati.core.deadlines.specs import CALENDAR, DeadlineSpec
from jamaati.council import rules
from jamaati.council.models import (
    Attendance,
    Member,
    Office,
    Presence,
    Session,
    SessionState,
    Sitting,
    SittingState,
    in_office_filter,
)
from jamaati.council.services._common import local_day, now_or

# The minutes go to the members within 15 days of the sitting (art. 49): started at closing.
MINUTES = DeadlineSpec(
    "minutes",
    days=rules.MINUTES_TO_MEMBERS.value,
    calendar=CALENDAR,
    legal_basis=rules.MINUTES_TO_MEMBERS.basis,
    remind_days_before=3,
)

CLOSED_DOOR_BY = ("president", "members")


# Small helpers, shared with votes, minutes, decisions and petitions.
def refuse(field: str, message: str) -> ValidationError:
    """A ValidationError on `field` (the caller raises it, before anything is written)."""
    return ValidationError({field: [message]})


def as_member_id(value: Any) -> int | None:
    """An int member id from an int, a digit string or a Member; None when malformed."""
    if isinstance(value, Member):
        return value.pk
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def members_in_office(collectivity: Any, day: date):
    """The council's members in office on `day`."""
    return Member.objects.filter(collectivity=collectivity).filter(in_office_filter(day))


def president_of(collectivity: Any, day: date) -> Member | None:
    return (
        members_in_office(collectivity, day)
        .filter(office=Office.PRESIDENT)
        .order_by("mandate_start", "pk")
        .last()
    )


def _locked(sitting: Sitting) -> Sitting:
    return (
        Sitting.objects.select_for_update(of=("self",))
        .select_related("collectivity", "session")
        .get(pk=sitting.pk)
    )


def _refresh(target: Sitting, source: Sitting) -> Sitting:
    """Copy the saved fields onto the caller's object, and return the saved one."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return source


def sitting_schedule(
    *, actor: Any, session: Any, scheduled_at: datetime, place: str = "", now=None
) -> Sitting:
    """Schedule the first call of a sitting of `session`. Guarantees: the day is within the
    session (opens_on to its end, extension included), the session is not closed, the moment
    is not past; otherwise a ValidationError and nothing is written."""
    now = now_or(now)
    authorize(actor, "council.manage", session)
    if not isinstance(scheduled_at, datetime):
        raise refuse("scheduled_at", _("Give the day and hour of the sitting."))
    if timezone.is_naive(scheduled_at):
        scheduled_at = timezone.make_aware(scheduled_at)
    day = local_day(scheduled_at)
    if session.state == SessionState.CLOSED:
        raise refuse("scheduled_at", _("The session is closed: no sitting can be added."))
    if not (session.opens_on <= day <= session.ends_on):
        raise refuse(
            "scheduled_at",
            _(
                "A sitting must be held during its session, from %(start)s to %(end)s "
                "(art. 33, 34 and 37): %(day)s is outside."
            )
            % {"start": session.opens_on, "end": session.ends_on, "day": day},
        )
    if scheduled_at < now:
        raise refuse("scheduled_at", _("A sitting cannot be scheduled in the past."))
    with transaction.atomic():
        sitting = Sitting.objects.create(
            collectivity=session.collectivity,
            session=session,
            call=1,
            quorum_needed=True,
            scheduled_at=scheduled_at,
            place=(place or "").strip()[:200],
        )
        record(
            actor=actor,
            action="council.sitting_schedule",
            collectivity=session.collectivity,
            obj=sitting,
            changes={"session": session.pk, "scheduled_at": scheduled_at, "place": sitting.place},
        )
    return sitting


def _next_call(sitting: Sitting, next_call_at: datetime | None) -> tuple[datetime, int, bool]:
    """(moment, call, quorum_needed) of the sitting after `sitting` failed for lack of
    quorum; raises the ValidationError of a second call outside 3 to 5 days."""
    at = timezone.localtime(sitting.scheduled_at)
    day = at.date()
    if sitting.session.is_governors:
        # The governor's extraordinary session: the next day, whatever the attendance.
        return (
            at + timedelta(days=rules.GOVERNOR_NO_QUORUM_AFTER.value),
            sitting.call + 1,
            False,
        )
    if sitting.call == 1:
        if next_call_at is None:
            moment = at + timedelta(days=rules.SECOND_CALL_MIN.value)
        else:
            if not isinstance(next_call_at, datetime):
                raise refuse("next_call_at", _("Give the day and hour of the second call."))
            moment = next_call_at
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        gap = (local_day(moment) - day).days
        if not (rules.SECOND_CALL_MIN.value <= gap <= rules.SECOND_CALL_MAX.value):
            raise refuse(
                "next_call_at",
                _(
                    "The second call is held between %(min)s and %(max)s days after the first "
                    "(art. 42): %(day)s is %(gap)s days later."
                )
                % {
                    "min": rules.SECOND_CALL_MIN.value,
                    "max": rules.SECOND_CALL_MAX.value,
                    "day": local_day(moment),
                    "gap": gap,
                },
            )
        return moment, 2, True
    third_day = add_working_days(day, rules.THIRD_CALL_AFTER.value)
    moment = timezone.make_aware(datetime.combine(third_day, at.time().replace(tzinfo=None)))
    return moment, 3, False


def sitting_open(
    *,
    actor: Any,
    sitting: Sitting,
    presence: Mapping[int, str],
    next_call_at: datetime | None = None,
    now=None,
) -> Sitting:
    """Take the attendance of every member in office on the sitting's day and open it.

    `presence` maps each member in office (id) to "present", "excused" or "absent"; an
    unknown id, another council's member, a member missing, a bad value or a sitting not
    scheduled is refused with nothing written. With quorum required and fewer present than
    more than half of the members in office (art. 42), the sitting is "no_quorum" and the
    next call is scheduled: the second 3 to 5 days later (`next_call_at`, by default 3 days
    later at the same hour) under the same rule, the third 3 working days after the second
    with any attendance; in the governor's extraordinary session, the next day with any
    attendance (art. 36). Otherwise the sitting is "open"."""
    now = now_or(now)
    with transaction.atomic():
        # The session first (session_close locks it too), then the sitting.
        session = Session.objects.select_for_update().get(pk=sitting.session_id)
        current = _locked(sitting)
        authorize(actor, "council.manage", current)
        if current.state != SittingState.SCHEDULED:
            raise refuse(
                "presence",
                _("Only a scheduled sitting can be opened; this one is “%(state)s”.")
                % {"state": current.get_state_display()},
            )
        if session.state != SessionState.CONVENED:
            raise refuse(
                "presence",
                _(
                    "Only a sitting of a convened session can be opened (art. 35): this "
                    "session is “%(state)s”."
                )
                % {"state": session.get_state_display()},
            )
        day = local_day(current.scheduled_at)
        if local_day(now) < day:
            raise refuse(
                "presence",
                _("A sitting opens on its day: this one is scheduled on %(day)s.")
                % {"day": date_format(day, "j F Y")},
            )
        in_office = {m.pk: m for m in members_in_office(current.collectivity, day)}
        if not isinstance(presence, Mapping):
            raise refuse("presence", _("Give the attendance of every member in office."))
        given: dict[int, str] = {}
        for key, value in presence.items():
            member_id = as_member_id(key)
            if member_id is None or member_id not in in_office:
                raise refuse(
                    "presence",
                    _("“%(id)s” is not a member in office of this council.") % {"id": key},
                )
            if member_id in given:
                raise refuse("presence", _("A member's attendance was given twice."))
            if value not in Presence.values:
                raise refuse(
                    "presence",
                    _("“%(value)s” is not an attendance: present, excused or absent.")
                    % {"value": value},
                )
            given[member_id] = str(value)
        missing = [m for pk, m in in_office.items() if pk not in given]
        if missing:
            raise refuse(
                "presence",
                _("The attendance of every member in office is taken; missing: %(names)s.")
                % {"names": ", ".join(m.name for m in missing)},
            )
        present = sum(1 for v in given.values() if v == Presence.PRESENT)
        needed = rules.quorum(len(in_office))
        without_quorum = current.quorum_needed and present < needed
        following = _next_call(current, next_call_at) if without_quorum else None
        Attendance.objects.bulk_create(
            [
                Attendance(
                    collectivity=current.collectivity,
                    sitting=current,
                    member_id=pk,
                    presence=value,
                )
                for pk, value in given.items()
            ]
        )
        current.in_office_count = len(in_office)
        current.present_count = present
        changes: dict[str, Any] = {
            "in_office": len(in_office),
            "present": present,
            "quorum": needed if current.quorum_needed else None,
            "call": current.call,
        }
        if following is not None:
            moment, call, quorum_needed = following
            current.state = SittingState.NO_QUORUM
            current.save(update_fields=["in_office_count", "present_count", "state"])
            nxt = Sitting.objects.create(
                collectivity=current.collectivity,
                session=current.session,
                call=call,
                previous=current,
                quorum_needed=quorum_needed,
                scheduled_at=moment,
                place=current.place,
            )
            changes.update(
                {
                    "state": [SittingState.SCHEDULED, SittingState.NO_QUORUM],
                    "next_sitting": nxt.pk,
                    "next_call": call,
                    "next_at": moment,
                    "basis": rules.GOVERNOR_NO_QUORUM_AFTER.basis
                    if current.session.is_governors
                    else rules.QUORUM_BASIS,
                }
            )
        else:
            current.state = SittingState.OPEN
            current.opened_at = now
            current.save(update_fields=["in_office_count", "present_count", "state", "opened_at"])
            changes["state"] = [SittingState.SCHEDULED, SittingState.OPEN]
        record(
            actor=actor,
            action="council.sitting_open",
            collectivity=current.collectivity,
            obj=current,
            changes={**changes, "attendance": {str(k): v for k, v in given.items()}},
        )
    return _refresh(sitting, current)


def sitting_close_door(
    *,
    actor: Any,
    sitting: Sitting,
    requested_by: str,
    requesters: Iterable[Any] = (),
    reason: str = "",
) -> Sitting:
    """Hold the sitting behind closed doors (art. 48), at the request of the president or of
    at least a third of the members in office (`requesters`: their ids). Only before or while
    the sitting is open; recorded on the sitting with who asked and why."""
    with transaction.atomic():
        current = _locked(sitting)
        authorize(actor, "council.manage", current)
        if current.state not in (SittingState.SCHEDULED, SittingState.OPEN):
            raise refuse(
                "requested_by",
                _("A sitting can be closed to the public only before or while it is held."),
            )
        if requested_by not in CLOSED_DOOR_BY:
            raise refuse(
                "requested_by",
                _("A closed sitting is requested by the president or by members (art. 48)."),
            )
        day = local_day(current.scheduled_at)
        in_office = set(members_in_office(current.collectivity, day).values_list("pk", flat=True))
        ids: list[int] = []
        if requested_by == "members":
            try:
                raw = list(requesters or ())
            except TypeError:
                raw = [requesters]
            for value in raw:
                member_id = as_member_id(value)
                if member_id is None or member_id not in in_office:
                    raise refuse(
                        "requesters",
                        _("“%(id)s” is not a member in office of this council.") % {"id": value},
                    )
                if member_id not in ids:
                    ids.append(member_id)
            if not rules.share_reached(len(ids), len(in_office), rules.CLOSED_SITTING_SHARE):
                raise refuse(
                    "requesters",
                    _(
                        "A closed sitting needs the request of the president or of at least a "
                        "third of the members in office (art. 48): %(count)s of %(total)s."
                    )
                    % {"count": len(ids), "total": len(in_office)},
                )
        current.is_closed_door = True
        current.closed_door_requested_by = requested_by
        current.closed_door_reason = (reason or "").strip()
        current.save(
            update_fields=["is_closed_door", "closed_door_requested_by", "closed_door_reason"]
        )
        record(
            actor=actor,
            action="council.sitting_close_door",
            collectivity=current.collectivity,
            obj=current,
            changes={
                "requested_by": requested_by,
                "requesters": ids,
                "reason": current.closed_door_reason,
                "basis": rules.CLOSED_SITTING_BASIS,
            },
        )
    return _refresh(sitting, current)


def sitting_close(*, actor: Any, sitting: Sitting, now=None) -> Sitting:
    """Close an open sitting and start the 15-day clock of its minutes (art. 49)."""
    now = now_or(now)
    with transaction.atomic():
        current = _locked(sitting)
        authorize(actor, "council.manage", current)
        if current.state != SittingState.OPEN:
            raise refuse("state", _("Only an open sitting can be closed."))
        current.state = SittingState.CLOSED
        current.closed_at = now
        current.save(update_fields=["state", "closed_at"])
        record(
            actor=actor,
            action="council.sitting_close",
            collectivity=current.collectivity,
            obj=current,
            changes={"state": [SittingState.OPEN, SittingState.CLOSED], "closed_at": now},
        )
        deadline_start(actor=actor, owner=current, spec=MINUTES, on=local_day(now))
    return _refresh(sitting, current)
