"""Keep a case's `due_on` (the queue's sort key) equal to its earliest running clock, or,
when none runs, to the day the administration's expired delay fell due (the case is then
overdue)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min

from jamaati.cases.models import Case
from jamaati.cases.workflow import ADMINISTRATION_CLOCKS
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.services import deadline_changed


def sync_due_on(sender: Any, deadline: Deadline, **kwargs: Any) -> None:
    """After any change to a case's clock, in the same transaction."""
    if deadline.content_type_id != ContentType.objects.get_for_model(Case).pk:
        return
    clocks = Deadline.objects.filter(
        collectivity_id=deadline.collectivity_id,
        content_type_id=deadline.content_type_id,
        object_id=deadline.object_id,
    )
    due = clocks.filter(status=Deadline.Status.RUNNING).aggregate(due=Min("due_on"))["due"]
    if due is None:
        expired = (
            clocks.filter(status=Deadline.Status.EXPIRED, kind__in=ADMINISTRATION_CLOCKS)
            .order_by("-expired_at", "-pk")
            .first()
        )
        due = expired.due_on if expired is not None else None
    Case.objects.filter(pk=int(deadline.object_id)).update(due_on=due)


deadline_changed.connect(sync_due_on, dispatch_uid="cases.sync_due_on")
