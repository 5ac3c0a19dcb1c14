"""Checks on a file a person uploads: size, and type read from the content (never trusted
from the name or the browser's claim). Shared by every app that takes files (cases,
complaints' photos, information answers)."""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# What a file may be, by its content: PDF scans and photos of documents.
ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
# Photos only (a complaint's pictures of a problem in public space).
PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG"}


def max_upload_bytes() -> int:
    """The size limit of one file (setting CASES_MAX_UPLOAD_BYTES, 5 MB by default)."""
    return int(getattr(settings, "CASES_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))


@dataclass(frozen=True)
class CheckedFile:
    file: UploadedFile
    content_type: str
    size: int
    sha256: str
    name: str


def check_upload(upload: UploadedFile, *, allowed: dict[str, str] | None = None) -> CheckedFile:
    """The file with its type (by content), size and SHA-256; ValidationError when it is
    empty, too large, or not of an `allowed` type (PDF, JPEG or PNG by default)."""
    allowed = ALLOWED_TYPES if allowed is None else allowed
    size = upload.size or 0
    name = (upload.name or "document")[-200:]
    if size == 0:
        raise ValidationError(_("The file “%(name)s” is empty."), params={"name": name})
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file “%(name)s” is too large (%(size)s); the limit is %(limit)s."),
            code="too_large",
            params={
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(max_upload_bytes()),
            },
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    mime = kind.mime if kind is not None else ""
    if mime not in allowed:
        if allowed == PHOTO_TYPES:
            message = _("The file “%(name)s” is not a JPEG or PNG photo.")
        else:
            message = _("The file “%(name)s” is not a PDF, JPEG or PNG document.")
        raise ValidationError(message, code="wrong_type", params={"name": name})
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(upload, mime, size, digest.hexdigest(), name)
