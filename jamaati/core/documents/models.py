"""An issued document: the stored PDF, its SHA-256 and the code that verifies a paper copy."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamaati.core.tenancy.models import TenantModel

# Crockford's base32: digits and letters without I, L, O and U (no confusion when typed).
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 random bits


def new_code() -> str:
    """A fresh random verification code (12 Crockford base32 characters)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def group_code(code: str) -> str:
    """`ABCD-EFGH-JKMN`: the code as printed and shown."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def document_upload_to(instance: "IssuedDocument", filename: str) -> str:
    """`documents/<collectivity code>/<year>/<code>.pdf`, under the private media root."""
    year = (instance.issued_at or timezone.now()).year
    return f"documents/{instance.collectivity.code}/{year}/{instance.code}.pdf"


class IssuedDocumentQuerySet(models.QuerySet):
    def valid(self) -> "IssuedDocumentQuerySet":
        """Documents not superseded."""
        return self.filter(superseded_at__isnull=True)

    def of(self, owner: models.Model) -> "IssuedDocumentQuerySet":
        """The documents issued about one object."""
        return self.filter(
            collectivity_id=owner.collectivity_id,
            content_type=ContentType.objects.get_for_model(owner),
            object_id=str(owner.pk),
        )


class IssuedDocument(TenantModel):
    """A PDF the platform issued (receipt, decision, attestation, extract) about an object.

    The file is kept as issued and never rewritten; a corrected document is a new row and the
    old one is superseded. `summary` states what the document certifies, as shown on the
    public verify page: no more personal data than printed on the paper.
    """

    class Language(models.TextChoices):
        AR = "ar", _("Arabic")
        FR = "fr", _("French")

    kind = models.SlugField(_("kind"), max_length=60)
    title_ar = models.CharField(_("title in Arabic"), max_length=200)
    title_fr = models.CharField(_("title in French"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    owner = GenericForeignKey("content_type", "object_id")
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True)
    summary = models.JSONField(_("summary"), default=list, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_reason = models.TextField(_("reason superseded"), blank=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["collectivity", "content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="issueddocument_sha256_hex",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.display_code}"

    @property
    def is_valid(self) -> bool:
        """True until the document is superseded."""
        return self.superseded_at is None

    @property
    def title(self) -> str:
        """The title in the active language (Arabic for any language but French)."""
        lang = (get_language() or "ar").split("-")[0]
        return (self.title_fr if lang == "fr" else self.title_ar) or self.title_ar or self.title_fr

    @property
    def display_code(self) -> str:
        """The code grouped as printed: XXXX-XXXX-XXXX."""
        return group_code(self.code)

    def summary_rows(self) -> list[tuple[str, str]]:
        """(label, value) of each summary row, the label in the active language."""
        lang = (get_language() or "ar").split("-")[0]
        key = "label_fr" if lang == "fr" else "label_ar"
        return [
            (row.get(key) or row.get("label_ar") or row.get("label_fr") or "", row.get("value"))
            for row in self.summary
        ]
