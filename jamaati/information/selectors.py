"""Every read of information requests, scoped: the requester sees their own, staff what their
membership reaches, the public the register (no personal data). Anything else answers 404,
exactly as a missing request."""

from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jamaati.core.access.actors import reach_filter
from jamaati.core.access.policies import authorize
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.names import search_key
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.workflow.models import TransitionLog
from jamaati.information.models import Appeal, InformationRequest
from jamaati.information.workflow import RequestState

S = RequestState
QUEUE_PAGE_SIZE = 25
REGISTER_PAGE_SIZE = 20
# What the register never shows: requests still being filed.
UNPUBLISHED = (S.DRAFT,)


def requests_of_requester(user: Any) -> QuerySet[InformationRequest]:
    """The signed-in person's requests, newest first."""
    if not getattr(user, "is_authenticated", False):
        return InformationRequest.objects.none()
    return (
        InformationRequest.objects.filter(requester=user)
        .select_related("collectivity")
        .order_by("-filed_at", "-pk")
    )


def request_get_for_requester(user: Any, number: str) -> InformationRequest:
    """One of the person's own requests by number; 404 for anyone else's."""
    found = (
        InformationRequest.objects.filter(requester=user, number=str(number)[:40])
        .select_related("collectivity")
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if found is None:
        raise Http404
    return found


def request_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> InformationRequest:
    """A request of `collectivity` (the URL's) that one of the actor's memberships reaches
    (404 else, as a missing one); PermissionDenied when that membership may not read it."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    found = (
        InformationRequest.objects.filter(reach_filter(actor), pk=pk, collectivity=collectivity)
        .select_related("collectivity")
        .first()
    )
    if found is None:
        raise Http404
    authorize(actor, "information.view", found)
    return found


def request_queue(
    actor: Any,
    *,
    collectivity: Collectivity,
    state: str = "",
    include_closed: bool = False,
    q: str = "",
) -> QuerySet[InformationRequest]:
    """The collectivity's requests by legal due date: overdue first, then the soonest due,
    requests with no running clock last."""
    authorize(actor, "information.view_queue", collectivity)
    qs = InformationRequest.objects.filter(collectivity=collectivity).exclude(state=S.DRAFT)
    if not include_closed:
        qs = qs.filter(is_open=True)
    if state in S.values:
        qs = qs.filter(state=state)
    if q.strip():
        qs = qs.filter(Q(number=q.strip()) | _words(q))
    return qs.order_by(F("due_on").asc(nulls_last=True), "pk")


def _words(text: str) -> Q:
    condition = Q()
    for word in search_key(text).split()[:8]:
        condition &= Q(search_key__contains=word)
    return condition


def request_timeline(request: InformationRequest) -> list[TransitionLog]:
    return list(
        TransitionLog.objects.filter(
            collectivity_id=request.collectivity_id,
            workflow="information",
            object_id=str(request.pk),
        ).order_by("at", "pk")
    )


def request_clocks(request: InformationRequest, today: date | None = None) -> list[dict[str, Any]]:
    """The request's clocks with the days left (negative when overdue) for running ones."""
    today = today or timezone.localdate()
    rows = []
    for deadline in deadlines_of(request).order_by("created_at", "pk"):
        left = (deadline.due_on - today).days if deadline.status == "running" else None
        rows.append({"deadline": deadline, "days_left": left})
    return rows


def request_appeals(request: InformationRequest) -> list[Appeal]:
    return list(request.appeals.order_by("lodged_on", "pk"))


# --- the public register -----------------------------------------------------------------------


def register_search(*, collectivity: Collectivity | None, q: str = "") -> QuerySet:
    """The register of requests and answers of a collectivity (or of all, when None), newest
    first, searchable by the words of the request; personal data is never read here: callers
    get only the public fields (`public_text`, state, dates, the answer)."""
    qs = InformationRequest.objects.exclude(state__in=UNPUBLISHED)
    if collectivity is not None:
        qs = qs.filter(collectivity=collectivity)
    if q.strip():
        qs = qs.filter(_words(q))
    return qs.select_related("collectivity").only(*PUBLIC_FIELDS).order_by("-filed_at", "-pk")


PUBLIC_FIELDS = (
    "pk",
    "collectivity",
    "number",
    "state",
    "is_open",
    "sought",
    "masked_text",
    "filed_at",
    "answered_at",
    "answer_text",
    "answer_file",
    "answer_file_name",
    "answer_file_type",
    "answer_file_size",
    "published_reference_url",
    "published_reference_title",
    "exceptions",
    "refusal_ground",
    "is_urgent",
    "due_on",
    "search_key",
)


def register_get(*, collectivity: Collectivity, number: str) -> InformationRequest:
    """One request of the register; 404 when it is not this collectivity's."""
    found = register_search(collectivity=collectivity).filter(number=str(number)[:40]).first()
    if found is None:
        raise Http404
    return found


def similar_requests(*, collectivity: Collectivity, text: str, limit: int = 5) -> list:
    """Earlier requests to this body whose text shares the most words with `text` (at least
    two words of four letters or more), so the same question need not be asked twice."""
    words = [w for w in search_key(text).split() if len(w) >= 4][:12]
    if len(words) < 1:
        return []
    any_word = Q()
    for word in words:
        any_word |= Q(search_key__contains=word)
    candidates = list(register_search(collectivity=collectivity).filter(any_word)[:200])
    scored = []
    for item in candidates:
        score = sum(1 for w in words if w in item.search_key)  # kept from the public text
        if score >= min(2, len(words)):
            scored.append((score, item.filed_at, item))
    scored.sort(key=lambda row: (-row[0], -row[1].timestamp()))
    return [item for _score, _at, item in scored[:limit]]


def publications_matching(*, collectivity: Collectivity, text: str, limit: int = 5) -> list:
    """Items of the body's proactive-publication register (art. 10) that match the request's
    words, offered to the officer for an answer "already published"; empty when that
    register is not installed."""
    try:
        from jamaati.transparency.selectors import publication_search
    except ImportError:
        return []
    words = [w for w in search_key(text).split() if len(w) >= 4][:6]
    if not words:
        return []
    # One search: any word matches, the whole phrase and all the words rank first.
    return list(publication_search(collectivity=collectivity, q=" ".join(words), limit=limit))
