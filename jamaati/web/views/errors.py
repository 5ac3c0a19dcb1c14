"""Error pages in the user's language; they never raise themselves.

400, 403 and 404 are rendered in the page's language with the site's shell. When that
rendering fails (the database is down, a template is broken), and always for 500, the static
bilingual page is served: it needs no database, no context processor and no translation.
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

_LAST_RESORT = (
    '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
    "<title>خطأ · Erreur</title></head><body><h1>حدث خطأ غير متوقع</h1>"
    '<p lang="fr" dir="ltr">Une erreur inattendue s\u2019est produite.</p></body></html>'
)


def _static_page(status: int) -> HttpResponse:
    try:
        content = loader.render_to_string("web/errors/500.html", {"status": status})
    except Exception:  # the last resort must not fail in turn
        logger.exception("the static error page could not be rendered")
        content = _LAST_RESORT
    return HttpResponse(content, status=status)


def _page(request: HttpRequest, status: int, template: str) -> HttpResponse:
    try:
        return render(request, template, {"status": status}, status=status)
    except Exception:  # an error page that fails would turn a 404 into a 500
        logger.exception("error page %s could not be rendered", status)
        return _static_page(status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400, "web/errors/400.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, "web/errors/403.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404, "web/errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    return _static_page(500)
