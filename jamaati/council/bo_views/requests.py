"""Requests for an extraordinary session (art. 36)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamaati.core.access.policies import is_allowed
from jamaati.council import selectors as sel
from jamaati.council.bo_views._common import Action, _act, _action_rows, _in_office, _url
from jamaati.council.forms import ReasonsForm, RequestAcceptForm, RequestForm, apply_service_errors
from jamaati.council.models import ExtraordinaryRequest
from jamaati.council.services import extraordinary as extraordinary_services
from jamaati.council.workflow import RequestState


def request_list(request: HttpRequest, code: str) -> HttpResponse:
    node = request.collectivity
    rows = sel.requests_of(request.user, collectivity=node)
    probe = ExtraordinaryRequest(collectivity=node)
    return render(
        request,
        "council/bo/request_list.html",
        {
            "node": node,
            "rows": rows,
            "can_record": is_allowed(request.user, "council.manage", probe)
            or is_allowed(request.user, "council.governor", probe),
        },
    )


def request_create(request: HttpRequest, code: str) -> HttpResponse:
    """Record a request for an extraordinary session (members' or governor's)."""
    node = request.collectivity
    probe = ExtraordinaryRequest(collectivity=node)
    if not (
        is_allowed(request.user, "council.manage", probe)
        or is_allowed(request.user, "council.governor", probe)
    ):
        raise PermissionDenied
    form = RequestForm(request.POST if request.method == "POST" else None, members=_in_office(node))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = extraordinary_services.extraordinary_request_record(
                actor=request.user,
                collectivity=node,
                origin=data["origin"],
                received_on=data["received_on"],
                subjects=data["subjects"],
                signatories=list(data.get("signatories") or ()),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The request is recorded: 10 days to answer (art. 36)."))
            return redirect(
                "bo:extraordinaryrequest-detail", code=node.code, extraordinaryrequest_id=found.pk
            )
    return render(
        request,
        "council/bo/form_page.html",
        {
            "node": node,
            "form": form,
            "title": _("Request for an extraordinary session"),
            "submit": _("Record the request"),
            "back_url": _url("extraordinaryrequest-list", probe),
            "back_label": _("Extraordinary sessions"),
        },
    )


def _accept_request(actor: Any, req: ExtraordinaryRequest, data: dict) -> HttpResponse:
    session = extraordinary_services.extraordinary_request_accept(
        actor=actor, request=req, opens_on=data["opens_on"], closes_on=data.get("closes_on")
    )
    return redirect("bo:session-detail", code=req.collectivity.code, session_id=session.pk)


REQUEST_ACTIONS: dict[str, Action] = {
    "accept": Action(
        "accept",
        gettext_lazy("Accept and plan the session"),
        RequestAcceptForm,
        "council.manage",
        _accept_request,
        hint=gettext_lazy(
            "A majority request: within 15 days; the governor's: within 10 days (art. 36)."
        ),
    ),
    "refuse": Action(
        "refuse",
        gettext_lazy("Refuse, with reasons"),
        ReasonsForm,
        "council.manage",
        lambda actor, r, d: extraordinary_services.extraordinary_request_refuse(
            actor=actor, request=r, reasons=d["reasons"]
        ),
        secondary=True,
        hint=gettext_lazy("Within 10 days of receipt (art. 36)."),
    ),
}


def _request_page(
    request: HttpRequest, req: ExtraordinaryRequest, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    offered = ["accept", "refuse"] if req.state == RequestState.PENDING else []
    context = {
        "node": req.collectivity,
        "req": req,
        "signatories": list(req.signatories.all()),
        "clocks": sel.clock_rows(req),
        "actions": _action_rows(
            request,
            req,
            REQUEST_ACTIONS,
            offered,
            "extraordinaryrequest-act",
            {"extraordinaryrequest_id": req.pk},
            failed,
        ),
        "failed": failed[1] if failed else None,
    }
    return render(request, "council/bo/request_detail.html", context, status=200)


def request_detail(request: HttpRequest, code: str, extraordinaryrequest_id: int) -> HttpResponse:
    req = sel.request_get_for_staff(
        request.user, extraordinaryrequest_id, collectivity=request.collectivity
    )
    return _request_page(request, req)


def request_act(
    request: HttpRequest, code: str, extraordinaryrequest_id: int, action: str
) -> HttpResponse:
    req = sel.request_get_for_staff(
        request.user, extraordinaryrequest_id, collectivity=request.collectivity
    )
    return _act(
        request,
        req,
        REQUEST_ACTIONS,
        action,
        lambda failed: _request_page(request, req, failed),
        lambda: redirect(
            "bo:extraordinaryrequest-detail",
            code=req.collectivity.code,
            extraordinaryrequest_id=req.pk,
        ),
    )
