"""Serving a stored document's PDF. Who may download it is the calling view's decision."""

from django.http import FileResponse

from jamaati.core.documents.models import IssuedDocument


def document_file_response(document: IssuedDocument, *, inline: bool = True) -> FileResponse:
    """The PDF as `<kind>-<code>.pdf`, shown in the browser or (inline=False) downloaded."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=f"{document.kind}-{document.code}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
