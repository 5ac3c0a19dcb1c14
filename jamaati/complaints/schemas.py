"""The shapes of the complaints API (/api/v1/complaints)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class BoundedPagination(LimitOffsetPagination):
    """Limit-offset pages of at most 200 items; out-of-range values answer 422."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=10_000_000)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=200, **kwargs)


class ErrorOut(Schema):
    detail: str
    errors: list[Any] = Field(default_factory=list, description="the messages")
    fields: dict[str, list[str]] = Field(
        default_factory=dict, description="messages by field (`__all__`: the whole request)"
    )


class CategoryOut(Schema):
    code: str
    name: str
    group: str
    level: str = Field(description="commune, province or region: who is in charge")
    service_name: str
    needs_location: bool
    description: str


class ComplaintFileIn(Schema):
    collectivity: str = Field(max_length=20, description="HCP code where the problem is")
    kind: str = Field(max_length=20, description="observation, suggestion or complaint")
    category: str = Field(max_length=60, description="a category code (GET /categories)")
    text: str = Field(max_length=8000)
    latitude: float | str | None = None
    longitude: float | str | None = None
    address: str = Field("", max_length=600)
    anonymous: bool = Field(False, description="observations and suggestions only")


class InformationIn(Schema):
    text: str = Field("", max_length=8000)


class RatingIn(Schema):
    score: int = Field(ge=1, le=5)


class ReopenIn(Schema):
    reasons: str = Field(max_length=8000)


class StepOut(Schema):
    at: datetime
    step: str
    state: str
    text: str = ""
    body: str = ""
    outcome: str = ""


class ComplaintOut(Schema):
    number: str
    kind: str
    category: str
    category_name: str
    channel: str
    state: str
    state_label: str
    outcome: str
    outcome_label: str
    collectivity: str = Field(description="HCP code of the collectivity in charge")
    service_name: str
    filed_at: datetime
    due_on: date | None
    answered_at: datetime | None
    answer_text: str
    redirected_to_body: str
    latitude: float | None
    longitude: float | None
    address: str
    rating: int | None
    reopen_count: int
    photos: int
    tracking_secret: str = Field("", description="anonymous filing only, shown once")


class ComplaintDetailOut(ComplaintOut):
    text: str
    additions: list[str]
    history: list[StepOut]
