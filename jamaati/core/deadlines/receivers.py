"""Keeping running clocks right when an administrator confirms or moves a holiday."""

from datetime import date

from jamaati.core.calendar import on_holidays_changed
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.services import deadline_recompute
from jamaati.core.workflow.system import SYSTEM


def recompute_for_changed_days(changed_days: set[date]) -> int:
    """Recompute every open clock whose window covers a changed day; return how many moved.

    A clock counts days between its start and its due day (a suspended clock keeps its last
    due day, which is after every day it consumed), so `starts_on <= max(changed)` and
    `due_on >= min(changed)` select every clock a changed day can affect.
    """
    if not changed_days:
        return 0
    affected = Deadline.objects.open().filter(
        due_on__gte=min(changed_days), starts_on__lte=max(changed_days)
    )
    moved = 0
    for deadline in affected.select_related("collectivity").iterator(chunk_size=500):
        before = (deadline.due_on, deadline.remaining_days)
        after = deadline_recompute(actor=SYSTEM, deadline=deadline)
        moved += (after.due_on, after.remaining_days) != before
    return moved


on_holidays_changed(recompute_for_changed_days)
