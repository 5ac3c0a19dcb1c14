"""Public API of the territorial tree."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from jamaati.api.pagination import BoundedPagination
from jamaati.core.tenancy.models import Kind
from jamaati.core.tenancy.selectors import collectivity_get, collectivity_list

router = Router()


class CollectivityOut(Schema):
    code: str
    kind: str
    parent: str | None = Field(None, description="HCP code of the parent")
    name_ar: str
    name_fr: str
    name_zgh: str
    is_urban: bool | None
    population_2024: int | None
    households_2024: int | None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class CollectivityFilters(Schema):
    kind: Kind | None = Field(None, description="region, province, commune, ...")
    parent: str | None = Field(None, max_length=20, description="HCP code of the parent")
    q: str | None = Field(None, max_length=100, description="name, accents and hamza ignored")


@router.get("", response=list[CollectivityOut], summary="List collectivities")
@paginate(BoundedPagination)
def collectivity_list_api(request: HttpRequest, filters: Query[CollectivityFilters]):
    """Collectivities, filtered; the page carries `count` and `items`."""
    return collectivity_list(kind=filters.kind, parent=filters.parent, q=filters.q)


@router.get("/{code}", response=CollectivityOut, summary="One collectivity")
def collectivity_get_api(request: HttpRequest, code: str):
    """One collectivity by HCP code, or 404."""
    return collectivity_get(code=code)
