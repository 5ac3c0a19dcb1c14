"""HTTP hardening that every response shares: input sanity, caching of private pages, CSP."""

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# Scripts, styles, fonts and images only from this origin; style *attributes* are allowed
# (chart bar widths) but not <style> elements; no framing, no plugins, forms post home.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Machine interfaces answer bad input in their own format: path prefix -> the 400 response.
# Apps register theirs in `ready()` (the API its JSON body, Open311 its error document);
# every other path raises BadRequest and gets the HTML 400 page.
_BAD_REQUEST_ANSWERS: dict[str, Callable[[], HttpResponse]] = {}


def register_bad_request_answer(prefix: str, answer: Callable[[], HttpResponse]) -> None:
    """Answer a malformed request under `prefix` with `answer()` instead of the HTML page."""
    _BAD_REQUEST_ANSWERS[prefix] = answer


def _bad_request(request: HttpRequest) -> HttpResponse:
    for prefix, answer in _BAD_REQUEST_ANSWERS.items():
        if request.path.startswith(prefix):
            return answer()
    raise BadRequest("NUL character in the request")


def _has_nul(request: HttpRequest) -> bool:
    """True when the path, the query string or a JSON body carries a NUL character.

    PostgreSQL cannot store NUL in text, so such input would fail deep in a query; Django's
    form fields already refuse it, and this catches the paths that bypass forms.
    """
    if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return True
    if request.content_type == "application/json":
        body = request.body
        return b"\x00" in body or b"\\u0000" in body
    return False


class HardeningMiddleware:
    """Refuses NUL-bearing requests with 400; marks signed-in pages `no-store`; sets the CSP."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return _bad_request(request)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if not settings.DEBUG:
            response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
