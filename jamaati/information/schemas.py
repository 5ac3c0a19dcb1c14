"""The shapes of the information API (django-ninja schemas)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str
    errors: list[Any] = Field(default_factory=list, description="the messages")
    fields: dict[str, list[str]] = Field(default_factory=dict, description="messages by field")


class RequestIn(Schema):
    collectivity: str = Field(..., max_length=40, description="code of the body addressed")
    name: str = Field("", max_length=200, description="full name (the account's by default)")
    id_kind: str = Field("cin", max_length=20, description="cin or residence")
    id_number: str = Field("", max_length=20)
    address: str = Field("", max_length=300)
    email: str = Field("", max_length=254)
    sought: str = Field("", max_length=4000, description="the information sought")
    preferred_form: str = Field("", max_length=20, description="paper, file, on_site or email")
    is_urgent: bool = False
    urgency_reason: str = Field("", max_length=2000)


class ClockOut(Schema):
    kind: str
    legal_basis: str
    starts_on: date
    due_on: date
    status: str
    extensions: int


class AnswerOut(Schema):
    answered_at: datetime | None
    text: str
    released_file: str | None = Field(None, description="path of the released document")
    published_reference_url: str
    published_reference_title: str
    exceptions: list[str]
    refusal_ground: str


class RegisterItemOut(Schema):
    """A request as the public register shows it: no personal data."""

    number: str
    collectivity: str
    text: str
    state: str
    state_label: str
    filed_on: date
    is_urgent: bool
    answer: AnswerOut
    url: str


class RequestOut(Schema):
    number: str
    collectivity: str
    state: str
    state_label: str
    filed_at: datetime
    due_on: date | None
    is_urgent: bool
    sought: str
    preferred_form: str
    receipt_pdf: str


class RequestDetailOut(RequestOut):
    clocks: list[ClockOut]
    answer: AnswerOut
    appeals: list[dict[str, Any]]
    documents: list[dict[str, Any]]
