"""The requester's pages at /<lang>/my/information/: their requests, one request with its
history, answer and documents, the receipt, and the complaints while their window is open.

Every request is looked up with `request_get_for_requester` (404 for anyone else's); a
service's ValidationError puts the page back with its message and nothing written.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.documents.responses import document_file_response
from jamaati.information.documents import receipt_for, request_documents
from jamaati.information.forms import CdaiComplaintForm, ReasonsForm, apply_service_errors
from jamaati.information.selectors import (
    request_appeals,
    request_clocks,
    request_get_for_requester,
    request_timeline,
    requests_of_requester,
)
from jamaati.information.services import request_appeal_head, request_cdai_complaint
from jamaati.information.views_common import (
    document_by_code,
    labelled_clocks,
    released_file_response,
    timeline_rows,
)
from jamaati.information.workflow import (
    APPEALABLE_TO_CDAI,
    APPEALABLE_TO_HEAD,
    COURT_DAYS,
    RequestState,
)

S = RequestState
PAGE_SIZE = 20
REQUESTER_ACTIONS = ("appeal_head", "cdai_complaint")


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(requests_of_requester(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "information/citizen/list.html", {"page": page})


def _detail_context(request: HttpRequest, item: Any) -> dict[str, Any]:
    appeal_window = deadline_open_of(item, "appeal_window")
    cdai_window = deadline_open_of(item, "cdai_window")
    return {
        "item": item,
        "clocks": labelled_clocks(request_clocks(item)),
        "timeline": timeline_rows(item, request_timeline(item)),
        "documents": request_documents(item),
        "appeals": request_appeals(item),
        "can_appeal_head": item.state in APPEALABLE_TO_HEAD and appeal_window is not None,
        "can_cdai": item.state in APPEALABLE_TO_CDAI and cdai_window is not None,
        "show_court": item.state == S.CDAI_DECIDED,
        "court_days": COURT_DAYS,
        "appeal_form": ReasonsForm(),
        "cdai_form": CdaiComplaintForm(),
    }


@login_required
def request_detail(request: HttpRequest, number: str) -> HttpResponse:
    item = request_get_for_requester(request.user, number)
    return render(request, "information/citizen/detail.html", _detail_context(request, item))


@login_required
def request_receipt(request: HttpRequest, number: str) -> HttpResponse:
    """The receipt, at once after filing: the number, the date, the legal delay."""
    item = request_get_for_requester(request.user, number)
    answer = deadline_open_of(item, "answer")
    return render(request, "information/citizen/receipt.html", {"item": item, "answer": answer})


@login_required
def request_receipt_pdf(request: HttpRequest, number: str) -> FileResponse:
    item = request_get_for_requester(request.user, number)
    return document_file_response(receipt_for(actor=request.user, request=item), inline=False)


@login_required
def request_document(request: HttpRequest, number: str, verification_code: str) -> FileResponse:
    item = request_get_for_requester(request.user, number)
    return document_file_response(document_by_code(item, verification_code), inline=False)


@login_required
def request_released_file(request: HttpRequest, number: str) -> FileResponse:
    return released_file_response(request_get_for_requester(request.user, number))


@login_required
@require_POST
def request_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    """Complain to the head of the body, or declare the complaint lodged with the CDAI."""
    item = request_get_for_requester(request.user, number)
    if action not in REQUESTER_ACTIONS:
        raise Http404
    form_class = ReasonsForm if action == "appeal_head" else CdaiComplaintForm
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if action == "appeal_head":
                request_appeal_head(
                    actor=request.user, request=item, reasons=form.cleaned_data["reasons"]
                )
            else:
                request_cdai_complaint(
                    actor=request.user,
                    request=item,
                    complained_on=form.cleaned_data.get("complained_on"),
                    reasons=form.cleaned_data.get("reasons", ""),
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            from django.contrib import messages

            messages.success(request, _("Your complaint is recorded."))
            return redirect("information:request-detail", number=item.number)
    context = _detail_context(request, item)
    context["appeal_form" if action == "appeal_head" else "cdai_form"] = form
    context["failed"] = form
    return render(request, "information/citizen/detail.html", context)
