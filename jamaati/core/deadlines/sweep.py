"""The daily sweep: expire the clocks whose delay has run out and apply their legal outcome."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from jamaati.core.audit.chain import record
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadlines_due, deadlines_to_remind
from jamaati.core.deadlines.services import deadline_expire
from jamaati.core.deadlines.signals import deadline_reminder
from jamaati.core.workflow.engine import transition
from jamaati.core.workflow.system import SYSTEM

logger = logging.getLogger(__name__)


@dataclass
class SweepReport:
    found: int = 0  # running clocks due before today when the sweep began
    expired: int = 0  # marked expired (with their outcome applied, if any)
    outcomes: int = 0  # legal outcomes applied through transition()
    failed: list[tuple[int, str]] = field(default_factory=list)  # (deadline id, error)
    reminded: int = 0  # reminders sent before a due day

    def __str__(self) -> str:
        return (
            f"{self.found} due, {self.expired} expired, {self.outcomes} outcomes applied, "
            f"{self.reminded} reminders, {len(self.failed)} failed"
        )


def expire_due_deadlines(
    today: date | None = None,
    *,
    progress: Callable[[Iterable[int]], Iterable[int]] | None = None,
) -> SweepReport:
    """Expire every running clock due before `today` (the due day is still within the delay)
    and apply its `on_expiry` transition as SYSTEM, one transaction per clock.

    A clock whose outcome fails (the file moved on without its clock being stopped, a guard
    refused) is rolled back, logged and left running, so the next sweep retries it; the
    others go on.
    """
    today = today or timezone.localdate()
    ids = list(deadlines_due(today).values_list("pk", flat=True))
    report = SweepReport(found=len(ids))
    for pk in progress(ids) if progress is not None else ids:
        try:
            with transaction.atomic():
                applied = _expire_one(pk, today)
        except Exception as exc:
            logger.exception("deadline %s: expiry failed", pk)
            report.failed.append((pk, f"{type(exc).__name__}: {exc}"))
            continue
        if applied is not None:
            report.expired += 1
            report.outcomes += applied
    return report


def _expire_one(pk: int, today: date) -> bool | None:
    """Expire one clock and apply its outcome; None if it changed since it was listed."""
    deadline = Deadline.objects.select_for_update().filter(pk=pk).first()
    if deadline is None or deadline.status != Deadline.Status.RUNNING or deadline.due_on >= today:
        return None
    deadline = deadline_expire(actor=SYSTEM, deadline=deadline, today=today)
    if not deadline.on_expiry:
        return False
    owner = deadline.content_type.get_object_for_this_type(pk=deadline.object_id)
    transition(owner, deadline.on_expiry, actor=SYSTEM)
    return True


def send_due_reminders(
    today: date | None = None, *, report: SweepReport | None = None
) -> SweepReport:
    """Send `deadline_reminder` for every running clock whose reminder day has come, once per
    due day (a clock whose due day moves is reminded again).

    Each reminder is first recorded (`reminded_for`, and the audit event `deadline.remind`)
    in its own transaction; the signal is sent after that transaction, outside the clock's
    lock, so a slow mail server holds no row and a failed audit sends nothing. A receiver
    that fails is logged and counted as failed; that reminder is not sent again."""
    today = today or timezone.localdate()
    report = report or SweepReport()
    for deadline in deadlines_to_remind(today):
        try:
            with transaction.atomic():
                locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
                if locked.status != Deadline.Status.RUNNING or locked.reminded_for == locked.due_on:
                    continue
                locked.reminded_for = locked.due_on
                locked.save(update_fields=["reminded_for"])
                record(
                    actor=SYSTEM,
                    action="deadline.remind",
                    collectivity=locked.collectivity,
                    object_type=locked.owner_label,
                    object_id=locked.object_id,
                    changes={"deadline": locked.pk, "kind": locked.kind, "due_on": locked.due_on},
                )
            owner = locked.content_type.get_object_for_this_type(pk=locked.object_id)
            deadline_reminder.send(sender=type(owner), deadline=locked, owner=owner, today=today)
        except Exception as exc:
            logger.exception("deadline %s: reminder failed", deadline.pk)
            report.failed.append((deadline.pk, f"{type(exc).__name__}: {exc}"))
            continue
        report.reminded += 1
    return report
