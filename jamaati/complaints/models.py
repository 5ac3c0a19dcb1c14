"""Complaints, observations and suggestions (decree 2.17.265) and the national categories.

States change only through `jamaati.core.workflow.transition()` (see `workflow.py`). The legal
clocks are Deadline rows; `due_on` copies the due day of the answer clock so that an agent's
queue is one indexed range scan (see `receivers.py`).
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamaati.complaints.workflow import (
    COMPLAINT_FLOW,
    OPEN_STATES,
    ComplaintState,
    Outcome,
)
from jamaati.core.tenancy.models import TenantModel

__all__ = [
    "Channel",
    "Complaint",
    "ComplaintAddition",
    "ComplaintCategory",
    "ComplaintKind",
    "ComplaintPhoto",
    "ComplaintState",
    "Level",
    "Outcome",
]


class ComplaintKind(models.TextChoices):
    """Decree 2.17.265, art. 2."""

    OBSERVATION = "observation", _("Observation")
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLAINT = "complaint", _("Complaint")


class Channel(models.TextChoices):
    WEB = "web", _("Online")
    COUNTER = "counter", _("At the counter")
    API = "api", _("Through the API")
    OPEN311 = "open311", _("Through Open311")


class Level(models.TextChoices):
    """The level of collectivity competent for a category (routing walks up the tree)."""

    COMMUNE = "commune", _("Commune")
    PROVINCE = "province", _("Province or prefecture")
    REGION = "region", _("Region")


class ComplaintCategory(models.Model):
    """A subject of complaints from the DGCT's national list (Open311's "services")."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=160)
    name_fr = models.CharField(_("name in French"), max_length=160)
    name_zgh = models.CharField(_("name in Tamazight"), max_length=160, blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    group = models.CharField(_("group"), max_length=120, blank=True)
    level = models.CharField(
        _("competent level"), max_length=10, choices=Level.choices, default=Level.COMMUNE
    )
    service_name_ar = models.CharField(_("service in charge (Arabic)"), max_length=200)
    service_name_fr = models.CharField(_("service in charge (French)"), max_length=200)
    needs_location = models.BooleanField(_("needs a location"), default=False)
    keywords = models.CharField(_("keywords"), max_length=400, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Arabic then French."""
        lang = (get_language() or "ar").split("-")[0]
        return getattr(self, f"name_{lang}", "") or self.name_ar or self.name_fr

    @property
    def description(self) -> str:
        lang = (get_language() or "ar").split("-")[0]
        return self.description_fr if lang == "fr" else self.description_ar

    @property
    def service_name(self) -> str:
        lang = (get_language() or "ar").split("-")[0]
        return self.service_name_fr if lang == "fr" else self.service_name_ar


class Complaint(TenantModel):
    """One observation, suggestion or complaint; `collectivity` is the body in charge now."""

    number = models.CharField(_("tracking number"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ComplaintKind.choices)
    category = models.ForeignKey(
        ComplaintCategory,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("category"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    text = models.TextField(_("text"), max_length=4000)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("complainant's account"),
    )
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_cin = models.CharField(_("CIN"), max_length=12, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    # SHA-256 of the anonymous follow-up secret (the secret itself is shown once, at filing).
    tracking_token = models.CharField(max_length=64, blank=True, editable=False)
    # For a filing without an account: a keyed digest of the network address it came from,
    # so that one address cannot flood a collectivity (never the address itself).
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    service_name = models.CharField(_("service in charge"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=24, choices=ComplaintState.choices, default=ComplaintState.NEW
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    due_on = models.DateField(_("answer due on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_in_time = models.BooleanField(_("answered within the legal delay"), null=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    redirected_to_body = models.CharField(_("competent body"), max_length=200, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    workflow = COMPLAINT_FLOW

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["collectivity", "state", "due_on", "id"], name="complaint_queue"),
            models.Index(fields=["collectivity", "filed_at"], name="complaint_filed"),
            models.Index(fields=["collectivity", "category", "filed_at"], name="complaint_cat"),
            models.Index(fields=["applicant", "-filed_at"], name="complaint_applicant"),
            models.Index(fields=["source_digest", "filed_at"], name="complaint_source"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="complaint_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(kind="complaint") | Q(is_anonymous=False),
                name="complaint_not_anonymous",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="complaint_whole_point",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def state_label(self) -> str:
        return self.workflow.state_label(self.state)

    @property
    def has_location(self) -> bool:
        return self.latitude is not None or bool(self.address)

    @property
    def osm_url(self) -> str:
        """A plain link to the point on openstreetmap.org (no map is embedded)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=18/{self.latitude}/{self.longitude}"
        )

    def is_overdue(self, today: date | None = None) -> bool:
        """The administration owes the answer and its due day has passed (a suspended clock,
        while the complainant completes, is never overdue)."""
        return bool(
            self.state == ComplaintState.RECEIVED
            and self.due_on
            and self.due_on < (today or timezone.localdate())
        )

    @property
    def display_name(self) -> str:
        if self.is_anonymous:
            return str(_("Anonymous"))
        if self.contact_name:
            return self.contact_name
        if self.applicant_id:
            return self.applicant.get_full_name() or self.applicant.get_username()
        return ""

    def reply_email(self) -> str:
        return self.contact_email or (self.applicant.email if self.applicant_id else "")

    def reply_language(self) -> Any:
        language = getattr(self.applicant, "preferred_language", "") if self.applicant_id else ""
        return language if language in dict(settings.LANGUAGES) else "ar"


def _photo_upload_to(instance: "ComplaintPhoto", filename: str) -> str:
    # The stored name never uses the person's file name (kept in `original_name`).
    return f"complaints/{instance.complaint_id}/{instance.sha256}"


class ComplaintPhoto(TenantModel):
    """A photo of the problem (JPEG or PNG by content), stored outside the web root."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_photo_upload_to, max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["collectivity", "complaint"], name="complaint_photo")]

    def __str__(self) -> str:
        return self.original_name


class ComplaintAddition(TenantModel):
    """Information the complainant added while the complaint was open (or their reply to a
    request to complete it)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="additions")
    text = models.TextField(_("information"), max_length=4000)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        indexes = [models.Index(fields=["collectivity", "complaint"], name="complaint_addition")]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.text[:40]}"
