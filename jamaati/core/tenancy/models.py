"""The territorial tree of Morocco and the base class of every tenant-owned row."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COUNTRY = "country", _("Country")
    REGION = "region", _("Region")
    PREFECTURE = "prefecture", _("Prefecture")
    PROVINCE = "province", _("Province")
    PREFECTURE_OF_ARRONDISSEMENTS = (
        "prefecture_of_arrondissements",
        _("Prefecture of arrondissements"),
    )
    COMMUNE = "commune", _("Commune")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement")


PROVINCIAL_KINDS = (Kind.PREFECTURE, Kind.PROVINCE, Kind.PREFECTURE_OF_ARRONDISSEMENTS)
COUNTRY_CODE = "MA"


class CollectivityQuerySet(models.QuerySet):
    def within(self, node: "Collectivity") -> "CollectivityQuerySet":
        """The node and every collectivity below it."""
        return self.filter(path__startswith=node.path)


class Collectivity(models.Model):
    """A node of the territorial tree, keyed by its HCP code.

    `path` is the chain of codes from the country down (`/MA/07/07.427/07.427.01.01/`), so a
    subtree is one indexed prefix query.
    """

    code = models.CharField(_("HCP code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=120, unique=True)
    depth = models.PositiveSmallIntegerField(default=0)
    slug = models.SlugField(max_length=120, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=160)
    name_fr = models.CharField(_("name in French"), max_length=160)
    name_zgh = models.CharField(_("name in Tamazight"), max_length=160, blank=True)
    is_urban = models.BooleanField(_("urban"), null=True, blank=True)
    population_2024 = models.PositiveIntegerField(_("population (2024 census)"), null=True)
    households_2024 = models.PositiveIntegerField(_("households (2024 census)"), null=True)
    search_key = models.CharField(max_length=400, db_index=True, editable=False)
    source_version = models.CharField(max_length=20, blank=True)

    objects = CollectivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("collectivity")
        verbose_name_plural = _("collectivities")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["kind", "code"]),
            models.Index(fields=["parent", "code"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Arabic then French."""
        lang = (get_language() or "ar").split("-")[0]
        return getattr(self, f"name_{lang}", "") or self.name_ar or self.name_fr

    @property
    def other_name(self) -> str:
        """The name in the other official script, shown beside the main one.

        French beside an Arabic name (also when a Tamazight page falls back to Arabic),
        Arabic beside any other.
        """
        return self.name_fr if self.name == self.name_ar else self.name_ar

    def is_within(self, node: "Collectivity") -> bool:
        """True when this collectivity is `node` or lies below it."""
        return self.path.startswith(node.path)

    def ancestors(self) -> list["Collectivity"]:
        """The chain from the country down to the parent, in one query."""
        codes = [c for c in self.path.strip("/").split("/")[:-1]]
        by_code = {c.code: c for c in Collectivity.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]


class TenantModel(models.Model):
    """Base of every tenant-owned row: a non-null, indexed collectivity."""

    collectivity = models.ForeignKey(
        Collectivity, on_delete=models.PROTECT, related_name="+", verbose_name=_("collectivity")
    )

    class Meta:
        abstract = True
