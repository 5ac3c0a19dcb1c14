"""Petitions: filing at the counter, the council's answer."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamaati.core.access.policies import is_allowed
from jamaati.council import selectors as sel
from jamaati.council.bo_views._common import Action, _act, _action_rows, _url
from jamaati.council.forms import PetitionCounterForm, ReasonsForm, apply_service_errors
from jamaati.council.models import Petition
from jamaati.council.services import petitions as petitions_services
from jamaati.council.workflow import PetitionState


def petition_list(request: HttpRequest, code: str) -> HttpResponse:
    node = request.collectivity
    state = str(request.GET.get("state", ""))[:20]
    rows = sel.petitions_of(request.user, collectivity=node, state=state)
    return render(
        request,
        "council/bo/petition_list.html",
        {
            "node": node,
            "rows": rows,
            "state": state,
            "states": [c for c in PetitionState.choices if c[0] != PetitionState.DRAFT],
            "can_file": is_allowed(
                request.user, "council.petition_file", Petition(collectivity=node)
            ),
        },
    )


def petition_counter(request: HttpRequest, code: str) -> HttpResponse:
    """The secretariat files a petition brought to the counter; the receipt follows."""
    node = request.collectivity
    if not is_allowed(request.user, "council.petition_file", Petition(collectivity=node)):
        raise PermissionDenied
    form = PetitionCounterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petition = petitions_services.petition_file(
                actor=request.user,
                collectivity=node,
                petitioner_kind=data["petitioner_kind"],
                title=data["title"],
                text=data["text"],
                agent_name=data["agent_name"],
                signatures=data["signatures"],
                agent_email=data.get("agent_email") or "",
                agent_phone=data.get("agent_phone") or "",
                association_name=data.get("association_name") or "",
                association_founded_on=data.get("association_founded_on"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Petition %(number)s is filed: the council answers within 3 months.")
                % {"number": petition.number},
            )
            return redirect("bo:petition-detail", code=node.code, petition_id=petition.pk)
    return render(
        request,
        "council/bo/form_page.html",
        {
            "node": node,
            "form": form,
            "title": _("File a petition at the counter"),
            "submit": _("File the petition"),
            "back_url": _url("petition-list", Petition(collectivity=node)),
            "back_label": _("Petitions"),
        },
    )


class AcceptPetitionForm(forms.Form):
    reasons = forms.CharField(
        label=gettext_lazy("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


PETITION_ACTIONS: dict[str, Action] = {
    "accept": Action(
        "accept",
        gettext_lazy("Accept: on the next session's agenda"),
        AcceptPetitionForm,
        "council.manage",
        lambda actor, p, d: petitions_services.petition_accept(
            actor=actor, petition=p, reasons=d.get("reasons", "")
        ),
    ),
    "refuse": Action(
        "refuse",
        gettext_lazy("Refuse, with reasons"),
        ReasonsForm,
        "council.manage",
        lambda actor, p, d: petitions_services.petition_refuse(
            actor=actor, petition=p, reasons=d["reasons"]
        ),
        secondary=True,
    ),
}


def _petition_page(
    request: HttpRequest, petition: Petition, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    from jamaati.core.documents.selectors import documents_of

    offered = ["accept", "refuse"] if petition.state == PetitionState.FILED else []
    context = {
        "node": petition.collectivity,
        "petition": petition,
        "clocks": sel.clock_rows(petition),
        "items": sel.petition_items(petition),
        "documents": list(documents_of(petition)),
        "actions": _action_rows(
            request,
            petition,
            PETITION_ACTIONS,
            offered,
            "petition-act",
            {"petition_id": petition.pk},
            failed,
        ),
        "failed": failed[1] if failed else None,
    }
    return render(request, "council/bo/petition_detail.html", context, status=200)


def petition_detail(request: HttpRequest, code: str, petition_id: int) -> HttpResponse:
    petition = sel.petition_get_for_staff(
        request.user, petition_id, collectivity=request.collectivity
    )
    return _petition_page(request, petition)


def petition_act(request: HttpRequest, code: str, petition_id: int, action: str) -> HttpResponse:
    petition = sel.petition_get_for_staff(
        request.user, petition_id, collectivity=request.collectivity
    )
    return _act(
        request,
        petition,
        PETITION_ACTIONS,
        action,
        lambda failed: _petition_page(request, petition, failed),
        lambda: redirect(
            "bo:petition-detail", code=petition.collectivity.code, petition_id=petition.pk
        ),
    )
