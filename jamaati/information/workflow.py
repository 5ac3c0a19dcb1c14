"""The life of an information request under law 31.13, as data: states, transitions, who may
apply them, and the legal clocks they start, extend and stop.

Clocks (all on the request):
- `answer`: 20 working days (art. 16), extendable once by 20 working days, notified before
  it runs out; urgent requests 3 working days (art. 17), extendable once by 3 (CDAI
  guidance). The request refines the clock with `InformationRequest.clock_for`.
- `appeal_window`: 20 working days to complain to the head of the body (art. 19), from the
  answer or from the expiry of the answer delay.
- `head_answer`: the head answers within 15 days (art. 19); the law writes "days" where it
  writes "working days" elsewhere, so they are counted as calendar days (docs/information.md).
- `cdai_window`: 30 days to complain to the CDAI after the head's answer or silence (art. 20).
- `cdai_answer`: the CDAI answers within 30 days (art. 20); the CDAI is outside the platform,
  so this clock only flags the file while the officer waits to record its decision.
See docs/information.md for the diagram (`INFORMATION_FLOW.to_mermaid()`).
"""

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.workflow import CALENDAR, WORKING, DeadlineSpec, Transition, Workflow

L3113 = "Loi 31.13"


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Being filed")
    SUBMITTED = "submitted", _("Filed: being answered")
    UNANSWERED = "unanswered", _("No answer within the legal delay")
    GIVEN = "given", _("Information given")
    PARTLY_GIVEN = "partly_given", _("Information partly given")
    REFUSED = "refused", _("Refused")
    APPEAL_HEAD = "appeal_head", _("Complaint to the head of the body")
    APPEAL_UPHELD = "appeal_upheld", _("Complaint upheld: information to be given")
    HEAD_DISMISSED = "head_dismissed", _("Complaint dismissed by the head of the body")
    HEAD_SILENT = "head_silent", _("No answer from the head of the body")
    CDAI = "cdai", _("Complaint to the CDAI")
    CDAI_DECIDED = "cdai_decided", _("Decided by the CDAI")


S = RequestState
# States in which the body still owes something: they fill the officers' queue.
OPEN_STATES = frozenset({S.SUBMITTED, S.UNANSWERED, S.APPEAL_HEAD, S.APPEAL_UPHELD, S.CDAI})
ANSWERABLE = frozenset({S.SUBMITTED, S.UNANSWERED, S.APPEAL_UPHELD})
APPEALABLE_TO_HEAD = frozenset({S.GIVEN, S.PARTLY_GIVEN, S.REFUSED, S.UNANSWERED})
APPEALABLE_TO_CDAI = frozenset({S.HEAD_DISMISSED, S.HEAD_SILENT})

ANSWER = DeadlineSpec(
    "answer",
    days=20,
    calendar=WORKING,
    legal_basis=f"{L3113}, art. 16",
    on_expiry="lapse",
    max_extensions=1,
    remind_days_before=5,
)
# Urgent requests (art. 17): the request's clock_for() swaps in these numbers.
URGENT_DAYS = 3
URGENT_BASIS = f"{L3113}, art. 17; prorogation de 3 jours : orientations de la CDAI"
URGENT_REMIND_DAYS = 1
APPEAL_WINDOW = DeadlineSpec(
    "appeal_window", days=20, calendar=WORKING, legal_basis=f"{L3113}, art. 19"
)
HEAD_ANSWER = DeadlineSpec(
    "head_answer",
    days=15,
    calendar=CALENDAR,
    legal_basis=f"{L3113}, art. 19",
    on_expiry="head_lapse",
    remind_days_before=3,
)
CDAI_WINDOW = DeadlineSpec(
    "cdai_window", days=30, calendar=CALENDAR, legal_basis=f"{L3113}, art. 20"
)
CDAI_ANSWER = DeadlineSpec(
    "cdai_answer", days=30, calendar=CALENDAR, legal_basis=f"{L3113}, art. 20"
)
# Beyond the CDAI: the administrative court, within 60 days (shown, not tracked).
COURT_DAYS = 60
COURT_BASIS = f"{L3113}, art. 21"

# The delays the body owes (an expired one leaves the request overdue in the queue).
BODY_CLOCKS = ("answer", "head_answer")


class PreferredForm(models.TextChoices):
    PAPER = "paper", _("A copy on paper")
    FILE = "file", _("An electronic file")
    ON_SITE = "on_site", _("Consultation on site")
    EMAIL = "email", _("By email")


class Exception7(models.TextChoices):
    """The exceptions of art. 7 (law 31.13), each citable in a partial answer or a refusal."""

    DEFENCE = "defence", _("National defence")
    STATE_SECURITY = "state_security", _("Internal and external security of the State")
    PRIVACY = "privacy", _("Private life and personal data")
    RIGHTS = "rights", _("Fundamental rights and freedoms")
    SOURCES = "sources", _("Protection of the sources of information")
    FOREIGN_RELATIONS = "foreign_relations", _("Relations with a foreign state or organisation")
    MONETARY_POLICY = "monetary_policy", _("Monetary, economic or financial policy of the State")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Industrial property and copyright")
    WITNESSES = "witnesses", _("Rights and interests of victims, witnesses and experts")
    LEGAL_SECRETS = "legal_secrets", _("Secrets protected by law")
    DELIBERATIONS = "deliberations", _("Deliberations of the councils of ministers and government")
    INVESTIGATIONS = "investigations", _("Investigations and inquiries under way")
    COURT_CASES = "court_cases", _("Court proceedings and their preparation")
    COMPETITION = "competition", _("Fair competition and economic initiative")


EXCEPTION_BASIS = f"{L3113}, art. 7"
PARTIAL_BASIS = f"{L3113}, art. 8"


class RefusalGround(models.TextChoices):
    """The grounds of art. 18 (law 31.13) on which a request may be refused."""

    NOT_HELD = "not_held", _("The information is not held by the body")
    EXCEPTION = "exception", _("The information falls under an exception of article 7")
    PUBLISHED = "published", _("The information is already published")
    REPEAT = "repeat", _("The same request was answered within the same year")
    UNCLEAR = "unclear", _("The request is not clear")
    IN_PREPARATION = "in_preparation", _("The information is being prepared")
    ARCHIVES = "archives", _("The information is held by Archives du Maroc")


REFUSAL_BASIS = f"{L3113}, art. 18"


class CdaiOutcome(models.TextChoices):
    UPHELD = "upheld", _("The complaint is upheld: the information must be given")
    PARTLY = "partly", _("The complaint is partly upheld")
    DISMISSED = "dismissed", _("The complaint is dismissed")
    INADMISSIBLE = "inadmissible", _("The complaint is inadmissible")


# --- guards ----------------------------------------------------------------------------------


def _text(data: dict[str, Any], key: str) -> str:
    return str(data.get(key, "") or "").strip()


def _reasons(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not _text(data, "reasons"):
        return str(_("Give the reasons."))
    return None


def _information_released(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not (data.get("has_file") or _text(data, "reference_url")):
        return str(
            _("Attach the document released, or give the link where it is already published.")
        )
    return None


def _partial_answer(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not data.get("has_file"):
        return str(_("Attach the document released with the exempt parts redacted."))
    exceptions = data.get("exceptions") or []
    if not exceptions or any(e not in Exception7.values for e in exceptions):
        return str(_("Cite the exception of article 7 that justifies each redaction."))
    return _reasons(obj, actor, data)


def _refusal(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    ground = _text(data, "ground")
    if ground not in RefusalGround.values:
        return str(_("A refusal must name its legal ground (law 31.13, article 18)."))
    if ground == RefusalGround.EXCEPTION:
        exceptions = data.get("exceptions") or []
        if not exceptions or any(e not in Exception7.values for e in exceptions):
            return str(_("Cite the exception of article 7 on which the refusal rests."))
    if ground == RefusalGround.PUBLISHED and not _text(data, "reference_url"):
        return str(_("Give the reference where the information is published."))
    if not _text(data, "reasons"):
        return str(_("A refusal must give its reasons."))
    return None


def _window_open(obj: Any, kind: str, on: date | None) -> bool:
    """Whether the latest `kind` clock (open, or expired by the sweep) covers the day `on`."""
    day = on or timezone.localdate()
    latest = (
        deadlines_of(obj)
        .filter(kind=kind)
        .exclude(status=Deadline.Status.STOPPED)
        .order_by("-pk")
        .first()
    )
    return latest is not None and latest.starts_on <= day <= latest.due_on


def _head_window(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not _window_open(obj, "appeal_window", None):
        return str(_("The 20 working days to complain to the head of the body have run out."))
    return _reasons(obj, actor, data)


def _cdai_window(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    complained_on = data.get("complained_on")
    if complained_on is not None and not isinstance(complained_on, date):
        complained_on = date.fromisoformat(str(complained_on))
    if complained_on is not None and complained_on > timezone.localdate():
        return str(_("The date of the complaint cannot be in the future."))
    if not _window_open(obj, "cdai_window", complained_on):
        return str(_("The 30 days to complain to the CDAI have run out."))
    return None


def _extension_reasons(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if not _text(data, "reasons"):
        return str(_("Give the requester the reasons for the extension."))
    return None


def _cdai_decision(obj: Any, actor: Any, data: dict[str, Any]) -> str | None:
    if _text(data, "outcome") not in CdaiOutcome.values:
        return str(_("Choose the CDAI's decision."))
    if not data.get("decided_on"):
        return str(_("Give the date of the CDAI's decision."))
    if not _text(data, "decision"):
        return str(_("Copy the text or summary of the CDAI's decision."))
    return None


INFORMATION_FLOW = Workflow(
    name="information",
    states=RequestState,
    transitions=[
        Transition(
            "file",
            {S.DRAFT},
            S.SUBMITTED,
            permission="information.file",
            starts=(ANSWER,),
            notify=("requester", "officers"),
            label=_("File the request"),
        ),
        Transition(
            "extend",
            {S.SUBMITTED},
            S.SUBMITTED,
            permission="information.handle",
            guards=(_extension_reasons,),
            extends=("answer",),
            notify=("requester",),
            label=_("Extend the delay"),
        ),
        Transition(
            "lapse",
            {S.SUBMITTED},
            S.UNANSWERED,
            permission="information.clock_only",
            starts=(APPEAL_WINDOW,),
            notify=("requester", "officers"),
            label=_("The delay ran out without an answer"),
        ),
        Transition(
            "answer_given",
            ANSWERABLE,
            S.GIVEN,
            permission="information.handle",
            guards=(_information_released,),
            stops=("answer", "appeal_window"),
            starts=(APPEAL_WINDOW,),
            notify=("requester",),
            label=_("Give the information"),
        ),
        Transition(
            "answer_partly",
            ANSWERABLE,
            S.PARTLY_GIVEN,
            permission="information.handle",
            guards=(_partial_answer,),
            stops=("answer", "appeal_window"),
            starts=(APPEAL_WINDOW,),
            notify=("requester",),
            label=_("Give the information in part"),
        ),
        Transition(
            "refuse",
            ANSWERABLE,
            S.REFUSED,
            permission="information.handle",
            guards=(_refusal,),
            stops=("answer", "appeal_window"),
            starts=(APPEAL_WINDOW,),
            notify=("requester",),
            label=_("Refuse"),
        ),
        Transition(
            "appeal_head",
            APPEALABLE_TO_HEAD,
            S.APPEAL_HEAD,
            permission="information.requester_act",
            guards=(_head_window,),
            stops=("appeal_window",),
            starts=(HEAD_ANSWER,),
            notify=("requester", "head"),
            label=_("Complain to the head of the body"),
        ),
        Transition(
            "head_grant",
            {S.APPEAL_HEAD},
            S.APPEAL_UPHELD,
            permission="information.head",
            guards=(_reasons,),
            stops=("head_answer",),
            notify=("requester", "officers"),
            label=_("Uphold the complaint"),
        ),
        Transition(
            "head_dismiss",
            {S.APPEAL_HEAD},
            S.HEAD_DISMISSED,
            permission="information.head",
            guards=(_reasons,),
            stops=("head_answer",),
            starts=(CDAI_WINDOW,),
            notify=("requester",),
            label=_("Dismiss the complaint"),
        ),
        Transition(
            "head_lapse",
            {S.APPEAL_HEAD},
            S.HEAD_SILENT,
            permission="information.clock_only",
            starts=(CDAI_WINDOW,),
            notify=("requester", "head"),
            label=_("The head of the body did not answer in time"),
        ),
        Transition(
            "cdai_complaint",
            APPEALABLE_TO_CDAI,
            S.CDAI,
            permission="information.requester_act",
            guards=(_cdai_window,),
            stops=("cdai_window",),
            starts=(CDAI_ANSWER,),
            notify=("officers",),
            label=_("Complaint lodged with the CDAI"),
        ),
        Transition(
            "cdai_record",
            {S.CDAI},
            S.CDAI_DECIDED,
            permission="information.handle",
            guards=(_cdai_decision,),
            stops=("cdai_answer",),
            notify=("requester",),
            label=_("Record the CDAI's decision"),
        ),
    ],
)
