"""Issuing and superseding documents: each write in one transaction, audited."""

import hashlib
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.audit.chain import record
from jamaati.core.documents.models import IssuedDocument, new_code
from jamaati.core.documents.render import LANGUAGES, render_pdf

CODE_ATTEMPTS = 5


def _free_code() -> str:
    """A code no document has yet (60 random bits: a clash is a test of this loop, not luck)."""
    for _attempt in range(CODE_ATTEMPTS):
        code = new_code()
        if not IssuedDocument.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not allocate a free document code")


def _summary_rows(summary: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for row in summary:
        if not (row.get("label_ar") or row.get("label_fr")):
            raise ValueError(f"a summary row needs a label: {row!r}")
        rows.append(
            {
                "label_ar": str(row.get("label_ar", "")),
                "label_fr": str(row.get("label_fr", "")),
                "value": str(row.get("value", "")),
            }
        )
    return rows


def document_issue(
    *,
    actor: Any,
    owner: models.Model,
    kind: str,
    title_ar: str,
    title_fr: str,
    template_name: str,
    context: dict[str, Any],
    language: str = "ar",
    summary: Iterable[dict[str, Any]] = (),
    signed_by: str = "",
) -> IssuedDocument:
    """Render, hash and store a document about `owner` (any TenantModel row).

    The code is allocated first so that the PDF prints it; `template_name` extends
    documents/base.html and receives `context` plus the document's own fields. `summary`
    rows ({"label_ar", "label_fr", "value"}) are what the verify page shows.
    """
    if language not in LANGUAGES:
        raise ValueError(f"documents are issued in {LANGUAGES}, not {language!r}")
    collectivity = owner.collectivity
    rows = _summary_rows(summary)
    with transaction.atomic():
        code = _free_code()
        issued_at = timezone.now()
        pdf = render_pdf(
            template_name,
            {
                **context,
                "collectivity": collectivity,
                "owner": owner,
                "kind": kind,
                "title_ar": title_ar,
                "title_fr": title_fr,
                "code": code,
                "issued_at": issued_at,
                "signed_by": signed_by,
                "summary": rows,
            },
            language=language,
        )
        document = IssuedDocument(
            collectivity=collectivity,
            kind=kind,
            title_ar=title_ar,
            title_fr=title_fr,
            language=language,
            code=code,
            sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            content_type=ContentType.objects.get_for_model(owner),
            object_id=str(owner.pk),
            issued_at=issued_at,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            signed_by=signed_by,
            summary=rows,
        )
        # Should the caller's transaction roll back, the file stays behind: unreferenced and
        # never served, it is harmless.
        document.file.save(f"{code}.pdf", ContentFile(pdf), save=False)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            document.file.delete(save=False)
            raise
        record(
            actor=actor,
            action="document.issue",
            collectivity=collectivity,
            obj=document,
            changes={
                "kind": kind,
                "code": code,
                "sha256": document.sha256,
                "owner": f"{document.content_type.app_label}.{document.content_type.model}"
                f":{document.object_id}",
                "language": language,
                "signed_by": signed_by,
            },
        )
    return document


def document_supersede(*, actor: Any, document: IssuedDocument, reason: str) -> IssuedDocument:
    """Mark a document as no longer valid (replaced or withdrawn), with the reason shown."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason why the document is superseded."))
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if not locked.is_valid:
            raise ValidationError(_("This document is already superseded."))
        locked.superseded_at = timezone.now()
        locked.superseded_reason = reason
        locked.save(update_fields=["superseded_at", "superseded_reason"])
        record(
            actor=actor,
            action="document.supersede",
            collectivity=locked.collectivity,
            obj=locked,
            changes={"code": locked.code, "reason": reason},
        )
    document.superseded_at = locked.superseded_at
    document.superseded_reason = locked.superseded_reason
    return locked


def document_supersede_for(
    *, actor: Any, owner: models.Model, kind: str, reason: str
) -> list[IssuedDocument]:
    """Supersede every valid document of `kind` about `owner`; the superseded documents."""
    with transaction.atomic():
        current = list(IssuedDocument.objects.of(owner).valid().filter(kind=kind))
        return [document_supersede(actor=actor, document=d, reason=reason) for d in current]
