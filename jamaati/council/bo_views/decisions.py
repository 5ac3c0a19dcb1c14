"""Decisions: posting, transmission, and the governor's control (opposition, visa)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from jamaati.core.access.policies import is_allowed
from jamaati.council import selectors as sel
from jamaati.council.bo_views._common import Action, _act, _action_rows, _today
from jamaati.council.forms import ConfirmForm, ReasonsForm
from jamaati.council.models import Decision
from jamaati.council.services import decisions as decisions_services
from jamaati.council.workflow import UNDER_CONTROL, DecisionState


def decision_list(request: HttpRequest, code: str) -> HttpResponse:
    """The secretariat's register, or for the governor's office the decisions of every
    collectivity below, with their clocks (days left; the day silence counts as the visa)."""
    node = request.collectivity
    state = str(request.GET.get("state", ""))[:20]
    rows = sel.decision_rows(request.user, collectivity=node, state=state)
    return render(
        request,
        "council/bo/decision_list.html",
        {
            "node": node,
            "rows": rows,
            "state": state,
            "states": DecisionState.choices,
            "subtree": any(r["decision"].collectivity_id != node.pk for r in rows),
        },
    )


DECISION_ACTIONS: dict[str, Action] = {
    "post": Action(
        "post",
        gettext_lazy("Post the decision publicly"),
        ConfirmForm,
        "council.transmit",
        lambda actor, d, data: decisions_services.decision_post(actor=actor, decision=d),
        hint=gettext_lazy("Within 8 days (art. 273)."),
    ),
    "transmit": Action(
        "transmit",
        gettext_lazy("Send to the governor"),
        ConfirmForm,
        "council.transmit",
        lambda actor, d, data: decisions_services.decision_transmit(actor=actor, decision=d),
        hint=gettext_lazy("Within 15 working days, 5 for urbanism (art. 116)."),
    ),
    "oppose": Action(
        "oppose",
        gettext_lazy("Oppose (new deliberation)"),
        ReasonsForm,
        "council.supervise",
        lambda actor, d, data: decisions_services.decision_oppose(
            actor=actor, decision=d, reasons=data["reasons"]
        ),
        secondary=True,
        hint=gettext_lazy("Within 3 working days of receipt, with reasons (art. 117)."),
    ),
    "give_visa": Action(
        "give_visa",
        gettext_lazy("Give the visa"),
        ConfirmForm,
        "council.supervise",
        lambda actor, d, data: decisions_services.decision_give_visa(actor=actor, decision=d),
    ),
    "refuse_visa": Action(
        "refuse_visa",
        gettext_lazy("Refuse the visa"),
        ReasonsForm,
        "council.supervise",
        lambda actor, d, data: decisions_services.decision_refuse_visa(
            actor=actor, decision=d, reasons=data["reasons"]
        ),
        secondary=True,
    ),
}


def _opposition_open(decision: Decision) -> bool:
    """The 3 working days of art. 117 still run (also before the daily sweep closes them)."""
    from jamaati.core.deadlines.selectors import deadline_open_of

    today = _today()
    return any(
        clock is not None and clock.due_on >= today
        for clock in (
            deadline_open_of(decision, "opposition"),
            deadline_open_of(decision, "opposition_window"),
        )
    )


def _decision_offered(decision: Decision) -> list[str]:
    offered = []
    if decision.posted_at is None and decision.state != DecisionState.OPPOSED:
        offered.append("post")
    if decision.state == DecisionState.ADOPTED:
        offered.append("transmit")
    if decision.state in UNDER_CONTROL and _opposition_open(decision):
        offered.append("oppose")
    if decision.state == DecisionState.AWAITING_VISA:
        offered += ["give_visa", "refuse_visa"]
    return offered


def _decision_page(
    request: HttpRequest, decision: Decision, failed: tuple[str, Any] | None = None
) -> HttpResponse:
    context = {
        "node": decision.collectivity,
        "decision": decision,
        **sel.decision_page(decision),
        "actions": _action_rows(
            request,
            decision,
            DECISION_ACTIONS,
            _decision_offered(decision),
            "decision-act",
            {"decision_id": decision.pk},
            failed,
        ),
        "failed": failed[1] if failed else None,
        "can_manage": is_allowed(request.user, "council.manage", decision),
    }
    return render(request, "council/bo/decision_detail.html", context, status=200)


def decision_detail(request: HttpRequest, code: str, decision_id: int) -> HttpResponse:
    decision = sel.decision_get_for_staff(
        request.user, decision_id, collectivity=request.collectivity
    )
    return _decision_page(request, decision)


def decision_act(request: HttpRequest, code: str, decision_id: int, action: str) -> HttpResponse:
    decision = sel.decision_get_for_staff(
        request.user, decision_id, collectivity=request.collectivity
    )
    return _act(
        request,
        decision,
        DECISION_ACTIONS,
        action,
        lambda failed: _decision_page(request, decision, failed),
        lambda: redirect(
            "bo:decision-detail", code=decision.collectivity.code, decision_id=decision.pk
        ),
    )
