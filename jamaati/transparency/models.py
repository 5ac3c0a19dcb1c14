"""Published items of the proactive-publication register (law 31.13 art. 10).

A publication answers one obligation (`obligations.py`), has a bilingual title, an optional
summary, a file (stored outside the web root, its type checked by content) and/or an external
link, the year it covers, and who published it when. A withdrawn item stays, with who withdrew
it, when, why, and the item that replaced it: the register keeps its history.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamaati.core.names import search_key
from jamaati.core.tenancy.models import TenantModel
from jamaati.transparency.obligations import OBLIGATION_CHOICES, obligation_get


def publication_upload_to(instance: "Publication", filename: str) -> str:
    # The stored name never uses the uploader's file name (kept in `original_name`).
    return f"transparency/{instance.collectivity_id}/{instance.sha256}"


class PublicationQuerySet(models.QuerySet):
    def in_force(self) -> "PublicationQuerySet":
        """Items not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class Publication(TenantModel):
    obligation = models.CharField(_("obligation"), max_length=40, choices=OBLIGATION_CHOICES)
    title_ar = models.CharField(_("title in Arabic"), max_length=250)
    title_fr = models.CharField(_("title in French"), max_length=250, blank=True)
    summary_ar = models.TextField(_("summary in Arabic"), max_length=2000, blank=True)
    summary_fr = models.TextField(_("summary in French"), max_length=2000, blank=True)
    file = models.FileField(_("file"), upload_to=publication_upload_to, max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    period_year = models.PositiveSmallIntegerField(_("year covered"), null=True, blank=True)
    published_on = models.DateField(_("published on"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("replaced by"),
    )
    search_key = models.CharField(max_length=2000, editable=False, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(
                fields=["collectivity", "obligation", "withdrawn_at"], name="publication_register"
            ),
            models.Index(fields=["collectivity", "published_on"], name="publication_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(
            " ".join([self.title_ar, self.title_fr, self.summary_ar, self.summary_fr])
        )[:2000]
        super().save(*args, **kwargs)

    # --- what pages and other apps show -----------------------------------------------------

    @property
    def title(self) -> str:
        """The title in the active language (French when asked and present, else Arabic)."""
        lang = (get_language() or "ar").split("-")[0]
        if lang == "fr" and self.title_fr:
            return self.title_fr
        return self.title_ar or self.title_fr

    @property
    def summary(self) -> str:
        lang = (get_language() or "ar").split("-")[0]
        if lang == "fr" and self.summary_fr:
            return self.summary_fr
        return self.summary_ar or self.summary_fr

    @property
    def obligation_def(self):
        return obligation_get(self.obligation)

    @property
    def category_label(self) -> str:
        obligation = self.obligation_def
        return str(obligation.label) if obligation else self.obligation

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    def get_absolute_url(self) -> str:
        """The item's public page."""
        return reverse(
            "public:publication-detail", kwargs={"code": self.collectivity.code, "pk": self.pk}
        )

    def file_url(self) -> str:
        return reverse(
            "public:publication-file", kwargs={"code": self.collectivity.code, "pk": self.pk}
        )

    @property
    def public_url(self) -> str:
        """Where a reader gets the information: the external link when the item is only a
        link, else the item's public page (which offers the file)."""
        if self.external_url and not self.file:
            return self.external_url
        return self.get_absolute_url()
