"""Public API of the catalogue: published procedures, and one with the JSON Schema of its form."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from jamaati.api.pagination import BoundedPagination
from jamaati.catalogue.form_schema import json_schema_for
from jamaati.catalogue.selectors import procedure_get_public_by_id, procedure_list_public
from jamaati.core.tenancy.selectors import collectivity_get

router = Router()

MAX_ID = 2**63 - 1


class ProcedureOut(Schema):
    id: int = Field(description="procedure id, stable across versions")
    slug: str
    collectivity: str = Field(description="HCP code of the collectivity (MA for templates)")
    template: str | None = Field(None, description="slug of the national template it adopts")
    version: int
    name_ar: str
    name_fr: str
    max_delay_days: int
    delay_calendar: str = Field(description="working or calendar")
    is_online: bool
    is_at_counter: bool

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.procedure_id

    @staticmethod
    def resolve_slug(obj) -> str:
        return obj.procedure.slug

    @staticmethod
    def resolve_collectivity(obj) -> str:
        return obj.collectivity.code

    @staticmethod
    def resolve_template(obj) -> str | None:
        return obj.procedure.template.slug if obj.procedure.template_id else None

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.number


class DocumentOut(Schema):
    name_ar: str
    name_fr: str
    supplied_by: str = Field(description="user, or administration (fetched from `holder`)")
    holder_ar: str
    holder_fr: str
    legal_basis: str
    is_mandatory: bool


class FeeOut(Schema):
    key: str
    label_ar: str
    label_fr: str
    amount: Decimal = Field(description="dirhams (MAD)")
    legal_basis: str
    is_local: bool


class LegalBasisOut(Schema):
    text: str
    article: str


class ProcedureDetailOut(ProcedureOut):
    published_at: datetime
    description_ar: str
    description_fr: str
    legal_basis: LegalBasisOut
    service_ar: str
    service_fr: str
    office_hours: str
    is_investment_related: bool
    silence_means_acceptance: bool
    silence_legal_basis: str
    allows_extension: bool
    extension_reason: str
    appeal_ar: str
    appeal_fr: str
    output_document_ar: str
    output_document_fr: str
    documents: list[DocumentOut]
    fees: list[FeeOut]
    form: dict = Field(description="JSON Schema (draft 2020-12) of a request's answers")

    @staticmethod
    def resolve_legal_basis(obj) -> dict:
        return {"text": obj.legal_basis_text, "article": obj.legal_basis_article}

    @staticmethod
    def resolve_documents(obj) -> list:
        return list(obj.documents.all())

    @staticmethod
    def resolve_fees(obj) -> list:
        return list(obj.fees.all())

    @staticmethod
    def resolve_form(obj) -> dict:
        return json_schema_for(obj.form_schema)


class ProcedureFilters(Schema):
    collectivity: str | None = Field(None, max_length=20, description="HCP code; MA: templates")
    q: str | None = Field(None, max_length=100, description="name, accents and hamza ignored")


@router.get("", response=list[ProcedureOut], summary="List published procedures")
@paginate(BoundedPagination)
def procedure_list_api(request: HttpRequest, filters: Query[ProcedureFilters]):
    """Published procedures, of one collectivity or all, filtered by name."""
    node = None
    if filters.collectivity:
        try:
            node = collectivity_get(code=filters.collectivity)
        except Http404 as exc:
            raise ValidationError(_("Unknown collectivity code.")) from exc
    return procedure_list_public(collectivity=node, q=filters.q)


@router.get("/{procedure_id}", response=ProcedureDetailOut, summary="One published procedure")
def procedure_get_api(request: HttpRequest, procedure_id: int = Path(..., ge=1, le=MAX_ID)):
    """The published version of a procedure, with documents, fees and its form's JSON Schema."""
    return procedure_get_public_by_id(procedure_id=procedure_id)
