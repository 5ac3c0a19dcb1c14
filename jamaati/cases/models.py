"""A case (dossier): one request filed under one published procedure version, its documents,
its messages, the opinions asked of other services, and the applicant's rating.

States change only through `jamaati.core.workflow.transition()` (see `workflow.py`). The legal
clocks are Deadline rows; `due_on` copies the due day of the clock the administration is
answering to, so that an agent's queue is one indexed range scan (see `receivers.py`).
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.cases.workflow import CASE_FLOW, OPEN_STATES, CaseState
from jamaati.core.deadlines.specs import DeadlineSpec
from jamaati.core.tenancy.models import TenantModel

# The series of case numbers in the kernel's yearly sequences (core.numbering).
NUMBER_SERIES = "cases"


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    API = "api", _("Through the API")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("A person")
    BUSINESS = "business", _("A business")


class Case(TenantModel):
    """One request, filed under the procedure version it keeps for its whole life."""

    number = models.CharField(_("case number"), max_length=40, unique=True)
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(
        "catalogue.ProcedureVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("procedure version"),
    )
    state = models.CharField(
        _("state"), max_length=24, choices=CaseState.choices, default=CaseState.INCOMPLETE
    )
    is_open = models.BooleanField(_("open"), default=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("applicant account"),
    )
    applicant_kind = models.CharField(
        _("applicant is"), max_length=10, choices=ApplicantKind.choices, default="person"
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=200)
    applicant_cin = models.CharField(_("CIN"), max_length=12, blank=True)
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    business_ice = models.CharField(_("ICE (business identifier)"), max_length=15, blank=True)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
    data = models.JSONField(_("answers"), default=dict, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assigned to"),
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    complete_on = models.DateField(_("complete on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_on_time = models.BooleanField(_("decided within the legal delay"), null=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    info_requested = models.BooleanField(_("documents or information requested"), default=False)
    decision_reasons = models.TextField(_("reasons"), blank=True)
    decision_legal_basis = models.CharField(
        _("legal basis of the refusal"), max_length=250, blank=True
    )
    search_key = models.CharField(max_length=400, blank=True, editable=False)

    workflow = CASE_FLOW

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # The queue: a collectivity's open cases by legal due date.
            models.Index(fields=["collectivity", "is_open", "due_on", "id"], name="case_queue"),
            models.Index(
                fields=["collectivity", "assignee", "is_open", "due_on"], name="case_queue_mine"
            ),
            models.Index(fields=["applicant", "-filed_at"], name="case_applicant"),
            models.Index(fields=["version", "filed_at"], name="case_version_filed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(decision_reasons=""),
                name="case_refusal_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.is_open = self.state in OPEN_STATES
        if kwargs.get("update_fields") is not None and "state" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "is_open"}
        super().save(*args, **kwargs)

    def clock_for(self, spec: DeadlineSpec) -> DeadlineSpec:
        """The decision clock takes the procedure version's delay and silence rule."""
        if spec.kind != "decision":
            return spec
        version = self.version
        return DeadlineSpec(
            kind=spec.kind,
            days=version.max_delay_days,
            calendar=version.delay_calendar,
            legal_basis=spec.legal_basis,
            on_expiry=spec.on_expiry if version.silence_means_acceptance else None,
            max_suspensions=spec.max_suspensions,
            suspend_within_first_half=spec.suspend_within_first_half,
            max_extensions=1 if version.allows_extension else 0,
            extension_days=spec.extension_days,
        )

    @property
    def display_applicant(self) -> str:
        if self.applicant_kind == ApplicantKind.BUSINESS and self.business_name:
            return f"{self.business_name} ({self.applicant_name})"
        return self.applicant_name

    def state_label(self) -> str:
        return self.workflow.state_label(self.state)

    def is_overdue(self, today: date | None = None) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < (today or timezone.localdate()))


def _private_upload_to(instance: "Attachment", filename: str) -> str:
    # The stored name never uses the user's file name (kept in `original_name`).
    return f"cases/{instance.collectivity_id}/{instance.case_id}/{instance.sha256}"


class Attachment(TenantModel):
    """A document the applicant supplied, stored outside the web root, its type checked by
    content. A replaced document stays (the file's history), with `replaced_by` set."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    requirement = models.ForeignKey(
        "catalogue.RequiredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("required document"),
    )
    file = models.FileField(upload_to=_private_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["collectivity", "case"], name="attachment_case")]

    def __str__(self) -> str:
        return self.original_name


class Message(TenantModel):
    """A message between the applicant and the agents, bound to the case; each side has its
    unread marker (the other side's messages not yet opened)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_staff = models.BooleanField()
    body = models.TextField(_("message"), max_length=4000)
    sent_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        indexes = [
            models.Index(
                fields=["collectivity", "case", "from_staff", "read_at"], name="msg_unread"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.body[:40]}"


class Consultation(TenantModel):
    """An opinion asked of another service, with its own clock (a Deadline on this row)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations")
    service = models.CharField(_("service consulted"), max_length=200)
    question = models.TextField(_("question"), max_length=4000)
    days = models.PositiveSmallIntegerField(
        _("days to answer"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    opinion = models.TextField(_("opinion"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.service}"


class Rating(TenantModel):
    """The applicant's satisfaction once the case is closed (law 54.19)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.score}"


class IdempotencyKey(models.Model):
    """An API client's `Idempotency-Key`: a retried submission returns the first case."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    fingerprint = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
