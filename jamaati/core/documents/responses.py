"""Serving a stored document's PDF. Who may download it is the calling view's decision."""

from django.http import FileResponse, Http404

from jamaati.core.documents.models import IssuedDocument


def document_file_response(document: IssuedDocument, *, inline: bool = True) -> FileResponse:
    """The PDF as `<kind>-<code>.pdf`, shown in the browser or (inline=False) downloaded;
    Http404 when its stored file is missing (never a 500)."""
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError):  # no file, or the stored file is gone
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=f"{document.kind}-{document.code}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
