"""Complaints through the API (/api/v1/complaints): the categories (public), file, list mine,
one of mine (404 for anyone else's), add information (text and photos), rate, reopen.

Every operation but the categories needs a bearer token. Bodies are JSON, or multipart with
the JSON in `payload` and photos as `photos` files; they are parsed here so that a complaint
is looked up, and 404 answered, before the body is judged. A refusal answers 422 with its
messages in the caller's language, and writes nothing.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticValidationError

from jamaati.accounts.api_auth import TokenAuth
from jamaati.complaints.models import Channel, Complaint
from jamaati.complaints.schemas import (
    BoundedPagination,
    CategoryOut,
    ComplaintDetailOut,
    ComplaintFileIn,
    ComplaintOut,
    ErrorOut,
    InformationIn,
    RatingIn,
    ReopenIn,
)
from jamaati.complaints.selectors import category_list, complaint_get_own, complaint_list_mine
from jamaati.complaints.services import (
    complaint_add_information,
    complaint_file,
    complaint_rate,
    complaint_reopen,
)
from jamaati.complaints.views import history_rows
from jamaati.core.tenancy.selectors import collectivity_get

router = Router(auth=TokenAuth())


def _body(model: Any, request: HttpRequest) -> Any:
    """The JSON body (or multipart `payload`) read as `model`; 422 with pydantic's errors."""
    raw: Any = request.body
    if request.content_type == "multipart/form-data":
        raw = request.POST.get("payload", "") or "{}"
        if "\x00" in raw or "\\u0000" in raw:
            raise NinjaValidationError([{"loc": ["payload"], "msg": "NUL", "type": "value_error"}])
    try:
        return model.model_validate_json(raw or b"{}")
    except PydanticValidationError as exc:
        raise NinjaValidationError(json.loads(exc.json(include_url=False))) from exc


def _photos(request: HttpRequest) -> list[Any]:
    if request.content_type != "multipart/form-data":
        return []
    return request.FILES.getlist("photos")


def _invalid(exc: ValidationError) -> Status:
    fields: dict[str, list[str]] = {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            fields[field] = [str(m) for error in errors for m in error.messages]
    else:
        fields["__all__"] = [str(m) for m in exc.messages]
    return Status(
        422, {"detail": _("The request is not valid."), "errors": exc.messages, "fields": fields}
    )


def _out(complaint: Complaint) -> dict[str, Any]:
    return {
        "number": complaint.number,
        "kind": complaint.kind,
        "category": complaint.category.code,
        "category_name": complaint.category.name,
        "channel": complaint.channel,
        "state": complaint.state,
        "state_label": complaint.state_label(),
        "outcome": complaint.outcome,
        "outcome_label": complaint.get_outcome_display() if complaint.outcome else "",
        "collectivity": complaint.collectivity.code,
        "service_name": complaint.service_name,
        "filed_at": complaint.filed_at,
        "due_on": complaint.due_on,
        "answered_at": complaint.answered_at,
        "answer_text": complaint.answer_text,
        "redirected_to_body": complaint.redirected_to_body,
        "latitude": float(complaint.latitude) if complaint.latitude is not None else None,
        "longitude": float(complaint.longitude) if complaint.longitude is not None else None,
        "address": complaint.address,
        "rating": complaint.rating,
        "reopen_count": complaint.reopen_count,
        # Lists annotate the count (one query for the page); one complaint counts its own.
        "photos": (
            complaint.photo_count if hasattr(complaint, "photo_count") else complaint.photos.count()
        ),
        "tracking_secret": getattr(complaint, "tracking_secret", ""),
    }


def _detail(complaint: Complaint) -> dict[str, Any]:
    return {
        **_out(complaint),
        "text": complaint.text,
        "additions": [a.text for a in complaint.additions.all()],
        "history": [
            {
                "at": h["at"],
                "step": str(h["label"]),
                "state": str(h["state"]),
                "text": h["text"],
                "body": h["body"],
                "outcome": str(h["outcome"]),
            }
            for h in history_rows(complaint)
        ],
    }


@router.get("/categories", response=list[CategoryOut], auth=None, summary="Categories")
def category_list_api(request: HttpRequest):
    """The national list of subjects (active ones), in the caller's language."""
    return [
        {
            "code": c.code,
            "name": c.name,
            "group": c.group,
            "level": c.level,
            "service_name": c.service_name,
            "needs_location": c.needs_location,
            "description": c.description,
        }
        for c in category_list()
    ]


FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ComplaintFileIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "payload": {"type": "string", "description": "the JSON body"},
                        "photos": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                        },
                    },
                }
            },
        },
    }
}


@router.post(
    "",
    response={201: ComplaintOut, 422: ErrorOut},
    summary="File an observation, suggestion or complaint",
    openapi_extra=FILE_BODY,
)
def complaint_file_api(request: HttpRequest):
    """File as the token's owner at the collectivity `collectivity` (routed by the category's
    level). Up to 3 photos (JPEG or PNG) in multipart. 201 with the tracking number."""
    payload = _body(ComplaintFileIn, request)
    try:
        collectivity = collectivity_get(code=payload.collectivity)
    except Http404:
        return _invalid(ValidationError({"collectivity": [_("Unknown collectivity code.")]}))
    try:
        complaint = complaint_file(
            actor=request.auth,
            collectivity=collectivity,
            kind=payload.kind,
            category=payload.category,
            text=payload.text,
            channel=Channel.API,
            photos=_photos(request),
            latitude=payload.latitude,
            longitude=payload.longitude,
            address=payload.address,
            anonymous=payload.anonymous,
        )
    except ValidationError as exc:
        return _invalid(exc)
    return Status(201, _out(complaint))


@router.get("/mine", response=list[ComplaintOut], summary="My complaints")
@paginate(BoundedPagination)
def complaint_mine_api(request: HttpRequest):
    """The token owner's complaints, newest first."""
    mine = complaint_list_mine(actor=request.auth).annotate(photo_count=Count("photos"))
    return [_out(c) for c in mine]


@router.get("/{number}", response=ComplaintDetailOut, summary="One of my complaints")
def complaint_get_api(request: HttpRequest, number: str = Path(..., max_length=40)):
    """One of the token owner's complaints with its history and answer; anyone else's: 404."""
    return _detail(complaint_get_own(actor=request.auth, number=number))


@router.post(
    "/{number}/information",
    response={200: ComplaintDetailOut, 422: ErrorOut},
    summary="Add information to my complaint",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": InformationIn.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "payload": {"type": "string"},
                            "photos": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            },
                        },
                    }
                },
            },
        }
    },
)
def complaint_information_api(request: HttpRequest, number: str = Path(..., max_length=40)):
    """Text and/or photos while the complaint is open; when details were asked for, this is
    the reply and the answer clock resumes."""
    complaint = complaint_get_own(actor=request.auth, number=number)
    payload = _body(InformationIn, request)
    try:
        complaint = complaint_add_information(
            actor=request.auth, complaint=complaint, text=payload.text, photos=_photos(request)
        )
    except ValidationError as exc:
        return _invalid(exc)
    return Status(200, _detail(complaint))


@router.post(
    "/{number}/rating",
    response={200: ComplaintDetailOut, 422: ErrorOut},
    summary="Rate the answer",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RatingIn.model_json_schema()}},
        }
    },
)
def complaint_rating_api(request: HttpRequest, number: str = Path(..., max_length=40)):
    """1 to 5, once, when the complaint is closed."""
    complaint = complaint_get_own(actor=request.auth, number=number)
    payload = _body(RatingIn, request)
    try:
        complaint = complaint_rate(actor=request.auth, complaint=complaint, score=payload.score)
    except ValidationError as exc:
        return _invalid(exc)
    return Status(200, _detail(complaint))


@router.post(
    "/{number}/reopen",
    response={200: ComplaintDetailOut, 422: ErrorOut},
    summary="Reopen my complaint",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ReopenIn.model_json_schema()}},
        }
    },
)
def complaint_reopen_api(request: HttpRequest, number: str = Path(..., max_length=40)):
    """Once, within 30 days of an answer marked resolved when the problem is not."""
    complaint = complaint_get_own(actor=request.auth, number=number)
    payload = _body(ReopenIn, request)
    try:
        complaint = complaint_reopen(
            actor=request.auth, complaint=complaint, reasons=payload.reasons
        )
    except ValidationError as exc:
        return _invalid(exc)
    return Status(200, _detail(complaint))
