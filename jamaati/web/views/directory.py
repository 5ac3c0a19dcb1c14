"""The public directory of collectivities: country, region, province, commune."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from jamaati.core.tenancy.models import Collectivity, Kind
from jamaati.core.tenancy.selectors import children_of, collectivity_list, country

# The chart shows the largest units; the table beside it lists them all.
CHART_MAX_BARS = 15
SEARCH_MAX_LENGTH = 100
SEARCH_PAGE_SIZE = 25

# What the units below a node are called, and the caption of their population chart.
_BELOW = {
    Kind.COUNTRY: (_("Regions"), _("Population of the regions, 2024 census")),
    Kind.REGION: (
        _("Prefectures and provinces"),
        _("Population of the prefectures and provinces, 2024 census"),
    ),
    Kind.PREFECTURE: (_("Communes"), _("Population of the communes, 2024 census")),
    Kind.PROVINCE: (_("Communes"), _("Population of the communes, 2024 census")),
    Kind.PREFECTURE_OF_ARRONDISSEMENTS: (
        _("Communes"),
        _("Population of the communes, 2024 census"),
    ),
    Kind.COMMUNE: (_("Arrondissements"), _("Population of the arrondissements, 2024 census")),
}


@dataclass(frozen=True)
class Bar:
    node: Collectivity
    width: str  # a CSS percentage, formatted here so that no locale touches it


def _units_below(node: Collectivity) -> dict[str, object]:
    """The children of `node` for the table, and the largest of them for the bar chart."""
    children = list(children_of(node))
    largest = max((c.population_2024 or 0 for c in children), default=0)
    bars = [
        Bar(c, f"{100 * (c.population_2024 or 0) / largest:.1f}" if largest else "0")
        for c in children[:CHART_MAX_BARS]
    ]
    heading, caption = _BELOW.get(node.kind, (_("Collectivities"), ""))
    return {
        "children": children,
        "bars": bars,
        "bars_truncated": len(children) > len(bars),
        "children_heading": heading,
        "chart_caption": caption,
    }


def home(request: HttpRequest) -> HttpResponse:
    """The country page: the regions with their population, and the commune search."""
    root = country()
    context = {
        "node": root,
        "ancestors": [],
        "region_count": collectivity_list(kind=Kind.REGION).count(),
        "commune_count": collectivity_list(kind=Kind.COMMUNE).count(),
        **_units_below(root),
    }
    return render(request, "web/home.html", context)


def collectivity_page(request: HttpRequest, code: str) -> HttpResponse:
    """One collectivity: its figures, its place in the tree, and the units below it."""
    node = request.collectivity
    ancestors = node.ancestors()
    context = {
        "node": node,
        "ancestors": ancestors,
        "within": [a for a in reversed(ancestors) if a.kind != Kind.COUNTRY],
        "household_size": (
            node.population_2024 / node.households_2024
            if node.population_2024 and node.households_2024
            else None
        ),
        **_units_below(node),
    }
    return render(request, "web/collectivity.html", context)


def _clean_query(raw: str) -> str:
    """What people typed, without control characters (PostgreSQL refuses NUL), bounded."""
    text = "".join(ch for ch in raw if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:SEARCH_MAX_LENGTH]


def search(request: HttpRequest) -> HttpResponse:
    """Find a commune (or any collectivity) by its Arabic or French name."""
    q = _clean_query(request.GET.get("q") or "")
    kind = request.GET.get("kind") or ""
    if kind not in Kind.values or kind == Kind.COUNTRY:
        kind = ""
    results = collectivity_list(q=q, kind=kind or None) if q else collectivity_list().none()
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    kinds = [(value, label) for value, label in Kind.choices if value != Kind.COUNTRY]
    return render(
        request,
        "web/search.html",
        {"q": q, "kind": kind, "kinds": kinds, "page": page, "searched": bool(q)},
    )
