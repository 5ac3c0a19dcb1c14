"""Reads of the territorial tree."""

from django.db.models import QuerySet
from django.http import Http404

from jamaati.core.names import search_key
from jamaati.core.tenancy.models import COUNTRY_CODE, Collectivity, Kind


def collectivity_get(*, code: str) -> Collectivity:
    """The collectivity with this HCP code, or Http404."""
    try:
        return Collectivity.objects.select_related("parent").get(code=code)
    except Collectivity.DoesNotExist as exc:
        raise Http404(code) from exc


def country() -> Collectivity:
    """The root of the tree (Morocco)."""
    return Collectivity.objects.get(code=COUNTRY_CODE)


def collectivity_list(
    *, kind: str | None = None, parent: str | None = None, q: str | None = None
) -> QuerySet[Collectivity]:
    """Collectivities filtered by kind, parent code and a name query (accents/hamza ignored)."""
    qs = Collectivity.objects.select_related("parent").exclude(kind=Kind.COUNTRY)
    if kind:
        qs = qs.filter(kind=kind)
    if parent:
        qs = qs.filter(parent__code=parent)
    if q:
        key = search_key(q)
        if key:
            for word in key.split():
                qs = qs.filter(search_key__contains=word)
        else:
            qs = qs.none()
    return qs.order_by("code")


def children_of(node: Collectivity) -> QuerySet[Collectivity]:
    """The direct children of a node, largest population first."""
    return node.children.order_by("-population_2024", "code")
