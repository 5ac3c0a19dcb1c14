"""Public pages of the publication register (no account: published information is public):
a collectivity's register with its completeness and a search box, each item's page, the file
of an item in force, and the national page of completeness by region and province."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jamaati.core.tenancy.models import Kind
from jamaati.core.tenancy.selectors import collectivity_get
from jamaati.transparency.bo_views import file_response
from jamaati.transparency.forms import SearchForm
from jamaati.transparency.obligations import Status
from jamaati.transparency.selectors import (
    completeness_by_child,
    publication_get,
    publication_get_public,
    publication_history,
    publication_search,
    register_of,
)

CHART_STATUSES = (Status.PUBLISHED, Status.LATE, Status.MISSING)
# The levels the national page opens: the country (its regions), a region (its provinces and
# prefectures), a province or prefecture (its communes).
NATIONAL_LEVELS = frozenset(
    {
        Kind.COUNTRY,
        Kind.REGION,
        Kind.PROVINCE,
        Kind.PREFECTURE,
        Kind.PREFECTURE_OF_ARRONDISSEMENTS,
    }
)


def register_page(request: HttpRequest, code: str) -> HttpResponse:
    """The register grouped by obligation: what is published, what is late or missing, the
    completeness figure and chart; with `q`, the best matching items first."""
    node = request.collectivity
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    register = register_of(node)
    total = register.total or 1
    chart = [
        {
            "status": status,
            "label": Status(status).label,
            "count": register.count(status),
            "width": 100 * register.count(status) / total,
        }
        for status in CHART_STATUSES
    ]
    return render(
        request,
        "transparency/register.html",
        {
            "node": node,
            "ancestors": node.ancestors(),
            "register": register,
            "chart": chart,
            "form": form,
            "query": query,
            "results": publication_search(collectivity=node, q=query, limit=20)
            if query.strip()
            else None,
            "history": publication_history(node)[:20],
        },
    )


def publication_page(request: HttpRequest, code: str, pk: str) -> HttpResponse:
    """One item; a withdrawn one says when, why and what replaced it (its file is not
    served any more)."""
    node = request.collectivity
    item = publication_get_public(collectivity=node, pk=pk)
    return render(
        request,
        "transparency/detail.html",
        {"node": node, "ancestors": node.ancestors(), "item": item},
    )


def publication_file(request: HttpRequest, code: str, pk: str) -> HttpResponse:
    """The file of an item in force, as a download; 404 for a withdrawn item or none."""
    item = publication_get(collectivity=request.collectivity, pk=pk)
    if not item.file:
        raise Http404
    return file_response(item)


def national_page(request: HttpRequest) -> HttpResponse:
    """Completeness of the communes' registers by region; `?in=<code>` opens a region (its
    provinces) or a province (its communes)."""
    code = (request.GET.get("in") or "MA")[:20]
    node = collectivity_get(code=code)
    if node.kind not in NATIONAL_LEVELS:
        raise Http404
    rows = completeness_by_child(node, today=timezone.localdate())
    return render(
        request,
        "transparency/national.html",
        {
            "node": node,
            "ancestors": node.ancestors() if node.kind != "country" else [],
            "rows": rows,
            "total": _total(rows),
            "communes_level": bool(rows) and all(r["is_commune"] for r in rows),
        },
    )


def _total(rows: list[dict]) -> dict:
    communes = sum(r["communes"] for r in rows)
    met = sum(r["met"] for r in rows)
    expected = sum(r["expected"] for r in rows)
    return {
        "communes": communes,
        "met": met,
        "expected": expected,
        "percent": (100 * met // expected) if expected else 0,
    }
