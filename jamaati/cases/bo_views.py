"""Back-office pages of cases at the URL's collectivity (request.collectivity): the agents'
queue (filters, bulk assignment, CSV export), the case page with the actions the agent's role
allows, messages and consultations, and filing at the counter for a walk-in citizen.

Views are thin: selectors read (and answer 404 outside the collectivity), services write and
check the law; a service's ValidationError is shown on the page and nothing is written.
"""

import csv
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jamaati.cases import bo_forms
from jamaati.cases.forms import (
    AnswerForm,
    DocumentsForm,
    apply_service_errors,
    filing_form_for,
    submit_filing_form,
)
from jamaati.cases.models import Case, Channel
from jamaati.cases.selectors import (
    QUEUE_PAGE_SIZE,
    assignable_agents,
    case_attachment_get,
    case_attachments,
    case_clocks,
    case_consultations,
    case_document_get,
    case_get_for_staff,
    case_messages,
    case_queue,
    case_timeline,
    cases_for_staff,
    consultation_get,
    counter_version_get,
    counter_versions,
    queue_procedures,
)
from jamaati.cases.services import (
    case_act,
    case_add_documents,
    case_answer_info,
    case_assign,
    consultation_answer,
    consultation_request,
    message_send,
    messages_mark_read,
    missing_documents,
    user_supplied_requirements,
)
from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.documents.responses import document_file_response

# The administration's actions and the input each takes.
STAFF_ACTIONS: dict[str, type[forms.Form]] = {
    "request_info": bo_forms.RequestInfoForm,
    "extend": bo_forms.ExtendForm,
    "accept": bo_forms.ConfirmForm,
    "refuse": bo_forms.RefuseForm,
    "deliver": bo_forms.ConfirmForm,
    "grant_appeal": bo_forms.ConfirmForm,
    "dismiss_appeal": bo_forms.StaffReasonsForm,
    "dismiss_after_ruling": bo_forms.StaffReasonsForm,
    "order_ruling": bo_forms.NoInputForm,
}
# The applicant's actions an agent takes at the counter for a walk-in applicant.
COUNTER_ACTIONS = (
    "complete",
    "answer_info",
    "appeal",
    "appeal_silence",
    "refer_governor",
    "withdraw",
)
APPLICANT_PERMISSION = "cases.applicant_act"

CLOCK_NAMES = {
    "completion": gettext_lazy("Completing the file"),
    "decision": gettext_lazy("Decision"),
    "reply": gettext_lazy("Applicant's answer to the request"),
    "delivery": gettext_lazy("Delivery of the document"),
    "appeal_window": gettext_lazy("Appeal window"),
    "appeal_answer": gettext_lazy("President's answer to the appeal"),
    "ruling": gettext_lazy("Ruling ordered by the governor"),
}
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _to_case(case: Case) -> HttpResponse:
    return redirect("bo:case-detail", code=case.collectivity.code, pk=case.pk)


# --- the queue -----------------------------------------------------------------------------


def _queue_filters(request: HttpRequest) -> tuple[bo_forms.QueueFilterForm, Any, int, list]:
    node = request.collectivity
    authorize(request.user, "cases.view_queue", node)
    agents = list(assignable_agents(node))
    form = bo_forms.QueueFilterForm(
        request.GET or None, procedures=queue_procedures(node), agents=agents
    )
    filters, page = form.filters()
    return form, filters, page, agents


def _query(form: bo_forms.QueueFilterForm, **extra: Any) -> str:
    """The filters as a query string (only the known, valid ones), with `extra` on top."""
    data = getattr(form, "cleaned_data", {})
    params = {k: v for k, v in data.items() if k != "page" and v not in (None, "", False)}
    if params.get("include_closed"):
        params["include_closed"] = "on"
    params.update(extra)
    return urlencode(params)


def case_list(request: HttpRequest, code: str) -> HttpResponse:
    """The collectivity's cases by legal due date, filtered; pages without a total count (one
    row more than a page tells whether there is a next one)."""
    node = request.collectivity
    form, filters, page, agents = _queue_filters(request)
    today = timezone.localdate()
    start = (page - 1) * QUEUE_PAGE_SIZE
    queue = case_queue(request.user, collectivity=node, filters=filters, today=today)
    rows = list(queue[start : start + QUEUE_PAGE_SIZE + 1])
    has_next = len(rows) > QUEUE_PAGE_SIZE
    week_end = today + timedelta(days=7)
    cases = []
    for case in rows[:QUEUE_PAGE_SIZE]:
        left = (case.due_on - today).days if case.due_on else None
        head, _sep, tail = case.number.partition("-")
        cases.append(
            {
                "case": case,
                "number_head": head,
                "number_tail": tail,
                "days_left": left,
                "overdue": case.is_overdue(today),
                "overdue_days": -left if left is not None and left < 0 else 0,
                "due_soon": bool(case.is_open and case.due_on and today <= case.due_on <= week_end),
            }
        )
    context = {
        "node": node,
        "form": form,
        "cases": cases,
        "page": page,
        "next_query": _query(form, page=page + 1) if has_next else "",
        "previous_query": _query(form, page=page - 1) if page > 1 else "",
        "filter_query": _query(form),
        "assign_form": bo_forms.AssignForm(agents=agents),
        "can_assign": is_allowed(request.user, "cases.instruct", node),
        "can_file": is_allowed(request.user, "cases.file", Case(collectivity=node)),
        "filtered": bool(form.is_bound and _query(form)),
    }
    return render(request, "cases/bo/case_list.html", context)


def case_assign_view(request: HttpRequest, code: str) -> HttpResponse:
    """POST: assign the selected cases (all of this collectivity) to an agent, or unassign
    them. A case id that is not this collectivity's refuses the whole batch."""
    node = request.collectivity
    authorize(request.user, "cases.view_queue", node)
    back = reverse("bo:case-list", kwargs={"code": node.code})
    query = str(request.POST.get("back", ""))[:1000]
    if query and not query.startswith(("/", "\\")) and "://" not in query:
        back = f"{back}?{query}"
    if request.method != "POST":
        return redirect(back)
    form = bo_forms.AssignForm(request.POST, agents=list(assignable_agents(node)))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    pks = sorted(set(form.cleaned_data["cases"]))
    cases = cases_for_staff(request.user, pks, collectivity=node)
    if len(cases) != len(pks):
        messages.error(request, _("A selected case is not a case of this collectivity."))
        return redirect(back)
    try:
        changed = case_assign(actor=request.user, cases=cases, assignee=form.assignee_user())
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(
        request,
        _("%(count)s case(s) updated.") % {"count": changed},
    )
    return redirect(back)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_START) else text


def case_export(request: HttpRequest, code: str) -> StreamingHttpResponse:
    """The queue with the same filters as CSV (UTF-8 with a BOM so Excel reads Arabic)."""
    node = request.collectivity
    _form, filters, _page, _agents = _queue_filters(request)
    queue = case_queue(request.user, collectivity=node, filters=filters)
    writer = csv.writer(_Echo())
    header = [
        _("Number"),
        _("Procedure"),
        _("Applicant"),
        _("State"),
        _("Filed at"),
        _("Due on"),
        _("Assigned to"),
    ]

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        for case in queue.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    _cell(v)
                    for v in (
                        case.number,
                        case.version.name,
                        case.display_applicant,
                        case.state_label(),
                        timezone.localtime(case.filed_at).strftime("%Y-%m-%d %H:%M"),
                        case.due_on.isoformat() if case.due_on else "",
                        case.assignee.display_name if case.assignee_id else "",
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="cases-{node.code}-{stamp}.csv"'
    return response


# --- the case page -------------------------------------------------------------------------


def _action_form(action: str, case: Case, data: Any = None, files: Any = None) -> forms.Form:
    auto_id = f"{action}-%s"
    if action == "complete":
        return DocumentsForm(data, files, requirements=missing_documents(case), auto_id=auto_id)
    if action == "answer_info":
        return AnswerForm(
            data, files, requirements=user_supplied_requirements(case.version), auto_id=auto_id
        )
    if action == "withdraw":
        return bo_forms.ConfirmForm(data, auto_id=auto_id)
    if action in COUNTER_ACTIONS:
        return bo_forms.StaffReasonsForm(data, auto_id=auto_id)
    return STAFF_ACTIONS[action](data, auto_id=auto_id)


def _actions(user: Any, case: Case) -> tuple[list, list]:
    """The staff actions and, for a counter case, the applicant's actions the user may take in
    the case's current state, as (transition, form) pairs."""
    staff, counter = [], []
    for t in case.workflow.transitions:
        if case.state not in t.sources:
            continue
        if t.name == "extend" and not case.version.allows_extension:
            continue  # the procedure gives no extension: the button would only be refused
        if t.name in STAFF_ACTIONS and is_allowed(user, t.permission, case):
            staff.append(t)
        elif (
            t.name in COUNTER_ACTIONS
            and case.channel == Channel.COUNTER
            and is_allowed(user, APPLICANT_PERMISSION, case)
        ):
            counter.append(t)
    return staff, counter


def _answers(case: Case) -> list[tuple[str, str]]:
    """The answers to the procedure's form, labelled in the page's language."""
    lang = (get_language() or "ar").split("-")[0]
    rows = []
    known = set()
    for spec in case.version.form_schema or []:
        if not isinstance(spec, dict) or spec.get("name") not in case.data:
            continue
        name = spec["name"]
        known.add(name)
        label = spec.get(f"label_{lang}") or spec.get("label_ar") or spec.get("label_fr") or name
        rows.append((label, _plain(case.data[name], spec)))
    for name, value in case.data.items():
        if name not in known:
            rows.append((name, _plain(value, {})))
    return rows


def _plain(value: Any, spec: dict) -> str:
    lang = (get_language() or "ar").split("-")[0]
    if isinstance(value, list):
        return " ; ".join(_plain(v, {}) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v, {})}" for k, v in value.items())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    for choice in spec.get("choices") or []:
        if isinstance(choice, dict) and str(choice.get("value")) == str(value):
            return str(choice.get(f"label_{lang}") or choice.get("label_ar") or value)
    return "" if value is None else str(value)


def _case_page(
    request: HttpRequest, case: Case, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The case page; `bound` holds the form(s) just posted with their errors."""
    bound = bound or {}
    user = request.user
    staff_actions, counter_actions = _actions(user, case)
    can_instruct = is_allowed(user, "cases.instruct", case)
    if can_instruct and request.method == "GET":
        messages_mark_read(actor=user, case=case, staff_side=True)
    logs = case_timeline(case)
    by_name = case.workflow.by_name
    from django.contrib.auth import get_user_model

    people = {
        u.pk: u.display_name
        for u in get_user_model().objects.filter(pk__in={log.actor_id for log in logs})
    }
    timeline = [
        {
            "log": log,
            "label": by_name[log.transition].display
            if log.transition in by_name
            else log.transition,
            "source": case.workflow.state_label(log.source),
            "target": case.workflow.state_label(log.target),
            "actor": people.get(log.actor_id) or log.actor_label,
        }
        for log in logs
    ]
    clocks = [
        {**row, "name": CLOCK_NAMES.get(row["deadline"].kind, row["deadline"].kind)}
        for row in case_clocks(case)
    ]
    consultations = case_consultations(case)
    from jamaati.cases.documents import case_documents

    context = {
        "node": request.collectivity,
        "case": case,
        "clocks": clocks,
        "timeline": timeline,
        "answers": _answers(case),
        "attachments": case_attachments(case),
        "documents": case_documents(case),
        "thread": case_messages(case),
        "consultations": [
            {
                "consultation": c,
                "form": bound.get(f"opinion-{c.pk}")
                or bo_forms.OpinionForm(auto_id=f"opinion-{c.pk}-%s"),
            }
            for c in consultations
        ],
        "staff_actions": [
            {"t": t, "form": bound.get(t.name) or _action_form(t.name, case)} for t in staff_actions
        ],
        "counter_actions": [
            {"t": t, "form": bound.get(t.name) or _action_form(t.name, case)}
            for t in counter_actions
        ],
        "can_instruct": can_instruct,
        "message_form": bound.get("message") or bo_forms.MessageForm(auto_id="message-%s"),
        "consult_form": bound.get("consult") or bo_forms.ConsultForm(auto_id="consult-%s"),
        "bound": bound,
        "errors_form": next(iter(bound.values()), None),
    }
    return render(request, "cases/bo/case_detail.html", context)


def case_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    return _case_page(request, case)


def case_act_view(request: HttpRequest, code: str, pk: int, action: str) -> HttpResponse:
    """POST: apply one action with its input. Not an action of this page: 404; not the role's
    or (applicant's action) not a counter case: 403; refused by the law: the page again with
    the reason, nothing written."""
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    t = case.workflow.by_name.get(action)
    if t is None or (action not in STAFF_ACTIONS and action not in COUNTER_ACTIONS):
        raise Http404
    if action in COUNTER_ACTIONS:
        if case.channel != Channel.COUNTER:
            raise PermissionDenied("applicant actions are taken at the counter only")
        authorize(request.user, APPLICANT_PERMISSION, case)
    else:
        authorize(request.user, t.permission, case)
    if request.method != "POST":
        return _to_case(case)
    form = _action_form(action, case, request.POST, request.FILES)
    if case.state not in t.sources:
        # Said before any service runs (adding documents, for one, has no state of its own).
        form.add_error(
            None,
            _("“%(transition)s” is not possible while the file is “%(state)s”.")
            % {"transition": t.display, "state": case.state_label()},
        )
    if form.is_valid():
        try:
            if action == "complete":
                case_add_documents(actor=request.user, case=case, files=form.files_to_send())
            elif action == "answer_info":
                case_answer_info(
                    actor=request.user,
                    case=case,
                    answer=form.cleaned_data.get("answer") or "",
                    files=form.files_to_send(),
                )
            else:
                case_act(actor=request.user, case=case, name=action, **form.inputs())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Done: “%(action)s”.") % {"action": t.display})
            return _to_case(case)
    case.refresh_from_db()
    return _case_page(request, case, bound={action: form})


def case_message(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """POST: a message to the applicant (the applicant is notified)."""
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    authorize(request.user, "cases.instruct", case)
    if request.method != "POST":
        return _to_case(case)
    form = bo_forms.MessageForm(request.POST, auto_id="message-%s")
    if form.is_valid():
        try:
            message_send(
                actor=request.user, case=case, body=form.cleaned_data["body"], from_staff=True
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The message is sent."))
            return _to_case(case)
    return _case_page(request, case, bound={"message": form})


def case_consult(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """POST: ask another service for its opinion (its own clock, in working days)."""
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    authorize(request.user, "cases.instruct", case)
    if request.method != "POST":
        return _to_case(case)
    form = bo_forms.ConsultForm(request.POST, auto_id="consult-%s")
    if form.is_valid():
        try:
            consultation_request(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The opinion is requested."))
            return _to_case(case)
    return _case_page(request, case, bound={"consult": form})


def case_opinion(request: HttpRequest, code: str, pk: int, consultation_id: int) -> HttpResponse:
    """POST: record the opinion a consulted service gave."""
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    consultation = consultation_get(case, consultation_id)
    authorize(request.user, "cases.instruct", case)
    if request.method != "POST":
        return _to_case(case)
    key = f"opinion-{consultation.pk}"
    form = bo_forms.OpinionForm(request.POST, auto_id=f"{key}-%s")
    if form.is_valid():
        try:
            consultation_answer(
                actor=request.user,
                consultation=consultation,
                opinion=form.cleaned_data["opinion"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The opinion is recorded."))
            return _to_case(case)
    return _case_page(request, case, bound={key: form})


def case_attachment(request: HttpRequest, code: str, pk: int, attachment_pk: int) -> FileResponse:
    """A document the applicant supplied, downloaded under its original name."""
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    attachment = case_attachment_get(case, attachment_pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def case_document(request: HttpRequest, code: str, pk: int, verification_code: str) -> FileResponse:
    """A document issued for the case (receipt, decision, refusal, attestation)."""
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    return document_file_response(case_document_get(case, verification_code))


def case_receipt(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """The receipt of the latest deposit, to print for the applicant."""
    case = case_get_for_staff(request.user, pk, collectivity=request.collectivity)
    authorize(request.user, "cases.instruct", case)
    from jamaati.cases.documents import receipt_for

    return document_file_response(receipt_for(actor=request.user, case=case))


# --- filing at the counter -----------------------------------------------------------------


def case_counter(request: HttpRequest, code: str) -> HttpResponse:
    """The procedures of the collectivity handled at the counter, to file for a walk-in."""
    node = request.collectivity
    authorize(request.user, "cases.view_queue", node)
    context = {"node": node, "versions": list(counter_versions(node))}
    return render(request, "cases/bo/counter_list.html", context)


def procedure_counter(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The counter form of one procedure; on success the new case's page (with its receipt)."""
    node = request.collectivity
    version = counter_version_get(request.user, pk, collectivity=node)
    form_class = filing_form_for(version, counter=True)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, auto_id="id_%s")
    else:
        form = form_class(auto_id="id_%s")
    if request.method == "POST" and form.is_valid():
        case = submit_filing_form(
            form, actor=request.user, version=version, channel=Channel.COUNTER
        )
        if case is not None:
            messages.success(
                request,
                _("Case %(number)s is filed. Print the receipt for the applicant.")
                % {"number": case.number},
            )
            return _to_case(case)
    context = {
        "node": node,
        "version": version,
        "form": form,
        "applicant_fields": [form[name] for name in getattr(form, "applicant_names", ())],
        "answer_fields": [
            form[name] for name in getattr(form, "answer_names", ()) if name in form.fields
        ],
        "document_fields": [form[name] for name in getattr(form, "document_names", ())],
    }
    return render(request, "cases/bo/counter_form.html", context)
