"""The public directory of collectivities: country, region, province, commune."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jamaati.core.tenancy.models import Kind
from jamaati.core.tenancy.selectors import children_of, collectivity_list, country


def home(request: HttpRequest) -> HttpResponse:
    """The country page: the regions with their population, and the commune search."""
    root = country()
    return render(
        request,
        "web/home.html",
        {"node": root, "children": children_of(root), "ancestors": []},
    )


def collectivity_page(request: HttpRequest, code: str) -> HttpResponse:
    """One collectivity: its figures, its place in the tree, and the units below it."""
    node = request.collectivity
    return render(
        request,
        "web/collectivity.html",
        {"node": node, "children": children_of(node), "ancestors": node.ancestors()},
    )


def search(request: HttpRequest) -> HttpResponse:
    """Find a commune (or any collectivity) by its Arabic or French name."""
    q = (request.GET.get("q") or "").strip()[:100]
    kind = request.GET.get("kind") or ""
    if kind not in Kind.values:
        kind = ""
    results = collectivity_list(q=q, kind=kind or None) if q else collectivity_list().none()
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    return render(request, "web/search.html", {"q": q, "kind": kind, "page": page})
