"""Public pages of the catalogue: the national templates, a collectivity's procedures, one
procedure in plain words (what to bring, what it costs, how long, silence, appeal)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from jamaati.catalogue.models import SuppliedBy
from jamaati.catalogue.selectors import procedure_get_public, procedure_list_public
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.tenancy.selectors import collectivity_get, country

SEARCH_MAX_LENGTH = 100
PAGE_SIZE = 25


def _clean_query(raw: str) -> str:
    """What people typed, without control characters (PostgreSQL refuses NUL), bounded."""
    text = "".join(ch for ch in raw if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:SEARCH_MAX_LENGTH]


def _collectivity(request: HttpRequest, code: str) -> Collectivity:
    return getattr(request, "collectivity", None) or collectivity_get(code=code)


def _content_lang(obj: object) -> str:
    """The language the procedure's own text is shown in (French pages in French, else Arabic)."""
    lang = (get_language() or "ar").split("-")[0]
    return lang if getattr(obj, f"name_{lang}", "") else "ar"


def _list(request: HttpRequest, node: Collectivity, *, national: bool) -> HttpResponse:
    q = _clean_query(request.GET.get("q") or "")
    versions = procedure_list_public(collectivity=node, q=q or None)
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/procedure_list.html",
        {"node": node, "national": national, "q": q, "page": page, "searched": bool(q)},
    )


def national_list(request: HttpRequest) -> HttpResponse:
    """The national catalogue: the templates every collectivity may adopt, searchable."""
    return _list(request, country(), national=True)


def procedure_list(request: HttpRequest, code: str) -> HttpResponse:
    """The procedures a collectivity publishes, searchable in Arabic and French."""
    node = _collectivity(request, code)
    return _list(request, node, national=node.kind == "country")


def procedure_detail(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """One published procedure of a collectivity (404 when unpublished or another's)."""
    node = _collectivity(request, code)
    version = procedure_get_public(collectivity=node, slug=slug)
    documents = list(version.documents.all())
    return render(
        request,
        "catalogue/procedure_detail.html",
        {
            "node": node,
            "version": version,
            "content_lang": _content_lang(version),
            "you_bring": [d for d in documents if d.supplied_by == SuppliedBy.USER],
            "we_fetch": [d for d in documents if d.supplied_by == SuppliedBy.ADMINISTRATION],
            "fees": list(version.fees.all()),
        },
    )
