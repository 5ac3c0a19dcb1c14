"""Reading issued documents: by verification code (public) or by owner."""

from django.db import models
from django.http import Http404

from jamaati.core.documents.models import CODE_ALPHABET, CODE_LENGTH, IssuedDocument

# Crockford's decoding: case-insensitive, O read as 0, I and L read as 1.
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " -\u2010\u2011\u2012\u2013\u2014\u2212\t\u00a0")


def normalise_code(text: str | None) -> str | None:
    """The 12-character code typed or scanned, or None when it cannot be one.

    Spaces and dashes are ignored, letters uppercased, O, I and L read as 0, 1 and 1.
    """
    if not text or len(text) > 64:
        return None
    code = text.translate(_SEPARATORS).upper().translate(_ALIASES)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def document_get_by_code(code: str | None) -> IssuedDocument:
    """The document with this code (in any accepted spelling); Http404 otherwise."""
    normal = normalise_code(code)
    if normal is None:
        raise Http404("malformed document code")
    try:
        return IssuedDocument.objects.select_related("collectivity").get(code=normal)
    except IssuedDocument.DoesNotExist:
        raise Http404("no such document") from None


def documents_of(owner: models.Model, kind: str | None = None) -> models.QuerySet:
    """The documents issued about `owner`, newest first, optionally of one kind."""
    documents = IssuedDocument.objects.of(owner)
    return documents.filter(kind=kind) if kind else documents
