"""Back-office pages of complaints at the URL's collectivity (request.collectivity): the queue
(overdue first, then by answer due date; filters by state, kind, category, overdue), the
complaint page (text, photos, location, history, clocks, the actions the role allows), and
filing at the counter for a walk-in person.

Views are thin: selectors read (and answer 404 outside the collectivity), services write and
check the law; a service's ValidationError is shown on the page and nothing is written.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.complaints import forms
from jamaati.complaints.models import Channel, Complaint, ComplaintKind
from jamaati.complaints.selectors import (
    QUEUE_PAGE_SIZE,
    QueueFilters,
    category_list,
    complaint_get_for_staff,
    complaint_queue,
)
from jamaati.complaints.services import (
    complaint_answer,
    complaint_exclude,
    complaint_file,
    complaint_redirect_external,
    complaint_request_clarification,
    complaint_transfer,
)
from jamaati.complaints.views import (
    _filing_input,
    _photo_response,
    allow_geolocation,
    history_rows,
)
from jamaati.complaints.workflow import ComplaintState
from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.tenancy.models import Collectivity

# action -> (transition, form, service call)
STAFF_ACTIONS = {
    "request": ("request_clarification", forms.RequestForm),
    "answer": ("answer", forms.AnswerForm),
    "redirect": ("redirect_external", forms.RedirectForm),
    "exclude": ("exclude", forms.ExcludeForm),
    "transfer": ("transfer", forms.TransferForm),
}


def complaint_list(request: HttpRequest, code: str) -> HttpResponse:
    """The queue: open complaints by default, overdue first, then the soonest due."""
    node = request.collectivity
    get = request.GET
    filters = QueueFilters(
        state=get.get("state", "") if isinstance(get.get("state", ""), str) else "",
        kind=get.get("kind", "") if get.get("kind", "") in ComplaintKind.values else "",
        category=get.get("category", "")[:60],
        overdue=get.get("overdue") == "1",
        number=get.get("number", "").strip()[:40],
    )
    try:
        page = max(1, int(get.get("page", "1")))
    except ValueError:
        page = 1
    queue = complaint_queue(actor=request.user, collectivity=node, filters=filters)
    start = (page - 1) * QUEUE_PAGE_SIZE
    rows = list(queue[start : start + QUEUE_PAGE_SIZE + 1])
    today = timezone.localdate()
    complaints = [
        {
            "complaint": c,
            "overdue": c.is_overdue(today),
            "days_left": (c.due_on - today).days if c.due_on and c.is_open else None,
        }
        for c in rows[:QUEUE_PAGE_SIZE]
    ]
    query = get.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/bo/complaint_list.html",
        {
            "node": node,
            "complaints": complaints,
            "filters": filters,
            "states": ComplaintState.choices[1:],
            "kinds": ComplaintKind.choices,
            "categories": category_list(active_only=False),
            "page": page,
            "has_next": len(rows) > QUEUE_PAGE_SIZE,
            "query": query.urlencode(),
            "can_file": is_allowed(request.user, "complaints.file_counter", node),
        },
    )


def _page(
    request: HttpRequest, complaint: Complaint, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    today = timezone.localdate()
    actions = {}
    for action, (name, form_class) in STAFF_ACTIONS.items():
        t = complaint.workflow.get(name)
        if complaint.state in t.sources and is_allowed(request.user, t.permission, complaint):
            actions[action] = {"form": bound.get(action) or form_class(), "label": t.display}
    clocks = [
        {
            "deadline": d,
            "days_left": (d.due_on - today).days if d.status == "running" else None,
        }
        for d in deadlines_of(complaint)
    ]
    node = complaint.collectivity
    return render(
        request,
        "complaints/bo/complaint_detail.html",
        {
            "node": request.collectivity,
            "complaint": complaint,
            "history": history_rows(complaint),
            "additions": list(complaint.additions.all()),
            "photos": list(complaint.photos.all()),
            "clocks": clocks,
            "actions": actions,
            "overdue": complaint.is_overdue(today),
            "transfer_targets": [n for n in node.ancestors() if n.depth > 0],
        },
    )


def complaint_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    complaint = complaint_get_for_staff(
        actor=request.user, pk=pk, collectivity=request.collectivity
    )
    return _page(request, complaint)


def complaint_act(request: HttpRequest, code: str, pk: int, action: str) -> HttpResponse:
    """POST one action with its input. Unknown action: 404; not the role's: 403; refused by
    the law: the page again with the reason, nothing written."""
    complaint = complaint_get_for_staff(
        actor=request.user, pk=pk, collectivity=request.collectivity
    )
    if action not in STAFF_ACTIONS:
        raise Http404
    name, form_class = STAFF_ACTIONS[action]
    authorize(request.user, complaint.workflow.get(name).permission, complaint)
    page_url = reverse("bo:complaint-detail", kwargs={"code": code, "pk": complaint.pk})
    if request.method != "POST":
        return redirect(page_url)
    form = form_class(request.POST)
    data = request.POST
    try:
        if action == "request":
            complaint_request_clarification(
                actor=request.user, complaint=complaint, request=data.get("request")
            )
        elif action == "answer":
            complaint_answer(
                actor=request.user,
                complaint=complaint,
                outcome=data.get("outcome"),
                reasons=data.get("reasons"),
            )
        elif action == "redirect":
            complaint_redirect_external(
                actor=request.user,
                complaint=complaint,
                body=data.get("body"),
                reasons=data.get("reasons"),
            )
        elif action == "exclude":
            complaint_exclude(
                actor=request.user,
                complaint=complaint,
                outcome=data.get("outcome"),
                reasons=data.get("reasons"),
            )
        else:
            target = Collectivity.objects.filter(code=str(data.get("to", "")).strip()[:20]).first()
            complaint_transfer(
                actor=request.user, complaint=complaint, to=target, reasons=data.get("reasons")
            )
            messages.success(request, _("The complaint was transferred."))
            return redirect(reverse("bo:complaint-list", kwargs={"code": code}))
    except ValidationError as exc:
        forms.apply_service_errors(form, exc)
        complaint.refresh_from_db()
        return _page(request, complaint, bound={action: form})
    messages.success(request, _("Done."))
    return redirect(page_url)


def complaint_photo(request: HttpRequest, code: str, pk: int, photo: int) -> FileResponse:
    complaint = complaint_get_for_staff(
        actor=request.user, pk=pk, collectivity=request.collectivity
    )
    return _photo_response(complaint, photo)


def complaint_counter(request: HttpRequest, code: str) -> HttpResponse:
    """File for a walk-in person (name and CIN or phone; anonymous only for an observation or
    a suggestion)."""
    node = request.collectivity
    authorize(request.user, "complaints.file_counter", node)
    form = forms.CounterForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        data = request.POST
        try:
            complaint = complaint_file(
                actor=request.user,
                collectivity=node,
                channel=Channel.COUNTER,
                contact_name=data.get("contact_name", ""),
                contact_cin=data.get("contact_cin", ""),
                contact_phone=data.get("contact_phone", ""),
                **_filing_input(request),
            )
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Filed under number %(number)s. Give this number to the person.")
                % {"number": complaint.number},
            )
            if complaint.collectivity_id == node.pk:
                return redirect(
                    reverse("bo:complaint-detail", kwargs={"code": code, "pk": complaint.pk})
                )
            return redirect(reverse("bo:complaint-list", kwargs={"code": code}))
    return allow_geolocation(
        render(request, "complaints/bo/counter.html", {"node": node, "form": form})
    )
