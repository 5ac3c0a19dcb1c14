"""The life of a complaint under decree 2.17.265, as data: states, transitions, who may apply
them, and the legal clocks they start, suspend, resume and stop.

- The reasoned answer is due within 60 days of receipt (art. 8): the `answer` clock, counted
  in calendar days (the decree says "days" and sets no working-day rule; see
  docs/complaints.md).
- When the complaint must be completed or clarified, the administration's reasoned request
  comes within 15 days of receipt (art. 11): the `clarification_window` clock; the request is
  refused once it has closed. The answer clock is suspended while the complainant completes
  and resumes with the days that were left.
- The cases of art. 12 (pending in court or judged, abusive or defamatory, outside the body's
  powers) close with a reasoned reply: reasons are required.

See docs/complaints.md for the diagram (`COMPLAINT_FLOW.to_mermaid()`).
"""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.workflow import CALENDAR, DeadlineSpec, Transition, Workflow

D265 = "Décret 2.17.265"
# The complainant may reopen an answer marked resolved when the problem is not, once, within
# this many days of the answer (a platform rule; docs/complaints.md).
REOPEN_WINDOW_DAYS = 30
# The longest text a person may write in one field.
TEXT_LIMIT = 4000


class ComplaintState(models.TextChoices):
    NEW = "new", _("Being filed")
    RECEIVED = "received", _("Received: being examined")
    AWAITING_COMPLAINANT = "awaiting_complainant", _("Waiting for the complainant's details")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    """How a closed complaint ended."""

    RESOLVED = "resolved", _("Resolved: the problem is fixed")
    ANSWERED = "answered", _("Answered")
    REJECTED = "rejected", _("Rejected as unfounded")
    REDIRECTED = "redirected", _("Sent to the competent body")
    NOT_COMPETENT = "not_competent", _("Outside the collectivity's powers")
    EXCLUDED_COURT = "excluded_court", _("Not processed: before the courts")
    EXCLUDED_ABUSIVE = "excluded_abusive", _("Not processed: abusive or defamatory")


S = ComplaintState
O = Outcome  # noqa: E741
OPEN_STATES = frozenset({S.NEW, S.RECEIVED, S.AWAITING_COMPLAINANT})
# Outcomes of the `answer` transition; the others have their own transition (art. 12).
ANSWER_OUTCOMES = frozenset({O.RESOLVED, O.ANSWERED, O.REJECTED, O.NOT_COMPETENT})
EXCLUSION_OUTCOMES = frozenset({O.EXCLUDED_COURT, O.EXCLUDED_ABUSIVE})

ANSWER = DeadlineSpec(
    "answer",
    days=60,
    calendar=CALENDAR,
    legal_basis=f"{D265}, art. 8",
    max_suspensions=1,
    remind_days_before=10,
)
CLARIFICATION_WINDOW = DeadlineSpec(
    "clarification_window",
    days=15,
    calendar=CALENDAR,
    legal_basis=f"{D265}, art. 11",
    max_suspensions=0,
    max_extensions=0,
    remind_days_before=3,
)


def _has(data: dict[str, Any], key: str) -> bool:
    return bool(str(data.get(key, "") or "").strip())


def _reasons(complaint: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not _has(data, "reasons"):
        return str(_("Give the reasons: the reply to a complaint must be reasoned."))
    return None


def _window_open(complaint: Any, actor: Any, data: dict[str, Any]) -> str | None:
    """Art. 11: the request to complete or clarify comes within 15 days of receipt."""
    if not deadlines_of(complaint).open().filter(kind="clarification_window").exists():
        return str(
            _(
                "A request to complete or clarify the complaint can be made only within 15 "
                "days of its receipt."
            )
        )
    if not _has(data, "request"):
        return str(_("Say what must be completed or clarified, and why."))
    return None


def _answer_outcome(complaint: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if data.get("outcome") not in ANSWER_OUTCOMES:
        return str(_("Choose the outcome of the answer."))
    return _reasons(complaint, actor, data)


def _body_named(complaint: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not _has(data, "body"):
        return str(_("Name the competent body the complaint is sent to."))
    return _reasons(complaint, actor, data)


def _exclusion_case(complaint: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if data.get("outcome") not in EXCLUSION_OUTCOMES:
        return str(_("Choose the case of article 12 that applies."))
    return _reasons(complaint, actor, data)


def reopen_refusal(complaint: Any) -> str | None:
    """Why the complaint cannot be reopened, or None: only once, when the answer said
    resolved, within REOPEN_WINDOW_DAYS of the answer."""
    if complaint.outcome != O.RESOLVED:
        return str(_("Only a complaint answered as resolved can be reopened."))
    if complaint.reopen_count >= 1:
        return str(_("A complaint can be reopened only once."))
    answered = complaint.answered_at
    if answered is None or (timezone.now() - answered).days > REOPEN_WINDOW_DAYS:
        return str(_("A complaint can be reopened only within 30 days of the answer."))
    return None


def _reopenable(complaint: Any, actor: Any, data: dict[str, Any]) -> str | None:
    refusal = reopen_refusal(complaint)
    if refusal is not None:
        return refusal
    if not _has(data, "reasons"):
        return str(_("Say why the problem is not resolved."))
    return None


_CLOCKS = ("answer", "clarification_window")

COMPLAINT_FLOW = Workflow(
    name="complaint",
    states=ComplaintState,
    transitions=[
        Transition(
            "file",
            {S.NEW},
            S.RECEIVED,
            permission="complaints.file",
            starts=(ANSWER, CLARIFICATION_WINDOW),
            # The filer gets the acknowledgement (services.complaint_file), nothing more.
            label=_("File"),
        ),
        Transition(
            "request_clarification",
            {S.RECEIVED},
            S.AWAITING_COMPLAINANT,
            permission="complaints.instruct",
            guards=(_window_open,),
            stops=("clarification_window",),
            suspends=("answer",),
            notify=("complainant",),
            label=_("Ask the complainant to complete or clarify"),
        ),
        Transition(
            "provide_clarification",
            {S.AWAITING_COMPLAINANT},
            S.RECEIVED,
            permission="complaints.complainant_act",
            resumes=("answer",),
            notify=("agents",),
            label=_("Complete the complaint"),
        ),
        Transition(
            "answer",
            {S.RECEIVED, S.AWAITING_COMPLAINANT},
            S.CLOSED,
            permission="complaints.answer",
            guards=(_answer_outcome,),
            stops=_CLOCKS,
            notify=("complainant",),
            label=_("Answer"),
        ),
        Transition(
            "redirect_external",
            {S.RECEIVED, S.AWAITING_COMPLAINANT},
            S.CLOSED,
            permission="complaints.answer",
            guards=(_body_named,),
            stops=_CLOCKS,
            notify=("complainant",),
            label=_("Send to the competent body"),
        ),
        Transition(
            "exclude",
            {S.RECEIVED, S.AWAITING_COMPLAINANT},
            S.CLOSED,
            permission="complaints.answer",
            guards=(_exclusion_case,),
            stops=_CLOCKS,
            notify=("complainant",),
            label=_("Close without processing (article 12)"),
        ),
        Transition(
            "transfer",
            {S.RECEIVED},
            S.RECEIVED,
            permission="complaints.answer",
            guards=(_reasons,),
            stops=_CLOCKS,
            starts=(ANSWER, CLARIFICATION_WINDOW),
            notify=("complainant", "agents"),
            label=_("Transfer to another collectivity"),
        ),
        Transition(
            "reopen",
            {S.CLOSED},
            S.RECEIVED,
            permission="complaints.complainant_act",
            guards=(_reopenable,),
            starts=(ANSWER,),
            notify=("complainant", "agents"),
            label=_("Reopen: the problem is not resolved"),
        ),
    ],
)
