"""Cases through the API: file (with Idempotency-Key), read my cases, upload, staff queue.

Every operation needs a bearer token. The applicant's operations name a case by its number
(`/cases/{number}`), the staff's by its id (`/cases/staff/{case_id}`); a case the caller may
not see answers 404 exactly as a missing one. Request bodies that may carry files are parsed
here (JSON, or multipart with a `payload` JSON field) so that a case is looked up, and 404
answered, before the body is judged.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Header, Path, Query, Router, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticValidationError

from jamaati.accounts.api_auth import TokenAuth
from jamaati.api.pagination import BoundedPagination
from jamaati.cases.documents import case_documents
from jamaati.cases.models import Case, Channel
from jamaati.cases.schemas import (
    MAX_ID,
    CaseDetailOut,
    CaseFileIn,
    CaseListOut,
    CaseOut,
    ErrorOut,
    QueueFiltersIn,
    QueueItemOut,
    StaffCaseOut,
    TransitionIn,
)
from jamaati.cases.selectors import (
    QueueFilters,
    case_attachments,
    case_clocks,
    case_get_for_applicant,
    case_get_for_staff_by_id,
    case_list_for_applicant,
    case_queue,
    case_timeline,
    unread_count,
)
from jamaati.cases.services import (
    case_act,
    case_add_documents,
    case_answer_info,
    case_submit,
    missing_documents,
)
from jamaati.cases.workflow import CASE_FLOW, CaseState
from jamaati.catalogue.selectors import procedure_get_public_by_id
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.tenancy.models import Kind
from jamaati.core.tenancy.selectors import collectivity_get

router = Router(auth=TokenAuth())

MAX_KEY = 120


# --- bodies and errors --------------------------------------------------------------------


def _schema_of(model: Any) -> dict:
    return model.model_json_schema()


def _json_body(model: Any, raw: bytes | str) -> Any:
    """`raw` read as `model`; 422 with pydantic's errors, like ninja's own validation."""
    try:
        return model.model_validate_json(raw or b"")
    except PydanticValidationError as exc:
        raise NinjaValidationError(json.loads(exc.json(include_url=False))) from exc


def _has_nul(text: str) -> bool:
    """NUL cannot be stored by PostgreSQL; JSON bodies are refused by the middleware already,
    multipart fields are checked here."""
    return "\x00" in text or "\\u0000" in text


def _files(request: HttpRequest) -> dict[str, Any]:
    """The uploaded files by field name (`document_<id>`), multipart requests only."""
    if request.content_type != "multipart/form-data":
        return {}
    return {name: request.FILES[name] for name in request.FILES}


def _invalid(exc: ValidationError) -> Status:
    """A service's refusal as a 422 body: all the messages, and the messages by field."""
    fields: dict[str, list[str]] = {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            fields[field] = [str(m) for error in errors for m in error.messages]
    else:
        fields["__all__"] = [str(m) for m in exc.messages]
    body = {"detail": _("The request is not valid."), "errors": exc.messages, "fields": fields}
    return Status(422, body)


def _refusal(field: str, message: str) -> Status:
    return _invalid(ValidationError({field: [message]}))


# --- what a case looks like ---------------------------------------------------------------


def _local(obj: Any, base: str) -> str:
    language = "fr" if (get_language() or "").startswith("fr") else "ar"
    return getattr(obj, f"{base}_{language}", "") or getattr(obj, f"{base}_ar", "")


def _path(name: str, **kwargs: Any) -> str | None:
    """The path of a web page, or None while that page does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _procedure(case: Case) -> dict:
    version = case.version
    return {
        "id": case.procedure_id,
        "collectivity": case.collectivity.code,
        "name_ar": version.name_ar,
        "name_fr": version.name_fr,
        "version": version.number,
    }


def _case(case: Case) -> dict:
    completion = deadline_open_of(case, "completion")
    return {
        "id": case.pk,
        "number": case.number,
        "state": case.state,
        "state_label": str(case.state_label()),
        "procedure": _procedure(case),
        "channel": case.channel,
        "filed_at": case.filed_at,
        "due_on": case.due_on,
        "missing_documents": [
            {"id": d.pk, "name": _local(d, "name"), "name_ar": d.name_ar, "name_fr": d.name_fr}
            for d in missing_documents(case)
        ],
        "completion_due_on": completion.due_on if completion is not None else None,
        "receipt": {
            "html": _path("cases:case-receipt", number=case.number),
            "pdf": _path("cases:case-receipt-pdf", number=case.number),
        },
    }


def _case_detail(case: Case, *, staff_side: bool) -> dict:
    transitions = CASE_FLOW.by_name
    return {
        **_case(case),
        "timeline": [
            {
                "name": log.transition,
                "label": str(transitions[log.transition].label)
                if log.transition in transitions
                else log.transition,
                "from_state": log.source,
                "to_state": log.target,
                "at": log.at,
            }
            for log in case_timeline(case)
        ],
        "clocks": [
            {
                "kind": row["deadline"].kind,
                "legal_basis": row["deadline"].legal_basis,
                "starts_on": row["deadline"].starts_on,
                "due_on": row["deadline"].due_on,
                "status": row["deadline"].status,
                "days_left": row["days_left"],
            }
            for row in case_clocks(case)
        ],
        "documents": [
            {
                "id": a.pk,
                "requirement_id": a.requirement_id,
                "requirement": _local(a.requirement, "name") if a.requirement_id else "",
                "file_name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "uploaded_at": a.uploaded_at,
                "current": a.replaced_by_id is None,
            }
            for a in case_attachments(case)
        ],
        "issued": [
            {
                "kind": d.kind,
                "title_ar": d.title_ar,
                "title_fr": d.title_fr,
                "code": d.code,
                "verify_url": _path("web:verify-code", verification_code=d.code),
                "download_url": None
                if staff_side
                else _path("cases:case-document", number=case.number, verification_code=d.code),
                "issued_at": d.issued_at,
                "superseded": d.superseded_at is not None,
            }
            for d in case_documents(case)
        ],
        "unread_messages": unread_count(case, staff_side=staff_side),
    }


def _staff_case(case: Case) -> dict:
    return {
        **_case_detail(case, staff_side=True),
        "applicant_kind": case.applicant_kind,
        "applicant_name": case.applicant_name,
        "applicant_cin": case.applicant_cin,
        "business_name": case.business_name,
        "business_ice": case.business_ice,
        "assignee": case.assignee.get_username() if case.assignee_id else None,
        "answers": case.data,
    }


# --- the applicant ------------------------------------------------------------------------

FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _schema_of(CaseFileIn)},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["payload"],
                    "properties": {
                        "payload": {
                            "type": "string",
                            "description": "the same object as the JSON body, as a string",
                        }
                    },
                    "additionalProperties": {
                        "type": "string",
                        "format": "binary",
                        "description": "document_<id>: a PDF, JPEG or PNG file",
                    },
                }
            },
        },
    }
}


@router.post(
    "",
    response={200: CaseOut, 201: CaseOut, 422: ErrorOut},
    summary="File a case",
    openapi_extra=FILE_BODY,
)
def case_file_api(
    request: HttpRequest,
    idempotency_key: str = Header(
        "",
        alias="Idempotency-Key",
        max_length=MAX_KEY,
        pattern=r"^[\x20-\x7e]*$",
        description="a retry with the same key and body returns the first case (200)",
    ),
):
    """File a case under a procedure's published version, online, as the token's owner.

    JSON, or multipart with the JSON in `payload` and files as `document_<id>`. Missing
    documents do not stop the filing: the case is then `incomplete`, with its list of missing
    documents and the last day to supply them. 201 when created, 200 when an
    `Idempotency-Key` retry returns the case the first request created."""
    if request.content_type == "multipart/form-data":
        raw = request.POST.get("payload", "")
        if _has_nul(raw):
            return _refusal("payload", _("The request is not valid."))
        payload = _json_body(CaseFileIn, raw)
    else:
        payload = _json_body(CaseFileIn, request.body)
    try:
        version = procedure_get_public_by_id(procedure_id=payload.procedure_id)
    except Http404:
        return _refusal("procedure_id", _("No published procedure has this id."))
    if version.collectivity.kind == Kind.COUNTRY:
        return _refusal(
            "procedure_id",
            _("This is a national model: file with the commune that adopted it."),
        )
    applicant = payload.applicant.model_dump() if payload.applicant else None
    try:
        case = case_submit(
            actor=request.auth,
            version=version,
            data=payload.data,
            files=_files(request),
            channel=Channel.API,
            applicant=applicant,
            idempotency_key=idempotency_key.strip(),
        )
    except ValidationError as exc:
        return _invalid(exc)
    return Status(200 if getattr(case, "is_replay", False) else 201, _case(case))


@router.get("/mine", response=list[CaseListOut], summary="My cases")
@paginate(BoundedPagination)
def case_mine_api(request: HttpRequest):
    """The cases filed for the token's owner, newest first, with unread messages."""
    return case_list_for_applicant(request.auth)


# --- the staff ----------------------------------------------------------------------------


@router.get("/queue", response=list[QueueItemOut], summary="A collectivity's queue (staff)")
@paginate(BoundedPagination)
def case_queue_api(request: HttpRequest, filters: Query[QueueFiltersIn]):
    """Cases of a collectivity by legal due date (soonest first); 404 when the collectivity
    is outside the token owner's reach."""
    collectivity = collectivity_get(code=filters.collectivity)
    return case_queue(
        request.auth,
        collectivity=collectivity,
        filters=QueueFilters(
            procedure=filters.procedure,
            state=filters.state or "",
            assignee=filters.assignee,
            due=filters.due,
            q=filters.q,
            include_closed=filters.include_closed,
        ),
    )


@router.get("/staff/{case_id}", response=StaffCaseOut, summary="One case (staff)")
def case_staff_get_api(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)):
    """A case the token owner's membership reaches, with timeline, clocks and documents."""
    return _staff_case(case_get_for_staff_by_id(request.auth, case_id))


@router.post(
    "/staff/{case_id}/transitions",
    response={200: StaffCaseOut, 422: ErrorOut},
    summary="Act on a case (staff)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _schema_of(TransitionIn)}},
        }
    },
)
def case_staff_act_api(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)):
    """Apply a transition: `request_info` {request}, `extend` {reason}, `accept`, `refuse`
    {reasons, legal_basis}, `deliver`, `grant_appeal`, `dismiss_appeal` {reasons},
    `order_ruling`, `dismiss_after_ruling` {reasons}... 403 when the role may not, 422 when
    the case's state, the law's rules or an unknown name refuse it."""
    case = case_get_for_staff_by_id(request.auth, case_id)
    payload = _json_body(TransitionIn, request.body)
    try:  # case_act checks the action's name and inputs (422 with a message)
        case = case_act(actor=request.auth, case=case, name=payload.name, data=payload.data)
    except ValidationError as exc:
        return _invalid(exc)
    return Status(200, _staff_case(case))


# --- one of my cases (after the literal paths above) --------------------------------------


@router.get("/{number}", response=CaseDetailOut, summary="One of my cases")
def case_mine_get_api(request: HttpRequest, number: str = Path(..., max_length=40)):
    """One of the token owner's cases by number, with timeline, clocks, supplied and issued
    documents and unread messages; anyone else's answers 404."""
    return _case_detail(case_get_for_applicant(request.auth, number), staff_side=False)


@router.post(
    "/{number}/documents",
    response={200: CaseDetailOut, 422: ErrorOut},
    summary="Add documents to my case",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "answer": {
                                "type": "string",
                                "description": "the answer to the administration's request",
                            }
                        },
                        "additionalProperties": {"type": "string", "format": "binary"},
                    }
                }
            },
        }
    },
)
def case_mine_documents_api(request: HttpRequest, number: str = Path(..., max_length=40)):
    """Missing or replacement documents as `document_<id>` files (PDF, JPEG or PNG). While
    the administration waits for the applicant, this is the answer (files and/or `answer`
    text) and the decision clock resumes. A refused file writes nothing (422)."""
    case = case_get_for_applicant(request.auth, number)
    files = _files(request)
    answer = request.POST.get("answer", "") if request.content_type == "multipart/form-data" else ""
    if _has_nul(answer):
        return _refusal("answer", _("The request is not valid."))
    try:
        if case.state == CaseState.AWAITING_APPLICANT:
            case = case_answer_info(actor=request.auth, case=case, answer=answer, files=files)
        elif answer.strip():
            return _refusal(
                "answer", _("An answer can be sent only when the administration asked for one.")
            )
        else:
            case = case_add_documents(actor=request.auth, case=case, files=files)
    except ValidationError as exc:
        return _invalid(exc)
    return Status(200, _case_detail(case, staff_side=False))
