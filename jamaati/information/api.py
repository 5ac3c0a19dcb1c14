"""Information requests through the API (/api/v1/information): file a request, list mine,
read one of mine (404 for anyone else's), and the public register (no token, no personal data).
Errors come in the caller's language; a refused request answers 422 with its messages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from jamaati.accounts.api_auth import TokenAuth
from jamaati.core.tenancy.selectors import collectivity_get
from jamaati.information.documents import request_documents
from jamaati.information.models import Channel, InformationRequest
from jamaati.information.schemas import (
    ErrorOut,
    RegisterItemOut,
    RequestDetailOut,
    RequestIn,
    RequestOut,
)
from jamaati.information.selectors import (
    register_get,
    register_search,
    request_appeals,
    request_clocks,
    request_get_for_requester,
    requests_of_requester,
)
from jamaati.information.services import request_file

router = Router(auth=TokenAuth())


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class RegisterQueryIn(PageIn):
    q: str = Field("", max_length=200)


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


def _answer(item: InformationRequest, *, public: bool) -> dict[str, Any]:
    released = None
    if item.answer_file_name:
        released = (
            reverse(
                "public:information-register-file",
                kwargs={"code": item.collectivity.code, "number": item.number},
            )
            if public
            else reverse("information:request-file", args=[item.number])
        )
    return {
        "answered_at": item.answered_at,
        "text": item.answer_text,
        "released_file": released,
        "published_reference_url": item.published_reference_url,
        "published_reference_title": item.published_reference_title,
        "exceptions": list(item.exceptions or []),
        "refusal_ground": item.refusal_ground,
    }


def _request(item: InformationRequest) -> dict[str, Any]:
    return {
        "number": item.number,
        "collectivity": item.collectivity.code,
        "state": item.state,
        "state_label": str(item.state_label()),
        "filed_at": item.filed_at,
        "due_on": item.due_on,
        "is_urgent": item.is_urgent,
        "sought": item.sought,
        "preferred_form": item.preferred_form,
        "receipt_pdf": reverse("information:request-receipt-pdf", args=[item.number]),
    }


def _register_item(item: InformationRequest) -> dict[str, Any]:
    return {
        "number": item.number,
        "collectivity": item.collectivity.code,
        "text": item.public_text,
        "state": item.state,
        "state_label": str(item.state_label()),
        "filed_on": item.filed_at.date(),
        "is_urgent": item.is_urgent,
        "answer": _answer(item, public=True),
        "url": reverse(
            "public:information-register-detail",
            kwargs={"code": item.collectivity.code, "number": item.number},
        ),
    }


@router.post(
    "/requests",
    response={201: RequestOut, 404: ErrorOut, 422: ErrorOut},
    summary="File an information request",
)
def request_file_api(request: HttpRequest, payload: RequestIn):
    """File a request with the body `collectivity` as the token's owner (law 31.13 art. 14):
    identity number, address and the information sought are required. 201 with the number
    and the answer's due day."""
    try:
        node = collectivity_get(code=payload.collectivity)
    except Http404:
        return Status(404, {"detail": _("No collectivity has this code.")})
    data = payload.model_dump(exclude={"collectivity"})
    try:
        item = request_file(actor=request.auth, collectivity=node, data=data, channel=Channel.API)
    except ValidationError as exc:
        return _invalid(exc)
    return Status(201, _request(item))


@router.get("/requests", response=list[RequestOut], summary="My information requests")
def request_mine_api(request: HttpRequest, page: Query[PageIn]):
    """The token owner's requests, newest first."""
    rows = requests_of_requester(request.auth)[page.offset : page.offset + page.limit]
    return [_request(item) for item in rows]


@router.get(
    "/requests/{number}",
    response=RequestDetailOut,
    summary="One of my requests",
)
def request_detail_api(
    request: HttpRequest,
    number: str = Path(..., max_length=40, description="the request's number"),
):
    """One of the token owner's requests (named by its number) with its clocks, answer,
    complaints and documents; 404 for anyone else's."""
    item = request_get_for_requester(request.auth, number)
    return {
        **_request(item),
        "clocks": [
            {
                "kind": row["deadline"].kind,
                "legal_basis": row["deadline"].legal_basis,
                "starts_on": row["deadline"].starts_on,
                "due_on": row["deadline"].due_on,
                "status": row["deadline"].status,
                "extensions": row["deadline"].extensions,
            }
            for row in request_clocks(item)
        ],
        "answer": _answer(item, public=False),
        "appeals": [
            {
                "level": a.level,
                "lodged_on": a.lodged_on.isoformat(),
                "outcome": a.outcome,
                "decided_on": a.decided_on.isoformat() if a.decided_on else None,
                "decision": a.decision,
            }
            for a in request_appeals(item)
        ],
        "documents": [
            {
                "kind": d.kind,
                "code": d.code,
                "title_ar": d.title_ar,
                "title_fr": d.title_fr,
                "download_url": reverse("information:request-document", args=[item.number, d.code]),
            }
            for d in request_documents(item)
        ],
    }


@router.get(
    "/register/{code}",
    response=list[RegisterItemOut],
    auth=None,
    summary="The public register of a body's requests",
)
def register_api(request: HttpRequest, code: str, query: Query[RegisterQueryIn]):
    """The body's requests and answers, newest first, searchable (`q`); no personal data."""
    node = collectivity_get(code=code)
    rows = register_search(collectivity=node, q=query.q)[query.offset : query.offset + query.limit]
    return [_register_item(item) for item in rows]


@router.get(
    "/register/{code}/{number}",
    response=RegisterItemOut,
    auth=None,
    summary="One request of the public register",
)
def register_item_api(request: HttpRequest, code: str, number: str):
    node = collectivity_get(code=code)
    return _register_item(register_get(collectivity=node, number=number))
