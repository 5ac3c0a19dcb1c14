"""Schemas of the cases API (django-ninja): what a client sends and what it gets back.

Output schemas are filled from plain dicts built in `api.py` (the facts come from the
selectors); they exist so that the OpenAPI document describes every response.
"""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from jamaati.cases.workflow import CaseState

MAX_ID = 2**63 - 1


class ApplicantIn(Schema):
    kind: Literal["person", "business"] = Field("person", description="person or business")
    business_name: str = Field("", max_length=200, description="when kind is business")
    business_ice: str = Field("", max_length=15, description="the business's 15-digit ICE")


class CaseFileIn(Schema):
    procedure_id: int = Field(
        ge=1, le=MAX_ID, description="procedure id as listed by /api/v1/procedures"
    )
    data: dict[str, Any] = Field(
        default_factory=dict, description="answers to the procedure's form (see its `form`)"
    )
    applicant: ApplicantIn | None = Field(None, description="optional: filing for a business")


class TransitionIn(Schema):
    name: str = Field(max_length=60, description="a transition of the case workflow")
    data: dict[str, str] = Field(
        default_factory=dict,
        description="its input: request, reason, reasons, legal_basis (see docs/api.md)",
    )


class ErrorOut(Schema):
    detail: str
    errors: list[Any] = Field(default_factory=list, description="the messages")
    fields: dict[str, list[str]] = Field(
        default_factory=dict, description="messages by field (`__all__`: the whole request)"
    )


class ProcedureRefOut(Schema):
    id: int
    collectivity: str = Field(description="HCP code of the collectivity")
    name_ar: str
    name_fr: str
    version: int


class MissingDocumentOut(Schema):
    id: int = Field(description="required document id: send the file as `document_<id>`")
    name: str = Field(description="in the request's language")
    name_ar: str
    name_fr: str


class ReceiptOut(Schema):
    html: str | None = Field(None, description="path of the receipt page")
    pdf: str | None = Field(None, description="path of the receipt PDF")


class CaseOut(Schema):
    id: int
    number: str
    state: CaseState
    state_label: str
    procedure: ProcedureRefOut
    channel: str
    filed_at: datetime
    due_on: date | None = Field(None, description="due day of the clock the administration runs")
    missing_documents: list[MissingDocumentOut]
    completion_due_on: date | None = Field(
        None, description="last day to supply the missing documents (law 55.19 art. 10-12)"
    )
    receipt: ReceiptOut


class TransitionOut(Schema):
    name: str
    label: str
    from_state: str
    to_state: str
    at: datetime


class ClockOut(Schema):
    kind: str
    legal_basis: str
    starts_on: date
    due_on: date
    status: str
    days_left: int | None = Field(None, description="running clocks only; negative when late")


class AttachmentOut(Schema):
    id: int
    requirement_id: int | None
    requirement: str = Field(description="the required document's name")
    file_name: str
    content_type: str
    size: int
    uploaded_at: datetime
    current: bool = Field(description="false once a newer file replaced it")


class IssuedDocumentOut(Schema):
    kind: str
    title_ar: str
    title_fr: str
    code: str = Field(description="verification code")
    verify_url: str | None = Field(description="the public verification page")
    download_url: str | None = Field(description="the applicant's PDF (applicant's view only)")
    issued_at: datetime
    superseded: bool


class CaseDetailOut(CaseOut):
    timeline: list[TransitionOut]
    clocks: list[ClockOut]
    documents: list[AttachmentOut] = Field(description="the files the applicant supplied")
    issued: list[IssuedDocumentOut] = Field(description="documents the administration issued")
    unread_messages: int


class CaseListOut(Schema):
    id: int
    number: str
    state: CaseState
    state_label: str
    procedure: ProcedureRefOut
    filed_at: datetime
    due_on: date | None
    unread_messages: int

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.state_label())

    @staticmethod
    def resolve_procedure(obj) -> dict:
        return {
            "id": obj.procedure_id,
            "collectivity": obj.collectivity.code,
            "name_ar": obj.version.name_ar,
            "name_fr": obj.version.name_fr,
            "version": obj.version.number,
        }

    @staticmethod
    def resolve_unread_messages(obj) -> int:
        return getattr(obj, "unread", 0)


class QueueItemOut(Schema):
    id: int
    number: str
    state: CaseState
    state_label: str
    procedure_id: int
    procedure_name_ar: str
    procedure_name_fr: str
    applicant: str
    assignee: str | None = Field(None, description="user name of the assigned agent")
    filed_at: datetime
    due_on: date | None
    overdue: bool

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.state_label())

    @staticmethod
    def resolve_procedure_name_ar(obj) -> str:
        return obj.version.name_ar

    @staticmethod
    def resolve_procedure_name_fr(obj) -> str:
        return obj.version.name_fr

    @staticmethod
    def resolve_applicant(obj) -> str:
        return obj.display_applicant

    @staticmethod
    def resolve_assignee(obj) -> str | None:
        return obj.assignee.get_username() if obj.assignee_id else None

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue()


class StaffCaseOut(CaseDetailOut):
    applicant_kind: str
    applicant_name: str
    applicant_cin: str
    business_name: str
    business_ice: str
    assignee: str | None
    answers: dict[str, Any]


class QueueFiltersIn(Schema):
    collectivity: str = Field(max_length=20, description="HCP code of the collectivity")
    state: CaseState | None = None
    procedure: int | None = Field(None, ge=1, le=MAX_ID, description="procedure id")
    assignee: str = Field("", pattern=r"^(|me|none|\d{1,18})$", description="me, none or an id")
    due: Literal["", "overdue", "week"] = ""
    q: str = Field("", max_length=100, description="case number, applicant name or CIN")
    include_closed: bool = False
