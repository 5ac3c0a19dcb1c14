"""The procedures catalogue (law 55.19): procedures, their numbered versions, documents, fees.

A national template is a Procedure at the country node; a commune's Procedure adopts one
(`template`) or is purely local. What the public reads is a published ProcedureVersion, which
never changes: a change is a new draft, and publishing it retires the previous version.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamaati.core.tenancy.models import TenantModel

# Law 55.19 art.16: at most 60 days, 30 for the investment-related decisions listed by decree.
MAX_DELAY_DAYS = 60
MAX_INVESTMENT_DELAY_DAYS = 30


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class DelayCalendar(models.TextChoices):
    WORKING = "working", _("Working days")
    CALENDAR = "calendar", _("Calendar days")


class ExtensionReason(models.TextChoices):
    NONE = "", _("No extension")
    EXPERT_STUDY = "expert_study", _("Expert study")
    PUBLIC_INQUIRY = "public_inquiry", _("Public inquiry")


class SuppliedBy(models.TextChoices):
    USER = "user", _("You bring it")
    ADMINISTRATION = "administration", _("The administration fetches it")


class ImmutableVersionError(ValidationError):
    """A published or retired version (or one of its documents or fees) was to be changed."""


def _in_language(obj: object, stem: str) -> str:
    lang = (get_language() or "ar").split("-")[0]
    return getattr(obj, f"{stem}_{lang}", "") or getattr(obj, f"{stem}_ar", "") or ""


class Procedure(TenantModel):
    """A procedure of one collectivity, stable across its versions (its slug never changes)."""

    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    template = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("national template"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "slug"], name="catalogue_procedure_unique_slug"
            ),
            models.UniqueConstraint(
                fields=["collectivity", "template"],
                condition=Q(template__isnull=False),
                name="catalogue_procedure_adopted_once",
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class ProcedureVersion(TenantModel):
    """One numbered version of a procedure: everything law 55.19 art.6 asks a catalogue entry
    to state. Drafts change; published and retired versions never do."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    name_ar = models.CharField(_("name in Arabic"), max_length=250)
    name_fr = models.CharField(_("name in French"), max_length=250)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    legal_basis_text = models.CharField(_("legal basis (text)"), max_length=250, blank=True)
    legal_basis_article = models.CharField(_("legal basis (article)"), max_length=120, blank=True)
    service_ar = models.CharField(_("competent service in Arabic"), max_length=250, blank=True)
    service_fr = models.CharField(_("competent service in French"), max_length=250, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=250, blank=True)
    max_delay_days = models.PositiveSmallIntegerField(_("maximum delay (days)"), default=30)
    delay_calendar = models.CharField(
        _("delay counted in"),
        max_length=10,
        choices=DelayCalendar.choices,
        default=DelayCalendar.WORKING,
    )
    is_investment_related = models.BooleanField(_("investment-related decision"), default=False)
    silence_means_acceptance = models.BooleanField(_("silence means acceptance"), default=False)
    silence_legal_basis = models.CharField(
        _("legal basis of acceptance by silence"), max_length=250, blank=True
    )
    allows_extension = models.BooleanField(_("delay may be extended once"), default=False)
    extension_reason = models.CharField(
        _("reason for the extension"),
        max_length=20,
        choices=ExtensionReason.choices,
        blank=True,
        default=ExtensionReason.NONE,
    )
    appeal_ar = models.TextField(_("how to appeal, in Arabic"), blank=True)
    appeal_fr = models.TextField(_("how to appeal, in French"), blank=True)
    is_online = models.BooleanField(_("available online"), default=False)
    is_at_counter = models.BooleanField(_("available at the counter"), default=True)
    output_document_ar = models.CharField(
        _("document issued, in Arabic"), max_length=250, blank=True
    )
    output_document_fr = models.CharField(
        _("document issued, in French"), max_length=250, blank=True
    )
    form_schema = models.JSONField(_("request form"), default=list, blank=True)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="catalogue_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published"),
                name="catalogue_version_one_published",
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="draft"),
                name="catalogue_version_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(max_delay_days__gte=1, max_delay_days__lte=MAX_DELAY_DAYS),
                name="catalogue_version_delay_within_law",
            ),
        ]
        indexes = [models.Index(fields=["collectivity", "status", "search_key"])]

    def __str__(self) -> str:
        return f"{self.procedure_id} v{self.number}"

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def description(self) -> str:
        return _in_language(self, "description")

    @property
    def service(self) -> str:
        return _in_language(self, "service")

    @property
    def appeal(self) -> str:
        return _in_language(self, "appeal")

    @property
    def output_document(self) -> str:
        return _in_language(self, "output_document")

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def save(self, *args, **kwargs) -> None:
        """Refuse any change to a stored published or retired version, except retiring it."""
        from jamaati.catalogue.form_schema import validate_form_schema
        from jamaati.core.names import search_key

        if self.pk is not None:
            stored = (
                ProcedureVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            )
            if stored is not None and stored != VersionStatus.DRAFT:
                retiring = (
                    stored == VersionStatus.PUBLISHED
                    and self.status == VersionStatus.RETIRED
                    and set(kwargs.get("update_fields") or ()) == {"status"}
                )
                if not retiring:
                    raise ImmutableVersionError(_("A published version cannot be changed."))
                super().save(*args, **kwargs)
                return
        problems = validate_form_schema(self.form_schema)
        if problems:
            raise ValidationError({"form_schema": problems})
        self.search_key = search_key(f"{self.name_ar} {self.name_fr}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key", "updated_at"}
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != VersionStatus.DRAFT:
            raise ImmutableVersionError(_("A published version cannot be changed."))
        return super().delete(*args, **kwargs)


class _VersionChild(TenantModel):
    """A row of a version (document, fee): frozen with its version once published."""

    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["version_id", "position", "pk"]

    def _refuse_unless_draft(self) -> None:
        status = (
            ProcedureVersion.objects.filter(pk=self.version_id)  # type: ignore[attr-defined]
            .values_list("status", flat=True)
            .first()
        )
        if status is not None and status != VersionStatus.DRAFT:
            raise ImmutableVersionError(_("A published version cannot be changed."))

    def save(self, *args, **kwargs) -> None:
        self._refuse_unless_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_unless_draft()
        return super().delete(*args, **kwargs)


class RequiredDocument(_VersionChild):
    """A document the procedure needs: brought by the user, or fetched by the administration
    from the body that holds it (law 55.19 art.23-24)."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="documents"
    )
    name_ar = models.CharField(_("name in Arabic"), max_length=250)
    name_fr = models.CharField(_("name in French"), max_length=250)
    supplied_by = models.CharField(
        _("supplied by"), max_length=16, choices=SuppliedBy.choices, default=SuppliedBy.USER
    )
    holder_ar = models.CharField(_("body that holds it, in Arabic"), max_length=250, blank=True)
    holder_fr = models.CharField(_("body that holds it, in French"), max_length=250, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=250, blank=True)
    is_mandatory = models.BooleanField(_("mandatory"), default=True)

    class Meta(_VersionChild.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name_fr or self.name_ar

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def holder(self) -> str:
        return _in_language(self, "holder")


class Fee(_VersionChild):
    """A fee in dirhams with its legal basis; a commune sets the amount only when `is_local`."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    key = models.SlugField(_("key"), max_length=60)
    label_ar = models.CharField(_("label in Arabic"), max_length=250)
    label_fr = models.CharField(_("label in French"), max_length=250)
    amount = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    legal_basis = models.CharField(_("legal basis"), max_length=250, blank=True)
    is_local = models.BooleanField(_("amount set by the collectivity"), default=False)

    class Meta(_VersionChild.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="catalogue_fee_unique_key"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="catalogue_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def label(self) -> str:
        return _in_language(self, "label")
