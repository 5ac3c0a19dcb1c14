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


def procedure_list_for(
    actor: Any, *, collectivity: Collectivity | None = None
) -> QuerySet[Procedure]:
    """The procedures of the collectivities the actor's memberships reach (none for others),
    only those of `collectivity` when given."""
    qs = Procedure.objects.filter(reach_filter(actor))
    if collectivity is not None:
        qs = qs.filter(collectivity=collectivity)
    return qs.select_related("collectivity", "template").order_by("collectivity__code", "slug")


def procedure_template_list_published() -> QuerySet[Procedure]:
    """The national templates that have a published version (what a collectivity may adopt)."""
    return Procedure.objects.filter(
        collectivity__kind="country", versions__status=VersionStatus.PUBLISHED
    ).order_by("slug")


def procedure_get_for(actor: Any, pk: int, *, collectivity: Collectivity) -> Procedure:
    """Procedure `pk` of `collectivity` when the actor's memberships reach it; Http404 when it
    is missing, of another collectivity, or out of reach (the three look the same)."""
    procedure = (
        Procedure.objects.filter(reach_filter(actor), collectivity=collectivity, pk=pk)
        .select_related("collectivity", "template")
        .first()
    )
    if procedure is None:
        raise Http404(pk)
    return procedure


def procedure_versions_for(procedure: Procedure) -> list[ProcedureVersion]:
    """The versions of a procedure, newest first, each with its documents and fees."""
    return list(_with_details(procedure.versions.all()).order_by("-number"))


def procedure_latest_versions(procedures: list[Procedure]) -> dict[int, ProcedureVersion]:
    """The latest version of each procedure, by procedure id (one query)."""
    latest: dict[int, ProcedureVersion] = {}
    versions = ProcedureVersion.objects.filter(procedure__in=procedures).order_by("number")
    for version in versions:
        latest[version.procedure_id] = version
    return latest


def procedure_template_get_published(*, pk: int) -> Procedure:
    """National template `pk` when it has a published version (what may be adopted; public
    data); Http404 otherwise."""
    template = (
        procedure_template_list_published()
        .filter(pk=pk, template__isnull=True)
        .select_related("collectivity")
        .first()
    )
    if template is None:
        raise Http404(pk)
    return template


def procedure_template_list_adoptable(*, collectivity: Collectivity) -> QuerySet[Procedure]:
    """The published national templates `collectivity` has not adopted yet, with their
    published version."""
    adopted = Procedure.objects.filter(collectivity=collectivity, template__isnull=False)
    return (
        procedure_template_list_published()
        .exclude(pk__in=adopted.values("template_id"))
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED),
                to_attr="published_versions",
            )
        )
    )
