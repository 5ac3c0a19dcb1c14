"""Keep a complaint's `due_on` (the queue's sort key) equal to the due day of its latest
answer clock, and remind the agents in charge before that day."""

from typing import Any

from django.contrib.contenttypes.models import ContentType

from jamaati.complaints.models import Complaint
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.services import deadline_changed
from jamaati.core.deadlines.signals import deadline_reminder


def sync_due_on(sender: Any, deadline: Deadline, **kwargs: Any) -> None:
    """After any change to a complaint's answer clock, in the same transaction."""
    if deadline.kind != "answer":
        return
    if deadline.content_type_id != ContentType.objects.get_for_model(Complaint).pk:
        return
    latest = (
        Deadline.objects.filter(
            content_type_id=deadline.content_type_id, object_id=deadline.object_id, kind="answer"
        )
        .order_by("-pk")
        .values_list("due_on", flat=True)
        .first()
    )
    Complaint.objects.filter(pk=int(deadline.object_id)).update(due_on=latest)


def remind_agents(sender: Any, deadline: Deadline, owner: Any, today: Any, **kwargs: Any) -> None:
    """The sweep's reminder before a due day: the agents of the collectivity in charge."""
    from jamaati.complaints.notifications import remind

    remind(owner, deadline)


deadline_changed.connect(sync_due_on, dispatch_uid="complaints.sync_due_on")
deadline_reminder.connect(remind_agents, sender=Complaint, dispatch_uid="complaints.remind_agents")
