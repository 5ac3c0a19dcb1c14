"""The life of a case under law 55.19, as data: states, transitions, who may apply them, and
the legal clocks they start, suspend, resume, extend and stop.

The decision clock is declared here with its legal basis; each case refines it with its
procedure version's delay and silence rule (`Case.clock_for`). See docs/cases.md for the
diagram (`CASE_FLOW.to_mermaid()`).
"""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.workflow import CALENDAR, WORKING, DeadlineSpec, Transition, Workflow


class CaseState(models.TextChoices):
    DRAFT = "draft", _("Being filed")
    INCOMPLETE = "incomplete", _("Filing in progress: documents missing")
    SUBMITTED = "submitted", _("Filed: under review")
    AWAITING_APPLICANT = "awaiting_applicant", _("Waiting for the applicant")
    DEEMED_ACCEPTED = "deemed_accepted", _("Deemed accepted (silence)")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    APPEAL_PRESIDENT = "appeal_president", _("Appeal to the president")
    APPEAL_DISMISSED = "appeal_dismissed", _("Appeal dismissed by the president")
    APPEAL_GOVERNOR = "appeal_governor", _("Appeal to the governor")
    RULING_ORDERED = "ruling_ordered", _("Ruling ordered by the governor")
    REFUSED_FINAL = "refused_final", _("Refused after appeal")
    RETURNED = "returned", _("Returned: not completed in time")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


S = CaseState
# States in which the administration still owes something: they fill the agents' queues.
OPEN_STATES = frozenset(
    {
        S.DRAFT,
        S.INCOMPLETE,
        S.SUBMITTED,
        S.AWAITING_APPLICANT,
        S.DEEMED_ACCEPTED,
        S.APPEAL_PRESIDENT,
        S.APPEAL_GOVERNOR,
        S.RULING_ORDERED,
    }
)
# States the applicant can still act in by withdrawing.
WITHDRAWABLE = frozenset({S.INCOMPLETE, S.SUBMITTED, S.AWAITING_APPLICANT})
DECIDED_STATES = frozenset({S.ACCEPTED, S.REFUSED, S.DEEMED_ACCEPTED})
RATEABLE_STATES = frozenset(
    {S.ACCEPTED, S.REFUSED, S.APPEAL_DISMISSED, S.REFUSED_FINAL, S.RETURNED, S.WITHDRAWN}
)

L5519 = "Loi 55.19"
COMPLETION = DeadlineSpec(
    "completion",
    days=30,
    calendar=CALENDAR,
    legal_basis=f"{L5519}, art. 10-12",
    on_expiry="return_file",
)
# Days and calendar come from the procedure version; on_expiry is kept only where the
# version says silence means acceptance (Case.clock_for).
DECISION = DeadlineSpec(
    "decision",
    days=60,
    calendar=CALENDAR,
    legal_basis=f"{L5519}, art. 16-17, 19-20",
    on_expiry="deem_accept",
    max_suspensions=1,
    suspend_within_first_half=True,
    max_extensions=1,
)
REPLY = DeadlineSpec("reply", days=30, calendar=CALENDAR, legal_basis=f"{L5519}, art. 14")
DELIVERY = DeadlineSpec("delivery", days=7, calendar=CALENDAR, legal_basis=f"{L5519}, art. 20")
APPEAL_WINDOW = DeadlineSpec(
    "appeal_window", days=30, calendar=CALENDAR, legal_basis=f"{L5519}, art. 21"
)
APPEAL_ANSWER = DeadlineSpec(
    "appeal_answer", days=15, calendar=CALENDAR, legal_basis=f"{L5519}, art. 21"
)
RULING = DeadlineSpec("ruling", days=10, calendar=CALENDAR, legal_basis=f"{L5519}, art. 21")
# Opinions asked of another service run on their own rows (Consultation), in working days.
OPINION_BASIS = f"{L5519}, art. 23-24"
OPINION_CALENDAR = WORKING

# The delays the administration owes (an expired one leaves the case overdue).
ADMINISTRATION_CLOCKS = ("decision", "delivery", "appeal_answer", "ruling")

EXTENSION_REASONS = ("expert_study", "public_inquiry")


def _missing_documents(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if data.get("missing"):
        return str(_("The file is incomplete: every required document must be supplied first."))
    return None


def _states_what_is_needed(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not str(data.get("request", "")).strip():
        return str(_("Say which document must be replaced or which information is needed."))
    return None


def _extension_allowed(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    version = case.version
    if not version.allows_extension:
        return str(_("This procedure does not allow its delay to be extended."))
    reason = data.get("reason")
    if reason not in EXTENSION_REASONS or (
        version.extension_reason and reason != version.extension_reason
    ):
        return str(
            _(
                "The delay may be extended only for the expert study or public inquiry "
                "the procedure provides for."
            )
        )
    return None


def _reasons_and_basis(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not str(data.get("reasons", "")).strip() or not str(data.get("legal_basis", "")).strip():
        return str(_("A refusal must give its reasons and its legal basis."))
    return None


def _reasons(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not str(data.get("reasons", "")).strip():
        return str(_("Give the reasons."))
    return None


def _appeal_window_open(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not deadlines_of(case).open().filter(kind="appeal_window").exists():
        return str(_("The 30-day appeal window has closed."))
    return _reasons(case, actor, data)


def _silence_appeal_open(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    """After the decision delay ran out without an answer: 30 days to appeal (art. 21)."""
    expired = deadlines_of(case).filter(kind="decision", status="expired").first()
    if expired is None or expired.on_expiry:
        return str(_("An appeal for silence is possible only once the decision delay has run out."))
    if (timezone.localdate() - expired.due_on).days > 31:
        return str(_("The 30-day appeal window has closed."))
    return _reasons(case, actor, data)


def _president_silent(case: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if case.state == S.APPEAL_PRESIDENT and (
        deadlines_of(case).filter(kind="appeal_answer", status="expired").count() == 0
    ):
        return str(
            _("The president has 15 days to answer the appeal before it can go to the governor.")
        )
    return None


CASE_FLOW = Workflow(
    name="case",
    states=CaseState,
    transitions=[
        Transition(
            "file_complete",
            {S.DRAFT},
            S.SUBMITTED,
            permission="cases.file",
            guards=(_missing_documents,),
            starts=(DECISION,),
            notify=("applicant",),
            label=_("File"),
        ),
        Transition(
            "file_incomplete",
            {S.DRAFT},
            S.INCOMPLETE,
            permission="cases.file",
            starts=(COMPLETION,),
            notify=("applicant",),
            label=_("File (documents missing)"),
        ),
        Transition(
            "complete",
            {S.INCOMPLETE},
            S.SUBMITTED,
            permission="cases.applicant_act",
            guards=(_missing_documents,),
            stops=("completion",),
            starts=(DECISION,),
            notify=("applicant", "agents"),
            label=_("Complete the file"),
        ),
        Transition(
            "return_file",
            {S.INCOMPLETE},
            S.RETURNED,
            permission="cases.clock_only",
            stops=("completion",),
            notify=("applicant",),
            label=_("Return the file"),
        ),
        Transition(
            "request_info",
            {S.SUBMITTED},
            S.AWAITING_APPLICANT,
            permission="cases.instruct",
            guards=(_states_what_is_needed,),
            suspends=("decision",),
            starts=(REPLY,),
            notify=("applicant",),
            label=_("Ask for a document or information"),
        ),
        Transition(
            "answer_info",
            {S.AWAITING_APPLICANT},
            S.SUBMITTED,
            permission="cases.applicant_act",
            resumes=("decision",),
            stops=("reply",),
            notify=("agents",),
            label=_("Answer the request"),
        ),
        Transition(
            "extend",
            {S.SUBMITTED},
            S.SUBMITTED,
            permission="cases.instruct",
            guards=(_extension_allowed,),
            extends=("decision",),
            notify=("applicant",),
            label=_("Extend the delay"),
        ),
        Transition(
            "accept",
            {S.SUBMITTED},
            S.ACCEPTED,
            permission="cases.decide",
            stops=("decision",),
            notify=("applicant",),
            label=_("Accept"),
        ),
        Transition(
            "refuse",
            {S.SUBMITTED},
            S.REFUSED,
            permission="cases.decide",
            guards=(_reasons_and_basis,),
            stops=("decision",),
            starts=(APPEAL_WINDOW,),
            notify=("applicant",),
            label=_("Refuse"),
        ),
        Transition(
            "deem_accept",
            {S.SUBMITTED},
            S.DEEMED_ACCEPTED,
            permission="cases.clock_only",
            stops=("decision",),
            starts=(DELIVERY,),
            notify=("applicant", "agents"),
            label=_("Deemed acceptance"),
        ),
        Transition(
            "deliver",
            {S.DEEMED_ACCEPTED},
            S.ACCEPTED,
            permission="cases.decide",
            stops=("delivery",),
            notify=("applicant",),
            label=_("Deliver the document"),
        ),
        Transition(
            "appeal",
            {S.REFUSED},
            S.APPEAL_PRESIDENT,
            permission="cases.applicant_act",
            guards=(_appeal_window_open,),
            stops=("appeal_window",),
            starts=(APPEAL_ANSWER,),
            notify=("applicant", "agents"),
            label=_("Appeal to the president"),
        ),
        Transition(
            "appeal_silence",
            {S.SUBMITTED},
            S.APPEAL_PRESIDENT,
            permission="cases.applicant_act",
            guards=(_silence_appeal_open,),
            starts=(APPEAL_ANSWER,),
            notify=("applicant", "agents"),
            label=_("Appeal against silence"),
        ),
        Transition(
            "grant_appeal",
            {S.APPEAL_PRESIDENT, S.RULING_ORDERED},
            S.ACCEPTED,
            permission="cases.decide",
            stops=("appeal_answer", "ruling"),
            notify=("applicant",),
            label=_("Grant the appeal"),
        ),
        Transition(
            "dismiss_appeal",
            {S.APPEAL_PRESIDENT},
            S.APPEAL_DISMISSED,
            permission="cases.decide",
            guards=(_reasons,),
            stops=("appeal_answer",),
            notify=("applicant",),
            label=_("Dismiss the appeal"),
        ),
        Transition(
            "refer_governor",
            {S.APPEAL_DISMISSED, S.APPEAL_PRESIDENT},
            S.APPEAL_GOVERNOR,
            permission="cases.applicant_act",
            guards=(_president_silent, _reasons),
            notify=("applicant", "supervisors"),
            label=_("Refer to the governor"),
        ),
        Transition(
            "order_ruling",
            {S.APPEAL_GOVERNOR},
            S.RULING_ORDERED,
            permission="cases.supervise",
            starts=(RULING,),
            notify=("applicant", "agents"),
            label=_("Ask the president to rule"),
        ),
        Transition(
            "dismiss_after_ruling",
            {S.RULING_ORDERED},
            S.REFUSED_FINAL,
            permission="cases.decide",
            guards=(_reasons,),
            stops=("ruling",),
            notify=("applicant", "supervisors"),
            label=_("Rule: refusal upheld"),
        ),
        Transition(
            "withdraw",
            WITHDRAWABLE,
            S.WITHDRAWN,
            permission="cases.applicant_act",
            stops=("completion", "decision", "reply"),
            notify=("agents",),
            label=_("Withdraw the request"),
        ),
    ],
)
