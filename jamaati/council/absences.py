"""Who is to be flagged to the secretariat for removal (art. 67): members in office absent
without excuse from 3 sessions in a row, or from 5 sessions in all.

Absences are counted in sessions, not sittings: a member is absent from a closed session when
present at none of its held sittings (Sitting.state open or closed) and excused at none. Only
sessions during which the member was in office count. A read: nothing is written.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from jamaati.council import rules
from jamaati.council.models import (
    Attendance,
    Member,
    Presence,
    Session,
    SessionState,
    SittingState,
    in_office_filter,
)

HELD = (SittingState.OPEN, SittingState.CLOSED)


@dataclass(frozen=True)
class AbsenceFlag:
    """A member to flag: the longest run of consecutive unexcused session absences and the
    total of them."""

    member: Member
    consecutive: int
    total: int


def absence_counts(collectivity: Any, *, today: date | None = None) -> dict[int, tuple[int, int]]:
    """{member pk: (longest run, total)} of unexcused session absences of the members in
    office on `today`, over the council's closed sessions with a held sitting."""
    today = today or timezone.localdate()
    members = list(Member.objects.filter(collectivity=collectivity).filter(in_office_filter(today)))
    sessions = list(
        Session.objects.filter(
            collectivity=collectivity,
            state=SessionState.CLOSED,
            opens_on__lte=today,
            sittings__state__in=HELD,
        )
        .distinct()
        .order_by("opens_on", "pk")
    )
    marks: dict[tuple[int, int], set[str]] = defaultdict(set)
    rows = Attendance.objects.filter(
        collectivity=collectivity,
        sitting__session__in=sessions,
        sitting__state__in=HELD,
    ).values_list("sitting__session_id", "member_id", "presence")
    for session_id, member_id, presence in rows:
        marks[(session_id, member_id)].add(presence)
    counts = {}
    for member in members:
        run = longest = total = 0
        for session in sessions:
            if not member.in_office_on(session.opens_on):
                continue
            seen = marks.get((session.pk, member.pk), set())
            if Presence.PRESENT in seen or Presence.EXCUSED in seen:
                run = 0
                continue
            run += 1
            total += 1
            longest = max(longest, run)
        counts[member.pk] = (longest, total)
    return counts


def absence_flags(collectivity: Any, *, today: date | None = None) -> list[AbsenceFlag]:
    """The members in office on `today` with at least 3 consecutive or 5 unexcused session
    absences (rules.ABSENCES_CONSECUTIVE / ABSENCES_TOTAL), by name."""
    today = today or timezone.localdate()
    counts = absence_counts(collectivity, today=today)
    flagged = [
        pk
        for pk, (consecutive, total) in counts.items()
        if consecutive >= rules.ABSENCES_CONSECUTIVE.value or total >= rules.ABSENCES_TOTAL.value
    ]
    members = Member.objects.filter(pk__in=flagged).order_by("last_name_fr", "pk")
    return [AbsenceFlag(m, *counts[m.pk]) for m in members]
