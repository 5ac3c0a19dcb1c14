"""Every read of complaints, scoped: the complainant sees their own (or the one whose tracking
link they hold), staff what their membership reaches at the collectivity in charge. Anything
else answers 404, exactly as a missing complaint. Public reads carry no personal data."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from jamaati.complaints.models import Complaint, ComplaintCategory, ComplaintPhoto
from jamaati.complaints.policies import READERS
from jamaati.complaints.tracking import TrackingHolder, token_matches
from jamaati.complaints.workflow import OPEN_STATES, ComplaintState
from jamaati.core.access.actors import reach_filter
from jamaati.core.access.policies import authorize
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.workflow.models import TransitionLog

QUEUE_PAGE_SIZE = 25
# What the public (Open311, the public list) may see of a complaint: no person, no text of
# the answer's reasons about a person, no token.
PUBLIC_FIELDS = (
    "id",
    "number",
    "kind",
    "category",
    "channel",
    "text",
    "latitude",
    "longitude",
    "address",
    "service_name",
    "state",
    "outcome",
    "filed_at",
    "due_on",
    "answered_at",
    "updated_at",
    "collectivity",
)
PERSONAL_FIELDS = (
    "applicant",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_cin",
    "tracking_token",
    "filed_by",
)


def category_list(*, active_only: bool = True) -> QuerySet[ComplaintCategory]:
    """The national categories, in their display order."""
    qs = ComplaintCategory.objects.all()
    return qs.filter(is_active=True) if active_only else qs


# --- the complainant ----------------------------------------------------------------------


def complaint_list_mine(*, actor: Any) -> QuerySet[Complaint]:
    """The signed-in person's complaints, newest first."""
    if not getattr(actor, "is_authenticated", False):
        return Complaint.objects.none()
    return (
        Complaint.objects.filter(applicant=actor)
        .exclude(state=ComplaintState.NEW)
        .select_related("category", "collectivity")
        .order_by("-filed_at", "-pk")
    )


def complaint_get_own(*, actor: Any, number: Any) -> Complaint:
    """One of the person's own complaints by number; 404 for anyone else's."""
    if not getattr(actor, "is_authenticated", False) or not isinstance(number, str):
        raise Http404
    complaint = (
        Complaint.objects.filter(applicant=actor, number=number)
        .select_related("category", "collectivity")
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def complaint_get_tracked(*, number: Any, token: Any) -> tuple[Complaint, TrackingHolder]:
    """The complaint whose tracking link this is, and the holder to act as; 404 when the
    number or the secret does not match (the same answer for both)."""
    if not isinstance(number, str) or not isinstance(token, str):
        raise Http404
    complaint = (
        Complaint.objects.filter(number=number, is_anonymous=True)
        .select_related("category", "collectivity")
        .first()
    )
    if complaint is None or not token_matches(token, complaint.tracking_token):
        raise Http404
    return complaint, TrackingHolder(complaint.pk)


def complaint_history(complaint: Complaint) -> list[TransitionLog]:
    """The complaint's steps, oldest first (the caller has authorized the complaint)."""
    return list(
        TransitionLog.objects.filter(
            collectivity_id=complaint.collectivity_id,
            content_type=ContentType.objects.get_for_model(Complaint),
            object_id=str(complaint.pk),
        ).order_by("at", "pk")
    )


def complaint_photo(*, complaint: Complaint, photo_id: Any) -> ComplaintPhoto:
    """A photo of an authorized complaint; 404 when it belongs to another one."""
    try:
        photo_id = int(photo_id)
    except (TypeError, ValueError):
        raise Http404 from None
    photo = ComplaintPhoto.objects.filter(
        collectivity_id=complaint.collectivity_id, complaint=complaint, pk=photo_id
    ).first()
    if photo is None:
        raise Http404
    return photo


# --- staff --------------------------------------------------------------------------------


def complaint_get_for_staff(*, actor: Any, pk: Any, collectivity: Collectivity) -> Complaint:
    """A complaint in charge of `collectivity` (the URL's) that the actor reaches; 404 else."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    complaint = (
        Complaint.objects.filter(
            reach_filter(actor, roles=READERS), pk=pk, collectivity=collectivity
        )
        .exclude(state=ComplaintState.NEW)
        .select_related("category", "collectivity", "applicant")
        .first()
    )
    if complaint is None:
        raise Http404
    authorize(actor, "complaints.view", complaint)
    return complaint


@dataclass(frozen=True)
class QueueFilters:
    state: str = ""  # "" = open ones, "all", or a state
    kind: str = ""
    category: str = ""  # a category code
    overdue: bool = False
    number: str = ""  # a part of the tracking number


def complaint_queue(
    *, actor: Any, collectivity: Collectivity, filters: QueueFilters = QueueFilters()
) -> QuerySet[Complaint]:
    """The complaints in charge of `collectivity`: overdue first, then by answer due date."""
    authorize(actor, "complaints.view_queue", collectivity)
    today = timezone.localdate()
    qs = Complaint.objects.filter(collectivity=collectivity).exclude(state=ComplaintState.NEW)
    if filters.state == "all":
        pass
    elif filters.state in ComplaintState.values:
        qs = qs.filter(state=filters.state)
    else:
        qs = qs.filter(state__in=sorted(OPEN_STATES))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.category:
        qs = qs.filter(category__code=filters.category)
    if filters.overdue:
        qs = qs.filter(state=ComplaintState.RECEIVED, due_on__lt=today)
    if filters.number:
        qs = qs.filter(number__icontains=filters.number)
    return (
        qs.select_related("category")
        .defer("text", "answer_text", "tracking_token")
        .annotate(
            late=CaseWhen(
                When(Q(state=ComplaintState.RECEIVED, due_on__lt=today), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("late", "due_on", "pk")
    )


# --- the public (Open311 and the public pages) --------------------------------------------


def complaint_public_list(
    *,
    collectivity: Collectivity | None = None,
    category: str = "",
    state: str = "",
    start: Any = None,
    end: Any = None,
) -> QuerySet[Complaint]:
    """Filed complaints without personal data (only PUBLIC_FIELDS are read), newest first;
    `collectivity` takes its subtree. Anonymous filers and named ones look the same."""
    qs = Complaint.objects.exclude(state=ComplaintState.NEW)
    if collectivity is not None:
        qs = qs.filter(collectivity__path__startswith=collectivity.path)
    if category:
        qs = qs.filter(category__code=category)
    if state == "open":
        qs = qs.filter(state__in=sorted(OPEN_STATES))
    elif state == "closed":
        qs = qs.filter(state=ComplaintState.CLOSED)
    if start is not None:
        qs = qs.filter(filed_at__gte=start)
    if end is not None:
        qs = qs.filter(filed_at__lte=end)
    return (
        qs.only(*PUBLIC_FIELDS)
        .select_related("category", "collectivity")
        .order_by("-filed_at", "-pk")
    )


def complaint_get_public(*, number: Any) -> Complaint:
    """One filed complaint without personal data; 404 when there is none."""
    if not isinstance(number, str):
        raise Http404
    complaint = complaint_public_list().filter(number=number).first()
    if complaint is None:
        raise Http404
    return complaint
