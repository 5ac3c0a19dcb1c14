"""Reads of the catalogue: the public catalogue (published versions only) and the back office."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from jamaati.catalogue.models import (
    Fee,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
    VersionStatus,
)
from jamaati.core.access.actors import reach_filter
from jamaati.core.names import search_key
from jamaati.core.tenancy.models import Collectivity


def procedure_list_public(
    *, collectivity: Collectivity | None = None, q: str | None = None
) -> QuerySet[ProcedureVersion]:
    """Published versions (one per procedure), of one collectivity or all, whose Arabic or
    French name matches every word of `q` (case, accents and hamza ignored); by name."""
    qs = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "procedure__template", "collectivity"
    )
    if collectivity is not None:
        qs = qs.filter(collectivity=collectivity)
    if q:
        key = search_key(q)
        if not key:
            return qs.none()
        for word in key.split():
            qs = qs.filter(search_key__contains=word)
    return qs.order_by("search_key", "pk")


def _with_details(qs: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    return qs.select_related("procedure__template", "collectivity").prefetch_related(
        Prefetch("documents", queryset=RequiredDocument.objects.order_by("position", "pk")),
        Prefetch("fees", queryset=Fee.objects.order_by("position", "pk")),
    )


def procedure_get_public(*, collectivity: Collectivity, slug: str) -> ProcedureVersion:
    """The published version of the collectivity's procedure `slug`, with its documents and
    fees; Http404 when there is none (unknown, unpublished, or another collectivity's)."""
    version = (
        _with_details(ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED))
        .filter(collectivity=collectivity, procedure__slug=slug)
        .first()
    )
    if version is None:
        raise Http404(slug)
    return version


def procedure_get_public_by_id(*, procedure_id: int) -> ProcedureVersion:
    """The published version of procedure `procedure_id`, with details; Http404 otherwise."""
    version = (
        _with_details(ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED))
        .filter(procedure_id=procedure_id)
        .first()
    )
    if version is None:
        raise Http404(procedure_id)
    return version


def procedure_list_for(actor: Any) -> QuerySet[Procedure]:
    """The procedures of the collectivities the actor's memberships reach (none for others)."""
    return (
        Procedure.objects.filter(reach_filter(actor))
        .select_related("collectivity", "template")
        .order_by("collectivity__code", "slug")
    )


def procedure_template_list_published() -> QuerySet[Procedure]:
    """The national templates that have a published version (what a collectivity may adopt)."""
    return Procedure.objects.filter(
        collectivity__kind="country", versions__status=VersionStatus.PUBLISHED
    ).order_by("slug")
