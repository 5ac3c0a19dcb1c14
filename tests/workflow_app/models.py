"""A dossier following a law 55.19-like procedure: submitted, incomplete, decided or deemed
accepted when the decision delay runs out.

Test-only: labels and messages are plain English, not gettext, so that they stay out of the
project's catalogues (a real app marks them with gettext_lazy).
"""

from typing import Any

from django.db import models

from jamaati.core.tenancy.models import TenantModel
from jamaati.core.workflow import WORKING, DeadlineSpec, Transition, Workflow


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    INCOMPLETE = "incomplete", "Awaiting documents"
    DECIDED = "decided", "Decided"
    DEEMED_ACCEPTED = "deemed_accepted", "Deemed accepted"


DECISION = DeadlineSpec(
    "decision",
    days=30,
    calendar=WORKING,
    legal_basis="Law 55.19, art. 16 (test)",
    on_expiry="deem_accepted",
    max_suspensions=1,
    suspend_within_first_half=True,
)


def lists_missing_documents(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    """The request for documents names every missing item at once (law 55.19 art. 10-12)."""
    if not data.get("missing"):
        return "List the missing documents."
    return None


DOSSIER_FLOW = Workflow(
    name="dossier",
    states=State,
    transitions=[
        Transition(
            "submit",
            {State.DRAFT},
            State.SUBMITTED,
            permission="workflow_testapp.submit",
            starts=(DECISION,),
            notify=("applicant",),
        ),
        Transition(
            "request_documents",
            {State.SUBMITTED},
            State.INCOMPLETE,
            permission="workflow_testapp.review",
            guards=(lists_missing_documents,),
            suspends=("decision",),
            notify=("applicant",),
        ),
        Transition(
            "complete",
            {State.INCOMPLETE},
            State.SUBMITTED,
            permission="workflow_testapp.submit",
            resumes=("decision",),
        ),
        Transition(
            "extend",
            {State.SUBMITTED},
            State.SUBMITTED,
            permission="workflow_testapp.review",
            extends=("decision",),
        ),
        Transition(
            "decide",
            {State.SUBMITTED},
            State.DECIDED,
            permission="workflow_testapp.decide",
            stops=("decision",),
            notify=("applicant",),
        ),
        Transition(
            "deem_accepted",
            {State.SUBMITTED},
            State.DEEMED_ACCEPTED,
            permission="workflow_testapp.deem",
            stops=("decision",),
            notify=("applicant",),
        ),
    ],
)


class Dossier(TenantModel):
    title = models.CharField(max_length=100, default="Dossier")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)

    workflow = DOSSIER_FLOW

    def __str__(self) -> str:
        return f"{self.title} ({self.state})"
