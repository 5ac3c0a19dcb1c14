"""Keep a request's `due_on` (the queue's sort key) equal to its earliest running clock the
body owes, or, when none runs, the due day of the body's delay that expired (the request is
then overdue); remind the officers before a due day."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min

from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.signals import deadline_changed, deadline_reminder
from jamaati.core.workflow import on_transition
from jamaati.information.models import InformationRequest
from jamaati.information.workflow import BODY_CLOCKS


def sync_due_on(sender: Any, deadline: Deadline, **kwargs: Any) -> None:
    """After any change to a request's clock, in the same transaction."""
    if deadline.content_type_id != ContentType.objects.get_for_model(InformationRequest).pk:
        return
    clocks = Deadline.objects.filter(
        collectivity_id=deadline.collectivity_id,
        content_type_id=deadline.content_type_id,
        object_id=deadline.object_id,
        kind__in=(*BODY_CLOCKS, "cdai_answer"),
    )
    due = clocks.filter(status=Deadline.Status.RUNNING).aggregate(due=Min("due_on"))["due"]
    if due is None:
        expired = (
            clocks.filter(status=Deadline.Status.EXPIRED, kind__in=BODY_CLOCKS)
            .order_by("-expired_at", "-pk")
            .first()
        )
        due = expired.due_on if expired is not None else None
    InformationRequest.objects.filter(pk=int(deadline.object_id)).update(due_on=due)


def remind_officers(sender: Any, deadline: Deadline, owner: Any, today: Any, **kwargs: Any) -> None:
    """The officers (or the head, for a complaint) hear that a due day comes near."""
    from jamaati.information.notifications import reminder_notify

    reminder_notify(owner, deadline, today)


deadline_changed.connect(sync_due_on, dispatch_uid="information.sync_due_on")
deadline_reminder.connect(
    remind_officers, sender=InformationRequest, dispatch_uid="information.remind_officers"
)


@on_transition("information")
def close_head_complaint_on_silence(request: Any, name: str, actor: Any, data: dict) -> None:
    """The head's delay ran out (the clock's transition): the complaint is closed unanswered."""
    if name == "head_lapse":
        from jamaati.information.services import head_silence_record

        head_silence_record(actor=actor, request=request)
