"""Reads of legal clocks: the agent's queue (scoped), an object's clocks, the expired ones."""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.db.models import F

from jamaati.core.access.actors import reach_filter
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.specs import MAX_REMIND_DAYS
from jamaati.core.tenancy.models import Collectivity


def deadline_list_for(
    actor: Any,
    *,
    collectivity: Collectivity | None = None,
    statuses: Iterable[str] = Deadline.OPEN,
    kind: str | None = None,
) -> models.QuerySet[Deadline]:
    """The clocks in the actor's reach (optionally one collectivity's subtree), open ones by
    default, soonest due first, with their owners prefetched (one query per owner model)."""
    qs = Deadline.objects.filter(reach_filter(actor), status__in=list(statuses))
    if collectivity is not None:
        qs = qs.filter(collectivity__path__startswith=collectivity.path)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("collectivity", "content_type")
        .prefetch_related("owner")
        .order_by("due_on", "pk")
    )


def deadlines_of(owner: models.Model) -> models.QuerySet[Deadline]:
    """Every clock of one object, oldest first (the caller has already authorized the object)."""
    return Deadline.objects.of(owner).order_by("starts_on", "pk")


def deadline_open_of(owner: models.Model, kind: str) -> Deadline | None:
    """The running or suspended clock of this kind on `owner`, if any."""
    return Deadline.objects.of(owner).open().filter(kind=kind).first()


def deadlines_due(today: date) -> models.QuerySet[Deadline]:
    """Running clocks whose due day is before `today`: the ones the sweep expires."""
    return Deadline.objects.filter(status=Deadline.Status.RUNNING, due_on__lt=today).order_by(
        "due_on", "pk"
    )


def deadlines_to_remind(today: date) -> list[Deadline]:
    """Running clocks with a reminder whose day has come (`due_on - remind_days <= today <=
    due_on`) and that were not yet reminded for their current due day, soonest due first."""
    candidates = (
        Deadline.objects.filter(
            status=Deadline.Status.RUNNING,
            remind_days__gt=0,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=MAX_REMIND_DAYS),
        )
        .exclude(reminded_for=F("due_on"))
        .order_by("due_on", "pk")
    )
    # The reminder day depends on each row's own `remind_days`: decided here, per row.
    return [d for d in candidates if d.due_on - timedelta(days=d.remind_days) <= today]
