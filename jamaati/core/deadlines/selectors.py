"""Reads of legal clocks: the agent's queue (scoped), an object's clocks, the expired ones."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models

from jamaati.core.access.actors import reach_filter
from jamaati.core.deadlines.models import Deadline
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
