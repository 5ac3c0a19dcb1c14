"""Issued documents: PDFs rendered from templates, stored with their SHA-256, verifiable.

IssuedDocument                                  the row: code, hash, file, owner, summary
document_issue(*, actor, owner, kind, ...)      render, hash, store and audit a document
document_supersede(*, actor, document, reason)  withdraw one document (refused twice)
document_supersede_for(*, actor, owner, kind, reason)  withdraw every valid one of a kind
document_get_by_code(code)                      the document a code names, or Http404
documents_of(owner, kind=None)                  the documents about one object
normalise_code(text)                            a typed code read the Crockford way, or None
document_file_response(document, *, inline)     the PDF as a FileResponse (caller checks access)
render_pdf(template_name, context, *, language) the PDF bytes of a documents/base.html child

The names are imported on first use: this package loads with the models, and WeasyPrint is
only needed when a document is rendered.
"""

from importlib import import_module
from typing import Any

_HOME = {
    "IssuedDocument": "models",
    "document_issue": "services",
    "document_supersede": "services",
    "document_supersede_for": "services",
    "document_get_by_code": "selectors",
    "documents_of": "selectors",
    "normalise_code": "selectors",
    "document_file_response": "responses",
    "render_pdf": "render",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
