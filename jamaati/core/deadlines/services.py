"""Every write to a legal clock: keyword-only, takes `actor`, atomic, audited.

The workflow engine calls these inside the transition's transaction; each service also stands
on its own (its own atomic block, its own audit event, named `deadline.<verb>` and filed on
the owner so that the owner's trail shows its clocks).
"""

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jamaati.core.audit.chain import record
from jamaati.core.deadlines.arithmetic import moroccan_working_day, schedule
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.specs import DeadlineSpec
from jamaati.core.tenancy.models import TenantModel

Status = Deadline.Status

# Sent inside the transaction after every change to a clock (started, suspended, resumed,
# extended, stopped, expired, recomputed), with `deadline` as saved and `verb`. Apps that
# keep a copy of a due date (a queue's sort key) follow it here.
deadline_changed = Signal()


class DeadlineRefused(ValidationError):  # noqa: N818  (reads as the outcome: "refused")
    """The law does not allow this change to the clock (shown to the user as is)."""


def _today(on: date | None) -> date:
    return on if on is not None else timezone.localdate()


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().get(pk=deadline.pk)


def _audit(actor: Any, verb: str, deadline: Deadline, changes: dict[str, Any]) -> None:
    record(
        actor=actor,
        action=f"deadline.{verb}",
        collectivity=deadline.collectivity,
        object_type=deadline.owner_label,
        object_id=deadline.object_id,
        changes={"deadline": deadline.pk, "kind": deadline.kind, **changes},
    )
    deadline_changed.send(sender=Deadline, deadline=deadline, verb=verb)


def _day(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def deadline_start(
    *, actor: Any, owner: models.Model, spec: DeadlineSpec, on: date | None = None
) -> Deadline:
    """Start the clock `spec` on `owner` on day `on` (today); refused if one of that kind is
    already running or suspended."""
    if not isinstance(owner, TenantModel):
        raise ImproperlyConfigured("a deadline's owner must be a TenantModel")
    start = _today(on)
    with transaction.atomic():
        if Deadline.objects.of(owner).open().filter(kind=spec.kind).exists():
            raise DeadlineRefused(
                _("The “%(kind)s” delay is already running."),
                code="deadline_already_running",
                params={"kind": spec.kind},
            )
        deadline = Deadline.objects.create(
            collectivity=owner.collectivity,  # the owner's, already read
            content_type=ContentType.objects.get_for_model(owner),
            object_id=str(owner.pk),
            kind=spec.kind,
            legal_basis=spec.legal_basis,
            calendar=spec.calendar,
            days=spec.days,
            starts_on=start,
            due_on=schedule(start, spec.days, spec.calendar).due_on,
            on_expiry=spec.on_expiry or "",
            remind_days=spec.remind_days_before or 0,
        )
        _audit(
            actor,
            "start",
            deadline,
            {
                "legal_basis": spec.legal_basis,
                "days": [None, f"{spec.days} {spec.calendar}"],
                "starts_on": [None, start],
                "due_on": [None, deadline.due_on],
            },
        )
    return deadline


def deadline_suspend(
    *,
    actor: Any,
    deadline: Deadline,
    on: date | None = None,
    max_suspensions: int = 1,
    within_first_half: bool = False,
) -> Deadline:
    """Stop the clock on day `on` (today), keeping the days left; at most `max_suspensions`
    times and, when `within_first_half`, only while no more than half the delay is used."""
    day = _today(on)
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.status != Status.RUNNING:
            raise DeadlineRefused(
                _("The “%(kind)s” delay is not running, so it cannot be suspended."),
                code="deadline_not_running",
                params={"kind": deadline.kind},
            )
        if deadline.suspensions >= max_suspensions:
            raise DeadlineRefused(
                _("The “%(kind)s” delay can be suspended only %(count)s time(s)."),
                code="deadline_suspension_limit",
                params={"kind": deadline.kind, "count": max_suspensions},
            )
        if day < deadline.starts_on or day > deadline.due_on:
            raise DeadlineRefused(
                _("The “%(kind)s” delay ran out on %(due)s; it can no longer be suspended."),
                code="deadline_ran_out",
                params={"kind": deadline.kind, "due": _day(deadline.due_on)},
            )
        plan = schedule(
            deadline.starts_on,
            deadline.total_days,
            deadline.calendar,
            [*deadline.suspension_periods(), (day, None)],
        )
        if within_first_half and plan.consumed_days * 2 > deadline.days:
            raise DeadlineRefused(
                _(
                    "The “%(kind)s” delay can be suspended only in the first half of the delay "
                    "(%(used)s of %(days)s days are used)."
                ),
                code="deadline_past_first_half",
                params={"kind": deadline.kind, "used": plan.consumed_days, "days": deadline.days},
            )
        deadline.status = Status.SUSPENDED
        deadline.suspended_on = day
        deadline.remaining_days = plan.remaining_days
        deadline.suspensions += 1
        deadline.save(update_fields=["status", "suspended_on", "remaining_days", "suspensions"])
        _audit(
            actor,
            "suspend",
            deadline,
            {
                "status": [Status.RUNNING, Status.SUSPENDED],
                "suspended_on": [None, day],
                "remaining_days": [None, plan.remaining_days],
            },
        )
    return deadline


def deadline_resume(*, actor: Any, deadline: Deadline, on: date | None = None) -> Deadline:
    """Restart a suspended clock on day `on` (today): due = the remaining days after `on`."""
    day = _today(on)
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.status != Status.SUSPENDED:
            raise DeadlineRefused(
                _("The “%(kind)s” delay is not suspended, so it cannot resume."),
                code="deadline_not_suspended",
                params={"kind": deadline.kind},
            )
        if day < deadline.suspended_on:
            raise DeadlineRefused(
                _("The “%(kind)s” delay cannot resume before it was suspended (%(on)s)."),
                code="deadline_resume_before_suspension",
                params={"kind": deadline.kind, "on": _day(deadline.suspended_on)},
            )
        suspended_on, before = deadline.suspended_on, deadline.due_on
        deadline.history = [*deadline.history, [suspended_on.isoformat(), day.isoformat()]]
        deadline.suspended_days += (day - suspended_on).days
        deadline.status = Status.RUNNING
        deadline.suspended_on = None
        deadline.remaining_days = None
        deadline.due_on = _replayed(deadline).due_on
        deadline.save(
            update_fields=[
                "history",
                "suspended_days",
                "status",
                "suspended_on",
                "remaining_days",
                "due_on",
            ]
        )
        _audit(
            actor,
            "resume",
            deadline,
            {
                "status": [Status.SUSPENDED, Status.RUNNING],
                "resumed_on": [None, day],
                "due_on": [before, deadline.due_on],
            },
        )
    return deadline


def deadline_extend(
    *,
    actor: Any,
    deadline: Deadline,
    days: int,
    max_extensions: int = 1,
    on: date | None = None,
) -> Deadline:
    """Lengthen an open clock by `days`, at most `max_extensions` times, before it runs out."""
    if days <= 0:
        raise ValueError("an extension adds a positive number of days")
    day = _today(on)
    with transaction.atomic():
        deadline = _locked(deadline)
        if not deadline.is_open:
            raise DeadlineRefused(
                _("The “%(kind)s” delay is closed; it cannot be extended."),
                code="deadline_closed",
                params={"kind": deadline.kind},
            )
        if deadline.extensions >= max_extensions:
            raise DeadlineRefused(
                _("The “%(kind)s” delay can be extended only %(count)s time(s)."),
                code="deadline_extension_limit",
                params={"kind": deadline.kind, "count": max_extensions},
            )
        if deadline.status == Status.RUNNING and day > deadline.due_on:
            raise DeadlineRefused(
                _("The “%(kind)s” delay ran out on %(due)s; it can no longer be extended."),
                code="deadline_ran_out",
                params={"kind": deadline.kind, "due": _day(deadline.due_on)},
            )
        before_due, before_remaining = deadline.due_on, deadline.remaining_days
        deadline.extension_days += days
        deadline.extensions += 1
        _apply_replay(deadline)
        deadline.save(update_fields=["extension_days", "extensions", "due_on", "remaining_days"])
        _audit(
            actor,
            "extend",
            deadline,
            {
                "extension_days": [deadline.extension_days - days, deadline.extension_days],
                "due_on": [before_due, deadline.due_on],
                "remaining_days": [before_remaining, deadline.remaining_days],
            },
        )
    return deadline


def deadline_stop(*, actor: Any, deadline: Deadline, on: date | None = None) -> Deadline:
    """Close an open clock (the decision was taken in time, or the file was withdrawn)."""
    day = _today(on)
    with transaction.atomic():
        deadline = _locked(deadline)
        if not deadline.is_open:
            raise DeadlineRefused(
                _("The “%(kind)s” delay is already closed."),
                code="deadline_closed",
                params={"kind": deadline.kind},
            )
        before = deadline.status
        deadline.status = Status.STOPPED
        deadline.stopped_on = day
        deadline.suspended_on = None
        deadline.remaining_days = None
        deadline.save(update_fields=["status", "stopped_on", "suspended_on", "remaining_days"])
        _audit(
            actor, "stop", deadline, {"status": [before, Status.STOPPED], "stopped_on": [None, day]}
        )
    return deadline


def deadline_expire(*, actor: Any, deadline: Deadline, today: date | None = None) -> Deadline:
    """Mark a running clock whose due day is before `today` as expired (the sweep's first
    step)."""
    day = _today(today)
    with transaction.atomic():
        deadline = _locked(deadline)
        if deadline.status != Status.RUNNING or deadline.due_on >= day:
            raise DeadlineRefused(
                _("The “%(kind)s” delay has not run out."),
                code="deadline_not_due",
                params={"kind": deadline.kind},
            )
        deadline.status = Status.EXPIRED
        deadline.expired_at = timezone.now()
        deadline.save(update_fields=["status", "expired_at"])
        _audit(
            actor,
            "expire",
            deadline,
            {
                "status": [Status.RUNNING, Status.EXPIRED],
                "due_on": deadline.due_on,
                "on_expiry": deadline.on_expiry,
            },
        )
    return deadline


def deadline_recompute(*, actor: Any, deadline: Deadline) -> Deadline:
    """Recompute an open clock from its start, delay, extension and suspension history (after
    a holiday moved); audited only when a date changes."""
    with transaction.atomic():
        deadline = _locked(deadline)
        if not deadline.is_open:
            return deadline
        before_due, before_remaining = deadline.due_on, deadline.remaining_days
        _apply_replay(deadline)
        if (deadline.due_on, deadline.remaining_days) != (before_due, before_remaining):
            deadline.save(update_fields=["due_on", "remaining_days"])
            _audit(
                actor,
                "recompute",
                deadline,
                {
                    "due_on": [before_due, deadline.due_on],
                    "remaining_days": [before_remaining, deadline.remaining_days],
                },
            )
    return deadline


def _replayed(deadline: Deadline):
    return schedule(
        deadline.starts_on,
        deadline.total_days,
        deadline.calendar,
        deadline.suspension_periods(),
        is_working_day=moroccan_working_day(),
    )


def _apply_replay(deadline: Deadline) -> None:
    """Set due_on (running) or remaining_days (suspended) from the replayed schedule."""
    plan = _replayed(deadline)
    if deadline.status == Status.SUSPENDED:
        deadline.remaining_days = plan.remaining_days
    else:
        deadline.due_on = plan.due_on
