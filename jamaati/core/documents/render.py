"""Render a Django template to PDF with WeasyPrint: Arabic shaped by HarfBuzz, right to left.

The fonts are the packaged TTFs (Amiri for Arabic, Noto Sans for Latin), loaded as file://
URLs. The URL fetcher refuses everything else but data: URIs (the QR code), so text printed
on a document can never make the renderer read a local file or reach the network.
"""

from functools import cache
from pathlib import Path
from typing import Any

import fontpkg
import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from jamaati.core.documents.models import group_code

LANGUAGES = ("ar", "fr")
BASE_TEMPLATE = "documents/base.html"

# (CSS family, fontpkg family, weight): Amiri has true bold; Noto Sans is variable.
_FONTS = (
    ("Jamaati Arabic", "Amiri", 400),
    ("Jamaati Arabic", "Amiri", 700),
    ("Jamaati Latin", "Noto Sans", 400),
)


@cache
def font_faces() -> tuple[tuple[str, int, str], ...]:
    """(CSS family, weight, file:// URL) of each packaged font the documents use."""
    return tuple(
        (css_family, weight, Path(fontpkg.path(family, weight=weight)).resolve().as_uri())
        for css_family, family, weight in _FONTS
    )


class _LocalFetcher(URLFetcher):
    """Fetches data: URIs and the packaged font files, nothing else."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        allowed = {face_url for _, _, face_url in font_faces()}
        if url.startswith("data:") or url in allowed:
            return super().fetch(url, headers)
        raise ValueError(f"documents may not load {url[:80]!r}")


def verify_url(code: str, language: str) -> str:
    """The absolute URL of a document's public verify page, in the document's language."""
    with translation.override(language):
        path = reverse("web:verify-code", args=[code])
    return f"{settings.JAMAATI_PUBLIC_URL}{path}"


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an inline SVG data URI (error correction M, black on white)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def render_pdf(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    """The PDF of `template_name` (which extends documents/base.html) in `language`.

    `context` may hold `collectivity`, `title`, `code`, `signed_by` and `issued_at` for the
    header, signature and footer of the base template; `code` adds the verify URL and its QR.
    """
    if language not in LANGUAGES:
        raise ValueError(f"documents are issued in {LANGUAGES}, not {language!r}")
    full = {
        **context,
        "lang": language,
        "dir": "rtl" if language == "ar" else "ltr",
        "font_faces": font_faces(),
    }
    code = context.get("code")
    if code:
        url = verify_url(code, language)
        full.update({"display_code": group_code(code), "verify_url": url, "qr": qr_data_uri(url)})
    with translation.override(language):
        html = render_to_string(template_name, full)
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=None, url_fetcher=_LocalFetcher())
    return document.write_pdf(font_config=font_config)
