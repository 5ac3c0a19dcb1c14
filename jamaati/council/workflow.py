"""The lives of a council decision, a petition and a members' or governor's request for an
extraordinary session, as data: states, transitions, who may apply them, and the legal clocks.

Decision (after the vote that adopted it):
- `posting`: posted publicly within 8 days (art. 273); `transmission`: sent to the governor
  within 15 working days, 5 for urbanism (art. 116; the decision refines it with clock_for).
  Both only flag the decision when they run out; the vote's service starts them (with
  `Decision.clock_for`) and the posting and transmitting services stop them.
- On transmission, `opposition` (3 working days, art. 117) runs; for the subjects that need
  the governor's visa, `visa` (20 days, art. 118) runs too and its silence is the visa.
Petition: `answer` within 3 months of filing (art. 125), counted to the same day three
months later (the petition refines the declared 89 days, the shortest three months).
Extraordinary request: `decision` within 10 days (art. 36): a refusal needs reasons.
See docs/council.md for the diagrams.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jamaati.core.workflow import CALENDAR, WORKING, DeadlineSpec, Transition, Workflow
from jamaati.council import rules


class DecisionState(models.TextChoices):
    ADOPTED = "adopted", _("Adopted: to be sent to the governor")
    TRANSMITTED = "transmitted", _("Sent to the governor: opposition window open")
    AWAITING_VISA = "awaiting_visa", _("Sent to the governor: awaiting the visa")
    EXECUTORY = "executory", _("Executory")
    VISA_GIVEN = "visa_given", _("Visa given")
    VISA_DEEMED = "visa_deemed", _("Visa deemed given (no answer in 20 days)")
    VISA_REFUSED = "visa_refused", _("Visa refused")
    OPPOSED = "opposed", _("Opposed by the governor: new deliberation")


D = DecisionState
IN_FORCE = frozenset({D.EXECUTORY, D.VISA_GIVEN, D.VISA_DEEMED})
UNDER_CONTROL = frozenset({D.TRANSMITTED, D.AWAITING_VISA})

POSTING = DeadlineSpec(
    "posting",
    days=rules.DECISIONS_POSTED.value,
    calendar=CALENDAR,
    legal_basis=rules.DECISIONS_POSTED.basis,
    remind_days_before=3,
)
TRANSMISSION = DeadlineSpec(
    "transmission",
    days=rules.TRANSMISSION.value,
    calendar=WORKING,
    legal_basis=rules.TRANSMISSION.basis,
    remind_days_before=3,
)
OPPOSITION = DeadlineSpec(
    "opposition",
    days=rules.OPPOSITION.value,
    calendar=WORKING,
    legal_basis=rules.OPPOSITION.basis,
    on_expiry="opposition_lapse",
)
# For a decision awaiting the visa the opposition window only closes; the visa decides.
OPPOSITION_WINDOW = DeadlineSpec(
    "opposition_window",
    days=rules.OPPOSITION.value,
    calendar=WORKING,
    legal_basis=rules.OPPOSITION.basis,
)
VISA = DeadlineSpec(
    "visa",
    days=rules.VISA.value,
    calendar=CALENDAR,
    legal_basis=rules.VISA.basis,
    on_expiry="visa_deemed",
    remind_days_before=5,
)

DECISION_FLOW = Workflow(
    name="council_decision",
    states=DecisionState,
    transitions=(
        Transition(
            "transmit",
            sources={D.ADOPTED},
            target=D.TRANSMITTED,
            permission="council.transmit",
            starts=(OPPOSITION,),
            notify=("supervisor",),
            label=_("Send to the governor"),
        ),
        Transition(
            "transmit_for_visa",
            sources={D.ADOPTED},
            target=D.AWAITING_VISA,
            permission="council.transmit",
            starts=(OPPOSITION_WINDOW, VISA),
            notify=("supervisor",),
            label=_("Send to the governor for the visa"),
        ),
        Transition(
            "opposition_lapse",
            sources={D.TRANSMITTED},
            target=D.EXECUTORY,
            permission="council.clock_only",
            label=_("No opposition within 3 working days"),
        ),
        Transition(
            "oppose",
            sources={D.TRANSMITTED, D.AWAITING_VISA},
            target=D.OPPOSED,
            permission="council.supervise",
            stops=("opposition", "opposition_window", "visa"),
            notify=("secretariat",),
            label=_("Oppose"),
        ),
        Transition(
            "give_visa",
            sources={D.AWAITING_VISA},
            target=D.VISA_GIVEN,
            permission="council.supervise",
            stops=("opposition_window", "visa"),
            notify=("secretariat",),
            label=_("Give the visa"),
        ),
        Transition(
            "refuse_visa",
            sources={D.AWAITING_VISA},
            target=D.VISA_REFUSED,
            permission="council.supervise",
            stops=("opposition_window", "visa"),
            notify=("secretariat",),
            label=_("Refuse the visa"),
        ),
        Transition(
            "visa_deemed",
            sources={D.AWAITING_VISA},
            target=D.VISA_DEEMED,
            permission="council.clock_only",
            stops=("opposition_window",),
            notify=("secretariat",),
            label=_("Visa deemed given"),
        ),
    ),
)


class PetitionState(models.TextChoices):
    DRAFT = "draft", _("Being filed")
    FILED = "filed", _("Filed: awaiting the council's answer")
    ACCEPTED = "accepted", _("Accepted: on the next session's agenda")
    REFUSED = "refused", _("Refused, with reasons")


P = PetitionState
PETITION_ANSWER = DeadlineSpec(
    "answer",
    days=89,  # refined per petition to the same day three months later (clock_for)
    calendar=CALENDAR,
    legal_basis=rules.PETITION_ANSWER.basis,
    remind_days_before=15,
)

PETITION_FLOW = Workflow(
    name="council_petition",
    states=PetitionState,
    transitions=(
        Transition(
            "file",
            sources={P.DRAFT},
            target=P.FILED,
            permission="council.petition_file",
            starts=(PETITION_ANSWER,),
            notify=("petitioner", "secretariat"),
            label=_("File the petition"),
        ),
        Transition(
            "accept",
            sources={P.FILED},
            target=P.ACCEPTED,
            permission="council.manage",
            stops=("answer",),
            notify=("petitioner",),
            label=_("Accept"),
        ),
        Transition(
            "refuse",
            sources={P.FILED},
            target=P.REFUSED,
            permission="council.manage",
            stops=("answer",),
            notify=("petitioner",),
            label=_("Refuse with reasons"),
        ),
    ),
)


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Being recorded")
    PENDING = "pending", _("Awaiting the president's decision")
    ACCEPTED = "accepted", _("Accepted: session convened")
    REFUSED = "refused", _("Refused, with reasons")


R = RequestState
REQUEST_DECISION = DeadlineSpec(
    "decision",
    days=rules.REFUSAL_REASONS_DAYS.value,
    calendar=CALENDAR,
    legal_basis=rules.REFUSAL_REASONS_DAYS.basis,
    remind_days_before=3,
)

EXTRAORDINARY_FLOW = Workflow(
    name="council_extraordinary_request",
    states=RequestState,
    transitions=(
        Transition(
            "file",
            sources={R.DRAFT},
            target=R.PENDING,
            permission="council.governor",
            starts=(REQUEST_DECISION,),
            notify=("president",),
            label=_("Record the request"),
        ),
        Transition(
            "accept",
            sources={R.PENDING},
            target=R.ACCEPTED,
            permission="council.manage",
            stops=("decision",),
            label=_("Accept and convene"),
        ),
        Transition(
            "refuse",
            sources={R.PENDING},
            target=R.REFUSED,
            permission="council.manage",
            stops=("decision",),
            label=_("Refuse with reasons"),
        ),
    ),
)
