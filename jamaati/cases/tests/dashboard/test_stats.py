"""The indicators, computed on a hand-built set of cases."""

from datetime import date

import pytest
from django.utils import timezone

from jamaati.cases.stats import (
    collectivity_dashboard,
    communes_side_by_side,
    procedure_yearly_indicators,
    processing_days,
)
from jamaati.cases.tests.dashboard.factories import at, build_set, decided
from jamaati.cases.tests.factories import CaseFactory, file_case, version_in
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def by_key(rows):
    return {row.key: row.figures for row in rows}


def test_processing_days_run_from_the_complete_file_or_else_the_filing():
    filed = at(date(2026, 3, 1), 23)
    assert processing_days(date(2026, 3, 5), filed, at(date(2026, 3, 15))) == 10
    assert processing_days(None, filed, at(date(2026, 3, 15))) == 14
    assert processing_days(date(2026, 3, 20), filed, at(date(2026, 3, 15))) == 0


def test_dashboard_figures_of_a_commune(commune_a, commune_b):
    p1, p2 = build_set(commune_a)
    build_set(commune_b)  # another commune's cases never count

    dash = collectivity_dashboard(commune_a)

    total = dash.total
    assert (total.filed, total.open, total.overdue, total.decided) == (7, 4, 3, 4)
    assert total.median_days == 8.5  # 4, 7, 10, 20
    assert total.share_on_time == 75  # 3 of 4
    assert {s.state: s.count for s in dash.by_state} == {
        "accepted": 3,
        "refused": 1,
        "submitted": 2,
        "incomplete": 1,
    }
    assert max(s.width for s in dash.by_state) == 100.0

    rows = by_key(dash.by_procedure)
    one, two = rows[p1.procedure_id], rows[p2.procedure_id]
    assert (one.filed, one.open, one.overdue, one.decided) == (5, 2, 1, 3)
    assert one.median_days == 10.0
    assert one.share_on_time == 67  # 2 of 3
    assert (two.filed, two.open, two.overdue, two.decided) == (2, 2, 2, 1)
    assert two.median_days == 7.0
    assert two.share_on_time == 100
    assert dash.by_procedure[0].label == p1.name  # most filed first


def test_dashboard_of_last_year(commune_a):
    _p1, _ = build_set(commune_a)
    dash = collectivity_dashboard(commune_a, year=timezone.localdate().year - 1)
    assert (dash.total.filed, dash.total.decided) == (2, 1)
    assert dash.total.median_days == 30.0
    assert dash.total.share_on_time == 0
    assert dash.total.overdue == 3  # today's figure, whatever the year


def test_overdue_counts_only_open_cases_past_their_due_date(commune_a):
    today = timezone.localdate()
    version = version_in(commune_a, documents=0)
    CaseFactory(collectivity=commune_a, version=version, due_on=today)  # due today: not late
    CaseFactory(collectivity=commune_a, version=version, due_on=None)
    CaseFactory(
        collectivity=commune_a,
        version=version,
        state="accepted",
        due_on=date(2000, 1, 1),
        decided_at=timezone.now(),
        decided_on_time=False,
    )
    assert collectivity_dashboard(commune_a).total.overdue == 0
    CaseFactory(collectivity=commune_a, version=version, due_on=date(2000, 1, 1))
    dash = collectivity_dashboard(commune_a)
    assert (dash.total.open, dash.total.overdue) == (3, 1)


def test_empty_dashboard(commune_a):
    dash = collectivity_dashboard(commune_a)
    assert dash.total.filed == 0
    assert dash.total.median_days is None
    assert dash.total.share_on_time is None
    assert dash.by_state == []
    assert dash.by_procedure == []


def test_a_case_filed_through_the_service_counts(commune_a):
    case = file_case(collectivity=commune_a)
    dash = collectivity_dashboard(commune_a)
    assert dash.total.filed == 1
    assert {s.state: s.count for s in dash.by_state} == {case.state: 1}


def test_communes_side_by_side_sorted_by_overdue(commune_a):
    province = commune_a.parent
    other = Collectivity.objects.filter(parent=province).exclude(pk=commune_a.pk).first()
    build_set(commune_a)
    today = timezone.localdate()
    version = version_in(other, documents=0)
    for _ in range(4):
        CaseFactory(collectivity=other, version=version, due_on=date(2000, 1, 1))
    decided(other, version, start=date(today.year, 1, 10), days=3, on_time=True)

    rows = communes_side_by_side(province)

    assert [r.key for r in rows[:2]] == [other.code, commune_a.code]
    assert len(rows) == Collectivity.objects.filter(parent=province).count()
    first, second = rows[0].figures, rows[1].figures
    assert (first.filed, first.open, first.overdue, first.decided) == (5, 4, 4, 1)
    assert first.median_days == 3.0
    assert first.share_on_time == 100
    assert (second.filed, second.open, second.overdue) == (7, 4, 3)
    assert second.median_days == 8.5
    assert second.share_on_time == 75
    assert rows[0].widths["overdue"] == 100.0
    assert rows[1].widths["overdue"] == 75.0
    assert all(r.figures.filed == 0 for r in rows[2:])

    whole = collectivity_dashboard(province, subtree=True)
    assert (whole.total.filed, whole.total.overdue, whole.total.decided) == (12, 7, 5)
    assert collectivity_dashboard(province).total.filed == 0  # its own cases only


def test_procedure_yearly_indicators(commune_a, commune_b):
    p1, _p2 = build_set(commune_a)
    year = timezone.localdate().year
    this, last = procedure_yearly_indicators(p1.procedure)
    assert this == {
        "year": year,
        "filed": 5,
        "decided": 3,
        "median_days": 10.0,
        "share_on_time": 67,
    }
    assert last == {
        "year": year - 1,
        "filed": 1,
        "decided": 1,
        "median_days": 30.0,
        "share_on_time": 0,
    }
    empty = version_in(commune_b, documents=0)
    assert [y["filed"] for y in procedure_yearly_indicators(empty.procedure)] == [0, 0]
    assert procedure_yearly_indicators(empty.procedure)[0]["median_days"] is None
