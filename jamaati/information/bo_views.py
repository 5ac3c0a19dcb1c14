"""Back-office pages of information requests at the URL's collectivity: the queue by legal
due date (overdue first), the request page with the actions the role allows (extend, answer
given / partly / refused, the head's answer to a complaint, the CDAI's decision recorded,
masking for the register), and filing at the counter for a walk-in person.

Views are thin: selectors read (and answer 404 outside the collectivity), services write and
check the law; a service's ValidationError is shown on the page and nothing is written.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.documents.responses import document_file_response
from jamaati.information.documents import receipt_for, request_documents
from jamaati.information.forms import (
    AnswerForm,
    CdaiComplaintForm,
    CdaiRecordForm,
    ExtendForm,
    FilingForm,
    MaskForm,
    ReasonsForm,
    apply_service_errors,
)
from jamaati.information.models import Channel, InformationRequest
from jamaati.information.selectors import (
    QUEUE_PAGE_SIZE,
    publications_matching,
    request_appeals,
    request_clocks,
    request_get_for_staff,
    request_queue,
    request_timeline,
    similar_requests,
)
from jamaati.information.services import (
    request_answer,
    request_appeal_head,
    request_cdai_complaint,
    request_cdai_record,
    request_extend,
    request_file,
    request_head_decide,
    request_mask,
)
from jamaati.information.views_common import (
    document_by_code,
    labelled_clocks,
    released_file_response,
    timeline_rows,
)
from jamaati.information.workflow import RequestState

S = RequestState
# The staff's actions: the form each takes and the transition that decides its offer.
ACTIONS: dict[str, tuple[type[forms.Form], str]] = {
    "extend": (ExtendForm, "extend"),
    "given": (AnswerForm, "answer_given"),
    "partly": (AnswerForm, "answer_partly"),
    "refuse": (AnswerForm, "refuse"),
    "appeal_head": (ReasonsForm, "appeal_head"),
    "head_grant": (ReasonsForm, "head_grant"),
    "head_dismiss": (ReasonsForm, "head_dismiss"),
    "cdai_complaint": (CdaiComplaintForm, "cdai_complaint"),
    "cdai_record": (CdaiRecordForm, "cdai_record"),
}


def _to_request(item: InformationRequest) -> HttpResponse:
    return redirect(
        "bo:informationrequest-detail", code=item.collectivity.code, information_request_id=item.pk
    )


def request_list(request: HttpRequest, code: str) -> HttpResponse:
    """The collectivity's requests: overdue first, then by legal due date."""
    node = request.collectivity
    state = str(request.GET.get("state", ""))[:20]
    include_closed = request.GET.get("closed") == "on"
    q = str(request.GET.get("q", ""))[:100]
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        page = 1
    queue = request_queue(
        request.user, collectivity=node, state=state, include_closed=include_closed, q=q
    )
    start = (page - 1) * QUEUE_PAGE_SIZE
    rows = list(queue[start : start + QUEUE_PAGE_SIZE + 1])
    today = timezone.localdate()
    items = [
        {
            "item": item,
            "overdue": item.is_overdue(today),
            "days_left": (item.due_on - today).days if item.due_on else None,
        }
        for item in rows[:QUEUE_PAGE_SIZE]
    ]
    for row in items:
        left = row["days_left"]
        row["overdue_days"] = -left if left is not None and left < 0 else 0
    context = {
        "node": node,
        "items": items,
        "page": page,
        "has_next": len(rows) > QUEUE_PAGE_SIZE,
        "state": state,
        "states": [(v, lbl) for v, lbl in S.choices if v != S.DRAFT],
        "include_closed": include_closed,
        "q": q,
        "can_file": is_allowed(
            request.user, "information.file", InformationRequest(collectivity=node)
        ),
    }
    return render(request, "information/bo/list.html", context)


def _offered(actor: Any, item: InformationRequest) -> list[str]:
    """The actions whose transition is possible from the state and allowed to the actor."""
    offered = []
    for action, (_form, name) in ACTIONS.items():
        t = item.workflow.get(name)
        if item.state in t.sources and is_allowed(actor, t.permission, item):
            offered.append(action)
    answer_clock = deadline_open_of(item, "answer")
    if "extend" in offered and (answer_clock is None or answer_clock.extensions):
        offered.remove("extend")
    if "appeal_head" in offered and deadline_open_of(item, "appeal_window") is None:
        offered.remove("appeal_head")
    return offered


def _publications(item: InformationRequest) -> list:
    return publications_matching(collectivity=item.collectivity, text=item.sought)


def _form_for(
    action: str,
    item: InformationRequest,
    data: Any = None,
    files: Any = None,
    *,
    publications: list | None = None,
) -> Any:
    form_class = ACTIONS[action][0]
    if form_class is AnswerForm:
        if publications is None:
            publications = _publications(item)
        return AnswerForm(data, files, prefix=action, kind=action, publications=publications)
    return form_class(data, files, prefix=action)


def _detail(
    request: HttpRequest, item: InformationRequest, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    offered = _offered(request.user, item)
    can_handle = is_allowed(request.user, "information.handle", item)
    # The register is searched once for the page (every answer form offers the same items).
    publications = _publications(item) if can_handle else []
    forms_by_action = {
        action: _form_for(action, item, publications=publications) for action in offered
    }
    if failed is not None:
        forms_by_action[failed[0]] = failed[1]
    context = {
        "node": item.collectivity,
        "item": item,
        "actions": [
            {"name": a, "form": forms_by_action[a], "t": item.workflow.get(ACTIONS[a][1])}
            for a in offered
        ],
        "answer_forms": [a for a in offered if a in ("given", "partly", "refuse")],
        "clocks": labelled_clocks(request_clocks(item)),
        "timeline": timeline_rows(item, request_timeline(item)),
        "documents": request_documents(item),
        "appeals": request_appeals(item),
        "similar": [
            s
            for s in similar_requests(collectivity=item.collectivity, text=item.sought)
            if s.pk != item.pk
        ],
        "publications": publications,
        "can_handle": can_handle,
        "mask_form": MaskForm(initial={"masked_text": item.masked_text}),
        "failed": failed[1] if failed else None,
        "overdue": item.is_overdue(),
    }
    return render(request, "information/bo/detail.html", context, status=200)


def request_detail(request: HttpRequest, code: str, information_request_id: int) -> HttpResponse:
    item = request_get_for_staff(
        request.user, information_request_id, collectivity=request.collectivity
    )
    return _detail(request, item)


def request_act(
    request: HttpRequest, code: str, information_request_id: int, action: str
) -> HttpResponse:
    """POST one action; the page again with the message when the law or the input says no."""
    item = request_get_for_staff(
        request.user, information_request_id, collectivity=request.collectivity
    )
    if action not in ACTIONS:
        raise Http404
    if request.method != "POST":
        return _to_request(item)
    authorize(request.user, item.workflow.get(ACTIONS[action][1]).permission, item)
    form = _form_for(action, item, request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, item, failed=(action, form))
    data = form.cleaned_data
    actor = request.user
    try:
        if action == "extend":
            request_extend(actor=actor, request=item, reasons=data["reasons"])
        elif action in ("given", "partly", "refuse"):
            request_answer(
                actor=actor, request=item, kind=action, data=data, upload=data.get("file")
            )
        elif action == "appeal_head":
            request_appeal_head(actor=actor, request=item, reasons=data["reasons"])
        elif action in ("head_grant", "head_dismiss"):
            request_head_decide(
                actor=actor, request=item, grant=action == "head_grant", reasons=data["reasons"]
            )
        elif action == "cdai_complaint":
            request_cdai_complaint(
                actor=actor,
                request=item,
                complained_on=data.get("complained_on"),
                reasons=data.get("reasons", ""),
            )
        else:
            request_cdai_record(
                actor=actor,
                request=item,
                outcome=data.get("outcome"),
                decided_on=data.get("decided_on"),
                decision=data.get("decision"),
            )
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _detail(request, item, failed=(action, form))
    messages.success(request, _("Done: the request is updated."))
    return _to_request(item)


def request_mask_view(request: HttpRequest, code: str, information_request_id: int) -> HttpResponse:
    """POST the text the public register shows instead of the request as written."""
    item = request_get_for_staff(
        request.user, information_request_id, collectivity=request.collectivity
    )
    authorize(request.user, "information.handle", item)
    if request.method != "POST":
        return _to_request(item)
    form = MaskForm(request.POST)
    if form.is_valid():
        try:
            request_mask(actor=request.user, request=item, text=form.cleaned_data["masked_text"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The text of the register is updated."))
            return _to_request(item)
    for error in form.errors.values():
        messages.error(request, error[0])
    return _to_request(item)


def request_file_download(
    request: HttpRequest, code: str, information_request_id: int
) -> FileResponse:
    item = request_get_for_staff(
        request.user, information_request_id, collectivity=request.collectivity
    )
    return released_file_response(item)


def request_document(
    request: HttpRequest, code: str, information_request_id: int, verification_code: str
) -> FileResponse:
    item = request_get_for_staff(
        request.user, information_request_id, collectivity=request.collectivity
    )
    return document_file_response(document_by_code(item, verification_code), inline=False)


def request_receipt(request: HttpRequest, code: str, information_request_id: int) -> FileResponse:
    """The receipt to hand to a walk-in requester (issued on first demand)."""
    item = request_get_for_staff(
        request.user, information_request_id, collectivity=request.collectivity
    )
    authorize(request.user, "information.handle", item)
    return document_file_response(receipt_for(actor=request.user, request=item), inline=False)


def request_counter(request: HttpRequest, code: str) -> HttpResponse:
    """An officer or agent files a request for a walk-in person; the receipt follows."""
    node = request.collectivity
    if not is_allowed(request.user, "information.file", InformationRequest(collectivity=node)):
        raise PermissionDenied
    form = FilingForm(request.POST if request.method == "POST" else None, counter=True)
    similar: list = []
    if request.method == "POST":
        similar = similar_requests(
            collectivity=node, text=str(request.POST.get("sought", ""))[:4000]
        )
        if request.POST.get("step") != "check" and form.is_valid():
            try:
                filed = request_file(
                    actor=request.user,
                    collectivity=node,
                    data=form.cleaned_data,
                    channel=Channel.COUNTER,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Request %(number)s is filed. Print the receipt for the requester.")
                    % {"number": filed.number},
                )
                return _to_request(filed)
    return render(
        request,
        "information/bo/counter.html",
        {"node": node, "form": form, "similar": similar, "checked": request.method == "POST"},
    )
