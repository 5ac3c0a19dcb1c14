"""An information request (law 31.13): who asks, what, in which form, and the body's answer;
the complaints that follow it (to the head of the body, to the CDAI).

States change only through `jamaati.core.workflow.transition()` (see `workflow.py`). The legal
clocks are Deadline rows on the request; `due_on` copies the due day of the clock the body is
answering to (see `receivers.py`), so the officers' queue is one indexed range scan.
The public register shows `public_text` (the request's text, or the officer's masked version)
and the answer, never the requester's identity.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamaati.core.deadlines.specs import DeadlineSpec
from jamaati.core.tenancy.models import TenantModel
from jamaati.information.workflow import (
    INFORMATION_FLOW,
    OPEN_STATES,
    URGENT_BASIS,
    URGENT_DAYS,
    URGENT_REMIND_DAYS,
    CdaiOutcome,
    Exception7,
    PreferredForm,
    RefusalGround,
    RequestState,
)


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    API = "api", _("Through the API")


class IdKind(models.TextChoices):
    CIN = "cin", _("National identity card (CIN)")
    RESIDENCE = "residence", _("Residence permit")


def _answer_upload_to(instance: "InformationRequest", filename: str) -> str:
    # The stored name never uses the uploaded file's name (kept in `answer_file_name`).
    return f"information/{instance.collectivity_id}/{instance.pk}/{instance.answer_sha256}"


class InformationRequest(TenantModel):
    """One request for information addressed to the body `collectivity`."""

    number = models.CharField(_("request number"), max_length=40, unique=True)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.DRAFT
    )
    is_open = models.BooleanField(_("open"), default=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="information_requests",
        verbose_name=_("requester's account"),
    )
    requester_name = models.CharField(_("full name"), max_length=200)
    id_kind = models.CharField(_("identity document"), max_length=10, choices=IdKind.choices)
    id_number = models.CharField(_("identity document number"), max_length=20)
    address = models.CharField(_("address"), max_length=300)
    email = models.EmailField(_("email"), blank=True)
    sought = models.TextField(_("information sought"), max_length=4000)
    preferred_form = models.CharField(
        _("preferred form"), max_length=10, choices=PreferredForm.choices
    )
    is_urgent = models.BooleanField(_("urgent"), default=False)
    urgency_reason = models.TextField(_("why it is urgent"), blank=True, max_length=2000)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    extension_reasons = models.TextField(_("reasons for the extension"), blank=True)
    # The answer.
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(upload_to=_answer_upload_to, max_length=200, blank=True)
    answer_file_name = models.CharField(_("file name"), max_length=200, blank=True)
    answer_file_type = models.CharField(max_length=80, blank=True)
    answer_file_size = models.PositiveIntegerField(null=True, blank=True)
    answer_sha256 = models.CharField(max_length=64, blank=True)
    published_reference_url = models.CharField(
        _("where it is published"), max_length=500, blank=True
    )
    published_reference_title = models.CharField(
        _("title of the publication"), max_length=300, blank=True
    )
    exceptions = models.JSONField(_("exceptions cited (art. 7)"), default=list, blank=True)
    refusal_ground = models.CharField(
        _("ground of refusal (art. 18)"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    # Publication in the register.
    masked_text = models.TextField(_("text published in the register"), blank=True)
    search_key = models.CharField(max_length=600, blank=True, editable=False)

    workflow = INFORMATION_FLOW

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [
            models.Index(fields=["collectivity", "is_open", "due_on", "id"], name="info_queue"),
            models.Index(fields=["requester", "-filed_at"], name="info_requester"),
            models.Index(fields=["collectivity", "-filed_at"], name="info_register"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(refusal_ground=""),
                name="info_refusal_has_ground",
            ),
            models.CheckConstraint(condition=~Q(sought=""), name="info_sought_required"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.is_open = self.state in OPEN_STATES
        if kwargs.get("update_fields") is not None and "state" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "is_open"}
        super().save(*args, **kwargs)

    def clock_for(self, spec: DeadlineSpec) -> DeadlineSpec:
        """An urgent request answers in 3 working days, extendable once by 3 (art. 17, CDAI)."""
        if spec.kind != "answer" or not self.is_urgent:
            return spec
        return DeadlineSpec(
            kind=spec.kind,
            days=URGENT_DAYS,
            calendar=spec.calendar,
            legal_basis=URGENT_BASIS,
            on_expiry=spec.on_expiry,
            max_extensions=1,
            extension_days=URGENT_DAYS,
            remind_days_before=URGENT_REMIND_DAYS,
        )

    @property
    def published_reference_link(self) -> str:
        """Where the information is published, in the reader's language when the reference
        is one of the platform's pages (it was recorded in the officer's language)."""
        url = self.published_reference_url
        prefix, _sep, rest = url[1:].partition("/")
        if url.startswith("/") and prefix in dict(settings.LANGUAGES):
            return f"/{get_language() or settings.LANGUAGE_CODE}/{rest}"
        return url

    @property
    def public_text(self) -> str:
        """What the register shows of the request: the officer's masked text, or as written."""
        return self.masked_text or self.sought

    def state_label(self) -> str:
        return self.workflow.state_label(self.state)

    def is_overdue(self, today: date | None = None) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < (today or timezone.localdate()))

    def exception_labels(self) -> list[str]:
        return [str(Exception7(e).label) for e in self.exceptions if e in Exception7.values]

    def refusal_label(self) -> str:
        return self.get_refusal_ground_display() if self.refusal_ground else ""


class Appeal(TenantModel):
    """A complaint about the answer (or the silence): to the head of the body (art. 19) or to
    the CDAI (art. 20), with its outcome once known. Its clock is on the request."""

    class Level(models.TextChoices):
        HEAD = "head", _("Head of the body")
        CDAI = "cdai", _("CDAI (Commission for the right of access to information)")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting for the decision")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")
        PARTLY = "partly", _("Partly upheld")
        INADMISSIBLE = "inadmissible", _("Inadmissible")
        NO_ANSWER = "no_answer", _("No answer in time")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="appeals"
    )
    level = models.CharField(_("appeal to"), max_length=10, choices=Level.choices)
    lodged_on = models.DateField(_("lodged on"))
    reasons = models.TextField(_("reasons"), blank=True, max_length=4000)
    outcome = models.CharField(
        _("outcome"), max_length=15, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True, max_length=8000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["lodged_on", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.level}"


CDAI_OUTCOMES = {
    CdaiOutcome.UPHELD: Appeal.Outcome.UPHELD,
    CdaiOutcome.PARTLY: Appeal.Outcome.PARTLY,
    CdaiOutcome.DISMISSED: Appeal.Outcome.DISMISSED,
    CdaiOutcome.INADMISSIBLE: Appeal.Outcome.INADMISSIBLE,
}
