"""What the requester's, the public's and the officers' pages share: labels of clocks and
actions, the released file as a download, an issued document by its code."""

from typing import Any

from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy

from jamaati.information.models import InformationRequest

CLOCK_LABELS: dict[str, Any] = {
    "answer": gettext_lazy("Answer of the body"),
    "appeal_window": gettext_lazy("Time to complain to the head of the body"),
    "head_answer": gettext_lazy("Answer of the head of the body"),
    "cdai_window": gettext_lazy("Time to complain to the CDAI"),
    "cdai_answer": gettext_lazy("Answer of the CDAI"),
}


def labelled_clocks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "label": CLOCK_LABELS.get(row["deadline"].kind, "")} for row in rows]


def released_file_response(request: InformationRequest) -> FileResponse:
    """The document released with the answer, as a download with its checked type."""
    if not request.answer_file:
        raise Http404
    response = FileResponse(
        request.answer_file.open("rb"),
        as_attachment=True,
        filename=request.answer_file_name or "document",
        content_type=request.answer_file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_by_code(request: InformationRequest, code: Any) -> Any:
    """A document issued for this request, by its verification code; 404 for any other."""
    from jamaati.core.documents.selectors import documents_of, normalise_code

    normal = normalise_code(str(code))
    document = documents_of(request).filter(code=normal).first() if normal else None
    if document is None:
        raise Http404
    return document


def timeline_rows(request: InformationRequest, logs: list) -> list[dict[str, Any]]:
    flow = request.workflow
    return [
        {
            "log": log,
            "label": flow.by_name[log.transition].display if log.transition in flow.by_name else "",
            "state": flow.state_label(log.target),
        }
        for log in logs
    ]
