"""The yearly complaints report (decree 2.17.265, art. 15), checked against hand-counted rows.

The fixture (`year_2025`) writes complaints straight to the database with dates in the past
(filing and answering through the services would stamp today's date). What it holds, and
what we counted by hand for 2025 (the report taken on 1 March 2026, so as of 31 Dec 2025):

Ben Guerir (07.427.01.01), category L (lighting) and R (roads):
  #1 observation L web      filed 10 Jan 00:30 local, answered 20 Jan -> 10 days, in time,
                            resolved
  #2 complaint   L counter  filed  1 Feb, answered 3 Mar -> 30 days, in time, answered
  #3 complaint   R web      filed  1 Mar, answered 15 May -> 75 days, late, rejected
  #4 suggestion  R open311  filed 20 Nov, open, due 19 Jan 2026 -> open, not overdue
  #5 complaint   R web      filed  1 Sep, open, due 31 Oct 2025 -> open, overdue
  #6 observation L web      filed 10 Dec, answered 5 Jan 2026 -> open at year end
  (not counted: one filed 1 Jan 2026 00:30 local = 31 Dec 2025 23:30 UTC; one still `new`)
The sibling commune of the province: #8 complaint L api, 1 Jun -> 21 Jun, 20 days, in time,
  not_competent.
The province of Rehamna itself (07.427): #9 observation R web, 1 Apr -> 6 Apr, 5 days, in
  time, redirected.
Fès (03.231.01.0, another region): #10 complaint L web, 1 May -> 29 Aug, 120 days, late,
  answered.
"""

from datetime import date, datetime

import pytest
from django.utils import timezone

from jamaati.complaints.models import Complaint
from jamaati.complaints.report.figures import build_report
from jamaati.complaints.report.selectors import complaints_report
from jamaati.complaints.tests.factories import ComplaintCategoryFactory
from jamaati.core.tenancy.models import Collectivity

REPORT_DAY = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.get_fixed_timezone(60))


def _at(y: int, m: int, d: int, hour: int = 10, minute: int = 0) -> datetime:
    """A local (Africa/Casablanca) moment."""
    return timezone.make_aware(datetime(y, m, d, hour, minute))


def _make(
    node,
    n,
    *,
    kind,
    category,
    channel,
    filed,
    answered=None,
    in_time=None,
    outcome="",
    due=None,
    state=None,
):
    return Complaint.objects.create(
        collectivity=node,
        number=f"{node.code}-R-TEST-{n:06d}",
        kind=kind,
        category=category,
        channel=channel,
        text="Texte",
        contact_name="Personne Privée",
        contact_email="prive@example.ma",
        state=state or ("closed" if outcome else "received"),
        filed_at=filed,
        answered_at=answered,
        answered_in_time=in_time,
        outcome=outcome,
        due_on=due,
    )


@pytest.fixture
def cats(db):
    light = ComplaintCategoryFactory(
        code="r-light", name_fr="Éclairage", name_ar="الإنارة", position=1
    )
    roads = ComplaintCategoryFactory(code="r-roads", name_fr="Voirie", name_ar="الطرق", position=2)
    return light, roads


@pytest.fixture
def sibling(commune_a):
    return (
        Collectivity.objects.filter(parent=commune_a.parent, kind="commune")
        .exclude(pk=commune_a.pk)
        .order_by("code")
        .first()
    )


@pytest.fixture
def year_2025(commune_a, commune_b, sibling, cats):
    light, roads = cats
    a = commune_a
    _make(
        a,
        1,
        kind="observation",
        category=light,
        channel="web",
        filed=_at(2025, 1, 10, 0, 30),
        answered=_at(2025, 1, 20),
        in_time=True,
        outcome="resolved",
    )
    _make(
        a,
        2,
        kind="complaint",
        category=light,
        channel="counter",
        filed=_at(2025, 2, 1),
        answered=_at(2025, 3, 3),
        in_time=True,
        outcome="answered",
    )
    _make(
        a,
        3,
        kind="complaint",
        category=roads,
        channel="web",
        filed=_at(2025, 3, 1),
        answered=_at(2025, 5, 15),
        in_time=False,
        outcome="rejected",
    )
    _make(
        a,
        4,
        kind="suggestion",
        category=roads,
        channel="open311",
        filed=_at(2025, 11, 20),
        due=date(2026, 1, 19),
    )
    _make(
        a,
        5,
        kind="complaint",
        category=roads,
        channel="web",
        filed=_at(2025, 9, 1),
        due=date(2025, 10, 31),
    )
    _make(
        a,
        6,
        kind="observation",
        category=light,
        channel="web",
        filed=_at(2025, 12, 10),
        answered=_at(2026, 1, 5),
        in_time=True,
        outcome="resolved",
        due=date(2026, 2, 8),
    )
    _make(
        a,
        7,
        kind="complaint",
        category=light,
        channel="web",
        filed=_at(2026, 1, 1, 0, 30),
        due=date(2026, 3, 2),
    )
    _make(
        a, 11, kind="complaint", category=light, channel="web", filed=_at(2025, 6, 6), state="new"
    )
    _make(
        sibling,
        8,
        kind="complaint",
        category=light,
        channel="api",
        filed=_at(2025, 6, 1),
        answered=_at(2025, 6, 21),
        in_time=True,
        outcome="not_competent",
    )
    _make(
        a.parent,
        9,
        kind="observation",
        category=roads,
        channel="web",
        filed=_at(2025, 4, 1),
        answered=_at(2025, 4, 6),
        in_time=True,
        outcome="redirected",
    )
    _make(
        commune_b,
        10,
        kind="complaint",
        category=light,
        channel="web",
        filed=_at(2025, 5, 1),
        answered=_at(2025, 8, 29),
        in_time=False,
        outcome="answered",
    )


def _by_key(lines):
    return {line.key: line.count for line in lines}


TODAY = date(2026, 3, 1)


@pytest.mark.django_db
def test_commune_report_matches_the_hand_count(commune_a, year_2025, cats):
    light, roads = cats
    report = complaints_report(commune_a, 2025, today=TODAY)

    assert report.as_of == date(2025, 12, 31)
    t = report.total
    assert (t.filed, t.answered, t.in_time, t.still_open, t.overdue) == (6, 3, 2, 3, 1)
    assert t.share_in_time == 67
    assert t.delays.median_days == 30
    assert t.delays.mean_days == 38.3  # (10 + 30 + 75) / 3
    assert _by_key(report.by_kind) == {"observation": 2, "suggestion": 1, "complaint": 3}
    assert _by_key(report.by_channel) == {"web": 4, "counter": 1, "api": 0, "open311": 1}
    assert _by_key(report.by_outcome) == {"resolved": 1, "answered": 1, "rejected": 1, "pending": 3}
    assert _by_key(report.delay_bands) == {"0-15": 1, "16-30": 1, "31-60": 0, "61+": 1}
    by_cat = {s.key: s.tally for s in report.by_category}
    assert (
        by_cat[light.code].filed,
        by_cat[light.code].answered,
        by_cat[light.code].still_open,
    ) == (
        3,
        2,
        1,
    )
    assert by_cat[light.code].share_in_time == 100
    assert by_cat[light.code].delays.median_days == 20  # (10 + 30) / 2
    assert (
        by_cat[roads.code].filed,
        by_cat[roads.code].overdue,
        by_cat[roads.code].share_in_time,
    ) == (
        3,
        1,
        0,
    )
    assert by_cat[roads.code].delays.median_days == 75
    assert report.by_place == []  # a commune has no collectivity below it


@pytest.mark.django_db
def test_province_report_consolidates_its_communes_and_itself(commune_a, sibling, year_2025):
    report = complaints_report(commune_a.parent, 2025, today=TODAY)

    t = report.total
    assert (t.filed, t.answered, t.in_time, t.still_open, t.overdue) == (8, 5, 4, 3, 1)
    assert t.share_in_time == 80
    assert t.delays.median_days == 20  # 5, 10, 20, 30, 75
    assert t.delays.mean_days == 28.0
    assert _by_key(report.delay_bands) == {"0-15": 2, "16-30": 2, "31-60": 0, "61+": 1}
    assert _by_key(report.by_outcome) == {
        "resolved": 1,
        "answered": 1,
        "rejected": 1,
        "redirected": 1,
        "not_competent": 1,
        "pending": 3,
    }
    places = {s.key: s.tally.filed for s in report.by_place}
    assert places == {commune_a.code: 6, sibling.code: 1}  # the province's own #9 is in no commune


@pytest.mark.django_db
def test_national_report_takes_everything_by_region(commune_a, commune_b, year_2025):
    country = Collectivity.objects.get(code="MA")
    report = complaints_report(country, 2025, today=TODAY)

    t = report.total
    assert (t.filed, t.answered, t.in_time, t.still_open, t.overdue) == (9, 6, 4, 3, 1)
    assert t.delays.median_days == 25  # 5, 10, 20 | 30, 75, 120
    assert t.delays.mean_days == 43.3  # 260 / 6
    assert _by_key(report.delay_bands)["61+"] == 2
    regions = {s.key: s.tally.filed for s in report.by_place}
    assert regions == {commune_a.path.split("/")[2]: 8, commune_b.path.split("/")[2]: 1}


@pytest.mark.django_db
def test_the_running_year_is_taken_today(commune_a, year_2025):
    report = complaints_report(commune_a, 2026, today=TODAY)
    assert report.as_of == TODAY
    assert report.total.filed == 1  # the one filed at 00:30 on 1 January 2026
    assert report.total.overdue == 0  # due 2 March, today is 1 March


@pytest.mark.django_db
def test_an_empty_year_has_zeros_and_no_delays(commune_a, year_2025):
    report = complaints_report(commune_a, 2023, today=TODAY)
    assert report.is_empty
    assert (report.total.filed, report.total.answered, report.total.still_open) == (0, 0, 0)
    assert report.total.share_in_time is None
    assert report.total.delays.median_days is None
    assert report.total.delays.mean_days is None
    assert _by_key(report.delay_bands) == {"0-15": 0, "16-30": 0, "31-60": 0, "61+": 0}
    assert report.by_category == []
    assert report.by_outcome == []


@pytest.mark.django_db
def test_the_national_report_costs_a_fixed_number_of_queries(
    year_2025, django_assert_max_num_queries
):
    country = Collectivity.objects.get(code="MA")
    with django_assert_max_num_queries(5):
        complaints_report(country, 2025, today=TODAY)


def test_median_mean_and_band_edges_from_plain_rows():
    groups = [
        {
            "kind": "complaint",
            "category": 1,
            "channel": "web",
            "outcome": "answered",
            "filed": 4,
            "answered": 4,
            "in_time": 3,
            "still_open": 0,
            "overdue": 0,
        },
    ]
    delays = [{"category": 1, "days": d, "n": 1} for d in (15, 16, 60, 61)]
    report = build_report(
        year=2025,
        as_of=date(2025, 12, 31),
        groups=groups,
        delays=delays,
        kinds={"complaint": "C"},
        channels={"web": "W"},
        outcomes={"answered": "A"},
        categories={1: "One"},
    )
    assert _by_key(report.delay_bands) == {"0-15": 1, "16-30": 1, "31-60": 1, "61+": 1}
    assert report.total.delays.median_days == 38  # (16 + 60) / 2
    assert report.total.delays.mean_days == 38.0
    assert report.total.share_in_time == 75
    assert report.by_outcome[0].share == 100


# --- pages ---------------------------------------------------------------------------------


@pytest.fixture
def on_report_day(time_machine):
    time_machine.move_to(REPORT_DAY)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_report_page_shows_the_figures_and_charts(
    client, commune_a, year_2025, on_report_day, lang
):
    response = client.get(f"/{lang}/c/{commune_a.code}/complaints/report/2025/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="report-chart"' in html
    assert 'role="img"' in html
    assert "67%" in html  # answered in time
    assert "Personne Privée" not in html
    assert "prive@example.ma" not in html
    if lang == "ar":
        assert 'dir="rtl"' in html


@pytest.mark.django_db
def test_report_page_of_an_empty_year_says_so(client, commune_a, on_report_day):
    response = client.get(f"/fr/c/{commune_a.code}/complaints/report/2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "report-chart" not in html
    assert "2024" in html


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2017, 2027])
def test_report_of_a_year_out_of_range_is_404(client, commune_a, on_report_day, year):
    assert client.get(f"/fr/c/{commune_a.code}/complaints/report/{year}/").status_code == 404


@pytest.mark.django_db
def test_report_of_an_unknown_collectivity_is_404(client, on_report_day):
    assert client.get("/fr/c/99.999/complaints/report/2025/").status_code == 404


@pytest.mark.django_db
def test_report_latest_redirects_to_the_last_complete_year(client, commune_a, on_report_day):
    response = client.get(f"/fr/c/{commune_a.code}/complaints/report/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/c/{commune_a.code}/complaints/report/2025/")


@pytest.mark.django_db
def test_national_report_page_at_the_country_code(client, year_2025, on_report_day):
    response = client.get("/fr/c/MA/complaints/report/2025/")
    assert response.status_code == 200
    assert "Marrakech" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".csv", "/?format=csv"])
def test_report_csv_has_the_hand_counted_figures(
    client, commune_a, year_2025, on_report_day, suffix
):
    import csv
    import io

    response = client.get(f"/fr/c/{commune_a.code}/complaints/report/2025{suffix}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    total = next(r for r in rows if r["section"] == "total")
    assert (total["filed"], total["answered"], total["still_open"], total["overdue"]) == (
        "6",
        "3",
        "3",
        "1",
    )
    assert total["median_days"] == "30"
    kinds = {r["key"]: r["filed"] for r in rows if r["section"] == "kind"}
    assert kinds == {"observation": "2", "suggestion": "1", "complaint": "3"}
    assert "prive@example.ma" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_report_pdf_is_a_pdf(client, commune_a, year_2025, on_report_day, lang):
    response = client.get(f"/{lang}/c/{commune_a.code}/complaints/report/2025.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000
