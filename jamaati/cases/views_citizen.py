"""The applicant's pages: file a request online, follow it, answer, appeal, withdraw, rate.

Views are thin: they parse a form, call one service or selector, render. Every case is looked
up with `case_get_for_applicant` (404 for anyone else's); a service's ValidationError puts the
page back with the messages on their fields (status 200) and nothing written.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jamaati.cases.documents import case_documents, receipt_for
from jamaati.cases.forms import (
    AnswerForm,
    DocumentsForm,
    MessageForm,
    RatingForm,
    ReasonsForm,
    apply_service_errors,
    filing_form_for,
    submit_filing_form,
)
from jamaati.cases.models import Case, Channel
from jamaati.cases.selectors import (
    case_attachment_get,
    case_attachments,
    case_clocks,
    case_get_for_applicant,
    case_list_for_applicant,
    case_messages,
    case_rating,
    case_timeline,
)
from jamaati.cases.services import (
    case_act,
    case_add_documents,
    case_answer_info,
    case_rate,
    message_send,
    messages_mark_read,
    missing_documents,
    user_supplied_requirements,
)
from jamaati.cases.workflow import RATEABLE_STATES, WITHDRAWABLE, CaseState
from jamaati.catalogue.selectors import procedure_get_public
from jamaati.core.documents.responses import document_file_response
from jamaati.core.tenancy.selectors import collectivity_get

S = CaseState
PAGE_SIZE = 20
# The transitions an applicant may ask for from their case page (others answer 404).
APPLICANT_ACTIONS = ("appeal", "appeal_silence", "refer_governor", "withdraw")
REASONED_ACTIONS = ("appeal", "appeal_silence", "refer_governor")

# What each state means for the applicant, and what comes next.
STATE_HELP: dict[str, Any] = {
    S.DRAFT: gettext_lazy("Your request is being filed."),
    S.INCOMPLETE: gettext_lazy(
        "Documents are missing. Send all of them before the limit date, or your file is "
        "returned to you. The delay for the decision starts once your file is complete."
    ),
    S.SUBMITTED: gettext_lazy(
        "Your file is complete and is being reviewed. You get an answer within the legal "
        "delay; nothing is needed from you unless the administration asks."
    ),
    S.AWAITING_APPLICANT: gettext_lazy(
        "The administration asks you for a document or information. The delay for the "
        "decision is suspended until you answer."
    ),
    S.DEEMED_ACCEPTED: gettext_lazy(
        "The administration did not answer within the delay: your request is deemed "
        "accepted. The document must be delivered to you within 7 days."
    ),
    S.ACCEPTED: gettext_lazy(
        "Your request is accepted. Download the decision below; anyone can check it with "
        "its verification code."
    ),
    S.REFUSED: gettext_lazy(
        "Your request is refused. The refusal gives its reasons. You may appeal to the "
        "president within 30 days."
    ),
    S.APPEAL_PRESIDENT: gettext_lazy(
        "Your appeal is with the president, who has 15 days to answer it."
    ),
    S.APPEAL_DISMISSED: gettext_lazy(
        "The president dismissed your appeal. You may refer it to the governor."
    ),
    S.APPEAL_GOVERNOR: gettext_lazy("Your appeal is with the governor's office."),
    S.RULING_ORDERED: gettext_lazy(
        "The governor asked the president to rule on your request again."
    ),
    S.REFUSED_FINAL: gettext_lazy("The refusal was upheld after your appeal."),
    S.RETURNED: gettext_lazy(
        "Your file was returned: the missing documents did not arrive within 30 days. You "
        "may file a new request."
    ),
    S.WITHDRAWN: gettext_lazy("You withdrew this request."),
}

CLOCK_LABELS: dict[str, Any] = {
    "completion": gettext_lazy("To complete your file"),
    "decision": gettext_lazy("For the administration to decide"),
    "reply": gettext_lazy("To answer the administration's request"),
    "appeal_window": gettext_lazy("To appeal"),
    "delivery": gettext_lazy("To deliver your document"),
    "appeal_answer": gettext_lazy("For the president to answer your appeal"),
    "ruling": gettext_lazy("For the president to rule"),
}

ACTION_LABELS: dict[str, Any] = {
    "appeal": gettext_lazy("Appeal to the president"),
    "appeal_silence": gettext_lazy("Appeal against the administration's silence"),
    "refer_governor": gettext_lazy("Refer to the governor"),
    "withdraw": gettext_lazy("Withdraw my request"),
}


# --- filing -------------------------------------------------------------------------------


@login_required
def case_file(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """The online filing form of a commune's published procedure; on success, the receipt."""
    node = getattr(request, "collectivity", None) or collectivity_get(code=code)
    version = procedure_get_public(collectivity=node, slug=slug)
    context: dict[str, Any] = {"node": node, "version": version}
    if node.kind == "country" or not version.is_online:
        return render(request, "cases/citizen/not_online.html", context)
    form_class = filing_form_for(version, counter=False)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            case = submit_filing_form(
                form, actor=request.user, version=version, channel=Channel.ONLINE
            )
            if case is not None:
                messages.success(
                    request,
                    _("Your request is filed under number %(number)s.") % {"number": case.number},
                )
                return redirect("cases:case-receipt", number=case.number)
    else:
        form = form_class()
    documents = list(version.documents.all())
    context.update(
        form=form,
        answer_fields=[form[name] for name in form.answer_names],
        applicant_fields=[form[name] for name in form.applicant_names],
        document_fields=[(form[f"document_{d.pk}"], d) for d in form.requirements],
        we_fetch=[d for d in documents if d.supplied_by != "user"],
        fees=list(version.fees.all()),
    )
    return render(request, "cases/citizen/file.html", context)


# --- my cases -----------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The signed-in person's requests, newest first, 20 a page."""
    page = Paginator(case_list_for_applicant(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "cases/citizen/case_list.html", {"page": page})


def _completion_due(case: Case) -> Any:
    from jamaati.core.deadlines.selectors import deadlines_of

    clock = deadlines_of(case).filter(kind="completion").order_by("-pk").first()
    return clock.due_on if clock is not None else None


def _can_appeal_silence(case: Case) -> bool:
    """The decision delay ran out without tacit consent: the applicant may appeal (art. 21)."""
    from jamaati.core.deadlines.selectors import deadlines_of

    return (
        case.state == S.SUBMITTED
        and deadlines_of(case).filter(kind="decision", status="expired", on_expiry="").exists()
    )


def _available_actions(case: Case, *, has_rating: bool) -> dict[str, Any]:
    """What the applicant may do in the case's state (the service checks again)."""
    reasoned = None
    if case.state == S.REFUSED:
        reasoned = "appeal"
    elif _can_appeal_silence(case):
        reasoned = "appeal_silence"
    elif case.state == S.APPEAL_DISMISSED:
        reasoned = "refer_governor"
    elif case.state == S.APPEAL_PRESIDENT:
        from jamaati.core.deadlines.selectors import deadlines_of

        if deadlines_of(case).filter(kind="appeal_answer", status="expired").exists():
            reasoned = "refer_governor"
    return {
        "upload": case.state == S.INCOMPLETE,
        "answer": case.state == S.AWAITING_APPLICANT,
        "reasoned": reasoned,
        "reasoned_label": ACTION_LABELS.get(reasoned or "", ""),
        "withdraw": case.state in WITHDRAWABLE,
        "rate": case.state in RATEABLE_STATES and not has_rating,
    }


def _documents_form_for(case: Case, data: Any = None, files: Any = None) -> DocumentsForm:
    """Missing documents when the file is incomplete; any of the procedure's otherwise."""
    if case.state == S.INCOMPLETE:
        requirements = missing_documents(case)
    else:
        requirements = user_supplied_requirements(case.version)
    if case.state == S.AWAITING_APPLICANT:
        return AnswerForm(data, files, requirements=requirements)
    return DocumentsForm(data, files, requirements=requirements)


def _timeline(case: Case) -> list[dict[str, Any]]:
    rows = []
    for log in case_timeline(case):
        try:
            label = case.workflow.get(log.transition).display
        except LookupError:
            label = log.transition
        rows.append({"log": log, "label": label, "state": case.workflow.state_label(log.target)})
    return rows


def _clocks(case: Case) -> list[dict[str, Any]]:
    rows = []
    for row in case_clocks(case):
        deadline = row["deadline"]
        if deadline.status not in ("running", "suspended"):
            continue
        rows.append({**row, "label": CLOCK_LABELS.get(deadline.kind, deadline.kind)})
    return rows


def _case_page(
    request: HttpRequest,
    case: Case,
    *,
    failed: Any = None,
    failed_as: str = "",
    mark_read: bool = True,
) -> HttpResponse:
    """The applicant's case page; `failed` is the form whose errors must be shown (as the
    form named `failed_as`), with the error summary at the top."""
    thread = case_messages(case)
    unread_ids = {m.pk for m in thread if m.from_staff and m.read_at is None}
    if mark_read and unread_ids:
        messages_mark_read(actor=request.user, case=case, staff_side=False)
    rating = case_rating(case)
    actions = _available_actions(case, has_rating=rating is not None)
    attachments = case_attachments(case)
    page_forms: dict[str, Any] = {
        "documents_form": _documents_form_for(case)
        if actions["upload"] or actions["answer"]
        else None,
        "message_form": MessageForm(),
        "reasons_form": ReasonsForm() if actions["reasoned"] else None,
        "rating_form": RatingForm() if actions["rate"] else None,
    }
    if failed is not None and failed_as:
        page_forms[failed_as] = failed
    context = {
        "case": case,
        "version": case.version,
        "state_help": STATE_HELP.get(case.state, ""),
        "clocks": _clocks(case),
        "timeline": _timeline(case),
        "current_attachments": [a for a in attachments if a.replaced_by_id is None],
        "replaced_attachments": [a for a in attachments if a.replaced_by_id is not None],
        "documents": [d for d in case_documents(case) if d.superseded_at is None],
        "thread": thread,
        "staff_request": next((m for m in reversed(thread) if m.from_staff), None),
        "unread_ids": unread_ids,
        "missing": missing_documents(case) if case.state == S.INCOMPLETE else [],
        "completion_due": _completion_due(case) if case.state == S.INCOMPLETE else None,
        "actions": actions,
        "rating": rating,
        "failed": failed,
        **page_forms,
    }
    return render(request, "cases/citizen/case_detail.html", context)


@login_required
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    """The applicant's page of one case; opening it marks the agents' messages read."""
    case = case_get_for_applicant(request.user, number)
    return _case_page(request, case)


@login_required
def case_receipt(request: HttpRequest, number: str) -> HttpResponse:
    """The receipt as a page: number, date, version, documents received, what is missing."""
    case = case_get_for_applicant(request.user, number)
    complete = case.state not in (S.DRAFT, S.INCOMPLETE)
    attachments = [a for a in case_attachments(case) if a.replaced_by_id is None]
    return render(
        request,
        "cases/citizen/receipt.html",
        {
            "case": case,
            "version": case.version,
            "complete": complete,
            "attachments": attachments,
            "missing": [] if complete else missing_documents(case),
            "completion_due": None if complete else _completion_due(case),
            "now": timezone.now(),
        },
    )


@login_required
def case_receipt_pdf(request: HttpRequest, number: str) -> FileResponse:
    """The receipt of the latest deposit as a PDF (issued on first request)."""
    case = case_get_for_applicant(request.user, number)
    document = receipt_for(actor=request.user, case=case)
    return document_file_response(document, inline=False)


@login_required
def case_document(request: HttpRequest, number: str, verification_code: str) -> FileResponse:
    """A document issued for this case (decision, refusal, attestation, receipt)."""
    case = case_get_for_applicant(request.user, number)
    for document in case_documents(case):
        if document.code == verification_code:
            return document_file_response(document, inline=False)
    raise Http404


@login_required
def case_attachment(request: HttpRequest, number: str, attachment_pk: int) -> FileResponse:
    """A file the applicant supplied, as a download with its stored (checked) type."""
    case = case_get_for_applicant(request.user, number)
    attachment = case_attachment_get(case, attachment_pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the applicant's actions (POST only) ------------------------------------------------------


def _error_form(exc: ValidationError) -> forms.Form:
    """A form holding only a service's refusal, for the error summary."""
    form = forms.Form(data={})
    form.is_valid()
    apply_service_errors(form, exc)
    return form


def _done(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("cases:case-detail", number=case.number)


@login_required
@require_POST
def case_upload(request: HttpRequest, number: str) -> HttpResponse:
    """Send missing documents (incomplete file) or answer the administration's request."""
    case = case_get_for_applicant(request.user, number)
    form = _documents_form_for(case, request.POST, request.FILES)
    if form.is_valid():
        try:
            if case.state == S.AWAITING_APPLICANT:
                case = case_answer_info(
                    actor=request.user,
                    case=case,
                    answer=form.cleaned_data.get("answer") or "",
                    files=form.files_to_send(),
                )
                return _done(request, case, _("Your answer was sent. The review resumes."))
            case = case_add_documents(actor=request.user, case=case, files=form.files_to_send())
            if case.state == S.SUBMITTED:
                return _done(request, case, _("Your file is complete. The review starts."))
            return _done(request, case, _("Your documents were received."))
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return _case_page(request, case, failed=form, failed_as="documents_form", mark_read=False)


@login_required
@require_POST
def case_message(request: HttpRequest, number: str) -> HttpResponse:
    """Write to the agents handling the case."""
    case = case_get_for_applicant(request.user, number)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            message_send(
                actor=request.user, case=case, body=form.cleaned_data["body"], from_staff=False
            )
            return _done(request, case, _("Your message was sent."))
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return _case_page(request, case, failed=form, failed_as="message_form", mark_read=False)


@login_required
@require_POST
def case_act_view(request: HttpRequest, number: str, action: str) -> HttpResponse:
    """Appeal, appeal against silence, refer to the governor (with reasons), or withdraw
    (after a confirmation step)."""
    if action not in APPLICANT_ACTIONS:
        raise Http404
    case = case_get_for_applicant(request.user, number)
    if action == "withdraw":
        if request.POST.get("confirm") != "yes":
            return render(request, "cases/citizen/withdraw_confirm.html", {"case": case})
        try:
            case = case_act(actor=request.user, case=case, name="withdraw")
        except ValidationError as exc:
            return _case_page(request, case, failed=_error_form(exc), mark_read=False)
        return _done(request, case, _("Your request is withdrawn."))
    form = ReasonsForm(request.POST)
    if form.is_valid():
        try:
            case = case_act(
                actor=request.user, case=case, name=action, reasons=form.cleaned_data["reasons"]
            )
            return _done(request, case, _("Your appeal was sent."))
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return _case_page(request, case, failed=form, failed_as="reasons_form", mark_read=False)


@login_required
@require_POST
def case_rate_view(request: HttpRequest, number: str) -> HttpResponse:
    """Rate the service once the case is closed (once)."""
    case = case_get_for_applicant(request.user, number)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            case_rate(
                actor=request.user,
                case=case,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data.get("comment") or "",
            )
            return _done(request, case, _("Thank you for your rating."))
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return _case_page(request, case, failed=form, failed_as="rating_form", mark_read=False)
