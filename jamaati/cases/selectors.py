"""Every read of cases, scoped: the applicant sees their own, staff what their membership
reaches. Anything else answers 404, exactly as a missing case."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jamaati.cases.models import Attachment, Case, Consultation, Message
from jamaati.cases.policies import CASE_READERS
from jamaati.core.access.actors import reach_filter
from jamaati.core.access.policies import authorize
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.names import search_key
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.workflow.models import TransitionLog

QUEUE_PAGE_SIZE = 25


def case_list_for_applicant(user: Any) -> QuerySet[Case]:
    """The signed-in person's cases, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    return (
        Case.objects.filter(applicant=user)
        .select_related("version", "collectivity")
        .annotate(
            unread=Count("messages", filter=Q(messages__from_staff=True, messages__read_at=None))
        )
        .order_by("-filed_at", "-pk")
    )


def case_get_for_applicant(user: Any, number: str) -> Case:
    """One of the person's own cases by number; 404 for anyone else's."""
    case = (
        Case.objects.filter(applicant=user, number=number)
        .select_related("version", "collectivity", "procedure")
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if case is None:
        raise Http404
    return case


def case_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Case:
    """A case of `collectivity` (the URL's) that the actor's membership reaches; 404 else."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    case = (
        Case.objects.filter(
            reach_filter(actor, roles=CASE_READERS), pk=pk, collectivity=collectivity
        )
        .select_related("version", "collectivity", "assignee", "procedure")
        .first()
    )
    if case is None:
        raise Http404
    authorize(actor, "cases.view", case)
    return case


@dataclass(frozen=True)
class QueueFilters:
    procedure: int | None = None
    state: str = ""
    assignee: str = ""  # "", "me", "none" or a user id
    due: str = ""  # "", "overdue", "week"
    q: str = ""
    include_closed: bool = False


def case_queue(
    actor: Any, *, collectivity: Collectivity, filters: QueueFilters, today: date | None = None
) -> QuerySet[Case]:
    """The collectivity's cases for the queue, by legal due date (soonest first, cases with
    no running clock last), then number. One query per page whatever the volume: every
    filter narrows the (collectivity, is_open, due_on) index."""
    authorize(actor, "cases.view_queue", collectivity)
    today = today or timezone.localdate()
    qs = Case.objects.filter(collectivity=collectivity)
    if not filters.include_closed:
        qs = qs.filter(is_open=True)
    if filters.procedure:
        qs = qs.filter(procedure_id=filters.procedure)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.assignee == "me":
        qs = qs.filter(assignee=actor)
    elif filters.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        qs = qs.filter(assignee_id=int(filters.assignee))
    if filters.due == "overdue":
        qs = qs.filter(due_on__lt=today)
    elif filters.due == "week":
        qs = qs.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))
    if filters.q.strip():
        text = filters.q.strip()
        words = search_key(text).split()
        by_name = Q()
        for word in words:  # every word, in any order ("alaoui youssef" = "Youssef Alaoui")
            by_name &= Q(search_key__contains=word)
        qs = qs.filter(Q(number=text) | by_name if words else Q(number=text))
    # NULLS LAST is PostgreSQL's order for an ascending index, so the case_queue index still
    # serves the sort there; SQLite would otherwise put the cases without a clock first.
    return qs.select_related("version", "assignee").order_by(F("due_on").asc(nulls_last=True), "pk")


def case_timeline(case: Case) -> list[TransitionLog]:
    """The case's transitions in order (who, when, from which state to which)."""
    return list(
        TransitionLog.objects.filter(
            collectivity_id=case.collectivity_id, workflow="case", object_id=str(case.pk)
        ).order_by("at", "pk")
    )


def case_clocks(case: Case, today: date | None = None) -> list[dict[str, Any]]:
    """The case's clocks with the days left (negative when overdue) for running ones."""
    today = today or timezone.localdate()
    rows = []
    for deadline in deadlines_of(case).order_by("created_at", "pk"):
        left = (deadline.due_on - today).days if deadline.status == "running" else None
        rows.append({"deadline": deadline, "days_left": left})
    return rows


def case_attachments(case: Case) -> list[Attachment]:
    return list(case.attachments.select_related("requirement").order_by("uploaded_at", "pk"))


def case_attachment_get(case: Case, pk: Any) -> Attachment:
    try:
        return case.attachments.get(pk=int(pk))
    except (Attachment.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def case_messages(case: Case) -> list[Message]:
    return list(case.messages.select_related("author").order_by("sent_at", "pk"))


def case_consultations(case: Case) -> list[Consultation]:
    return list(case.consultations.order_by("asked_at", "pk"))


def consultation_get(case: Case, pk: Any) -> Consultation:
    try:
        return case.consultations.get(pk=int(pk))
    except (Consultation.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def unread_count(case: Case, *, staff_side: bool) -> int:
    """Messages from the other side not yet opened by this side."""
    return Message.objects.filter(
        collectivity_id=case.collectivity_id,
        case=case,
        from_staff=not staff_side,
        read_at__isnull=True,
    ).count()


def assignable_agents(collectivity: Collectivity) -> QuerySet:
    """Active staff with an agent, administrator or signatory membership at the collectivity
    or above, for the assignment menu."""
    from django.contrib.auth import get_user_model

    from jamaati.cases.policies import AGENTS, DECIDERS

    codes = [c for c in collectivity.path.strip("/").split("/") if c]
    return (
        get_user_model()
        .objects.filter(
            memberships__role__in=AGENTS | DECIDERS,
            memberships__is_active=True,
            memberships__collectivity__code__in=codes,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# --- back office (queue filters, bulk assignment, counter filing, issued documents) --------


def queue_procedures(collectivity: Collectivity) -> list[tuple[int, str]]:
    """The collectivity's procedures that can have cases, as (procedure id, name of the
    latest non-draft version), by name; one query."""
    from jamaati.catalogue.models import ProcedureVersion

    names: dict[int, str] = {}
    versions = (
        ProcedureVersion.objects.filter(collectivity=collectivity)
        .exclude(status="draft")
        .only("procedure_id", "number", "name_ar", "name_fr")
        .order_by("procedure_id", "number")
    )
    for version in versions:
        names[version.procedure_id] = version.name
    return sorted(names.items(), key=lambda item: item[1])


def cases_for_staff(actor: Any, pks: Any, *, collectivity: Collectivity) -> list[Case]:
    """The cases `pks` of `collectivity` the actor's membership reaches (others left out:
    the caller compares the count to refuse the whole batch)."""
    return list(
        Case.objects.filter(
            reach_filter(actor, roles=CASE_READERS), collectivity=collectivity, pk__in=list(pks)
        ).select_related("collectivity")
    )


def counter_versions(collectivity: Collectivity) -> QuerySet:
    """The published versions of the collectivity's procedures handled at the counter."""
    from jamaati.catalogue.models import ProcedureVersion

    return (
        ProcedureVersion.objects.filter(
            collectivity=collectivity, status="published", is_at_counter=True
        )
        .select_related("procedure")
        .order_by("search_key", "pk")
    )


def counter_version_get(actor: Any, procedure_pk: Any, *, collectivity: Collectivity) -> Any:
    """The published counter version of procedure `procedure_pk` of `collectivity`; 404 for
    another collectivity's, an unpublished one, or one not handled at the counter."""
    authorize(actor, "cases.view_queue", collectivity)
    try:
        procedure_pk = int(procedure_pk)
    except (TypeError, ValueError):
        raise Http404 from None
    version = (
        counter_versions(collectivity)
        .filter(procedure_id=procedure_pk)
        .prefetch_related("documents")
        .first()
    )
    if version is None:
        raise Http404
    return version


def case_document_get(case: Case, code: Any) -> Any:
    """A document issued for this case, by its verification code; 404 for any other."""
    from jamaati.core.documents.selectors import documents_of, normalise_code

    normal = normalise_code(str(code))
    document = documents_of(case).filter(code=normal).first() if normal else None
    if document is None:
        raise Http404
    return document


def case_get_for_staff_by_id(actor: Any, pk: Any) -> Case:
    """A case by id alone (the API's staff routes carry no collectivity): its collectivity is
    looked up, then the case is read through `case_get_for_staff`, so reach decides; 404 for
    a missing case exactly as for one outside reach."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    collectivity_id = Case.objects.filter(pk=pk).values_list("collectivity_id", flat=True).first()
    if collectivity_id is None:
        raise Http404
    collectivity = Collectivity.objects.get(pk=collectivity_id)
    return case_get_for_staff(actor, pk, collectivity=collectivity)


def case_rating(case: Case) -> Any:
    """The applicant's rating of the case, or None when not rated yet."""
    from jamaati.cases.models import Rating

    return Rating.objects.filter(collectivity_id=case.collectivity_id, case=case).first()
