"""The life of an act and of a pre-declaration, as data.

Act: drafted by an officer, then signed (the signature numbers and freezes it).
Pre-declaration: filed (by a facility, a citizen or at the counter); a late one is held until
the central authorisation is recorded (its `authorisation` clock: 60 days, D3621 art. 41);
an officer verifies and completes it, then registers the act, or rejects it.
docs/civil-status.md draws both (`*.to_mermaid()`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jamaati.civil_status.rules import LATE_AUTHORISATION_BASIS, LATE_AUTHORISATION_DAYS
from jamaati.core.workflow import CALENDAR, DeadlineSpec, Transition, Workflow


class ActState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class PreState(models.TextChoices):
    FILED = "filed", _("Filed: to be verified")
    HELD = "held", _("Late: held for the central authorisation")
    VERIFIED = "verified", _("Verified: to be registered")
    REGISTERED = "registered", _("Registered")
    REJECTED = "rejected", _("Rejected")


ACT_FLOW = Workflow(
    name="civil_status_act",
    states=ActState,
    transitions=[
        Transition(
            "sign",
            {ActState.DRAFT},
            ActState.SIGNED,
            permission="civil_status.sign",
            label=_("Sign"),
        ),
    ],
)

AUTHORISATION = DeadlineSpec(
    "authorisation",
    days=LATE_AUTHORISATION_DAYS,
    calendar=CALENDAR,
    legal_basis=LATE_AUTHORISATION_BASIS,
)

P = PreState
PREDECLARATION_FLOW = Workflow(
    name="civil_status_predeclaration",
    states=PreState,
    transitions=[
        Transition(
            "hold",
            {P.FILED},
            P.HELD,
            permission="civil_status.predeclare",
            starts=AUTHORISATION,
            label=_("Hold for authorisation"),
        ),
        Transition(
            "authorise",
            {P.HELD},
            P.FILED,
            permission="civil_status.register",
            stops="authorisation",
            label=_("Record the authorisation"),
        ),
        Transition(
            "verify",
            {P.FILED},
            P.VERIFIED,
            permission="civil_status.register",
            label=_("Verify"),
        ),
        Transition(
            "register",
            {P.VERIFIED},
            P.REGISTERED,
            permission="civil_status.register",
            label=_("Register"),
        ),
        Transition(
            "reject",
            {P.FILED, P.HELD, P.VERIFIED},
            P.REJECTED,
            permission="civil_status.register",
            stops="authorisation",
            label=_("Reject"),
        ),
    ],
)
