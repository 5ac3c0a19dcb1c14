"""Public API of the publication register (no token: published information is public).

GET /api/v1/publications?collectivity=<code>&q=   items in force of a collectivity, best
                                                   matches first when `q` is given
GET /api/v1/publications/{id}                      one item in force
Bad parameters answer 422 with a message in the request's language; an unknown, withdrawn or
missing item answers 404.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from jamaati.core.tenancy.selectors import collectivity_get
from jamaati.transparency.selectors import (
    publication_get_by_id,
    publication_search,
    publications_in_force,
)

router = Router()

MAX_ID = 2**62
MAX_LIMIT = 100


class PublicationOut(Schema):
    id: int
    collectivity: str = Field(description="HCP code of the collectivity")
    obligation: str = Field(description="key of the law 31.13 art. 10 obligation")
    obligation_label: str
    legal_basis: str
    title_ar: str
    title_fr: str
    summary_ar: str
    summary_fr: str
    period_year: int | None = Field(None, description="year covered (annual obligations)")
    published_on: date
    url: str = Field(description="public page of the item")
    file_url: str | None = Field(None, description="download of the file, if any")
    file_type: str | None = None
    file_size: int | None = None
    file_sha256: str | None = None
    external_url: str | None = None

    @staticmethod
    def resolve_collectivity(obj) -> str:
        return obj.collectivity.code

    @staticmethod
    def resolve_obligation_label(obj) -> str:
        return obj.category_label

    @staticmethod
    def resolve_legal_basis(obj) -> str:
        definition = obj.obligation_def
        return str(definition.legal_basis) if definition else ""

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())

    @staticmethod
    def resolve_file_url(obj, context) -> str | None:
        return context["request"].build_absolute_uri(obj.file_url()) if obj.file else None

    @staticmethod
    def resolve_file_type(obj) -> str | None:
        return obj.content_type or None if obj.file else None

    @staticmethod
    def resolve_file_size(obj) -> int | None:
        return obj.size if obj.file else None

    @staticmethod
    def resolve_file_sha256(obj) -> str | None:
        return obj.sha256 if obj.file else None

    @staticmethod
    def resolve_external_url(obj) -> str | None:
        return obj.external_url or None


class PublicationFilters(Schema):
    collectivity: str = Field(..., min_length=1, max_length=20, description="HCP code")
    q: str = Field("", max_length=200, description="words; accents and hamza ignored")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000)


@router.get("", response=list[PublicationOut], summary="Publications of a collectivity")
def publication_list_api(request: HttpRequest, filters: Query[PublicationFilters]):
    """Items in force of one collectivity: newest first, or best matches first for `q`."""
    try:
        node = collectivity_get(code=filters.collectivity)
    except Http404 as exc:
        raise ValidationError(_("Unknown collectivity code.")) from exc
    if "\x00" in filters.q:
        raise ValidationError(_("The text contains a character that is not allowed."))
    if filters.q.strip():
        ranked = publication_search(
            collectivity=node, q=filters.q, limit=min(filters.offset + filters.limit, MAX_LIMIT)
        )
        return ranked[filters.offset :]
    return list(publications_in_force(node)[filters.offset : filters.offset + filters.limit])


@router.get("/{publication_id}", response=PublicationOut, summary="One publication")
def publication_get_api(request: HttpRequest, publication_id: int = Path(..., ge=1, le=MAX_ID)):
    """One item in force, with its file's type, size and SHA-256."""
    return publication_get_by_id(publication_id)
