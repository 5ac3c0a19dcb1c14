"""The yearly complaints report in a real Chromium, in Arabic and French: the province's
report with its charts (mirrored right to left in Arabic), and axe-core's WCAG 2.1 AA rules.
Screenshots go to /tmp/open311-shots/<step>-<lang>.png.
"""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from jamaati.complaints.models import Complaint
from jamaati.complaints.tests.factories import ComplaintCategoryFactory
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/open311-shots")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
CATEGORIES = [
    ("b-light", "الإنارة العمومية", "Éclairage public"),
    ("b-roads", "الطرق والحفر", "Voirie et nids-de-poule"),
    ("b-waste", "جمع النفايات المنزلية", "Collecte des déchets ménagers"),
]


def shoot(tab, step: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.evaluate("document.fonts.ready")
    tab.screenshot(path=str(SHOTS / f"{step}-{lang}.png"), full_page=True)


def assert_no_axe_violations(tab) -> None:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _year_of_complaints() -> Collectivity:
    """Twelve complaints of 2025 in Ben Guerir and one in a neighbouring commune."""
    commune = Collectivity.objects.get(code="07.427.01.01")
    neighbour = (
        Collectivity.objects.filter(parent=commune.parent, kind="commune")
        .exclude(pk=commune.pk)
        .order_by("code")
        .first()
    )
    categories = [
        ComplaintCategoryFactory(code=code, name_ar=ar, name_fr=fr, position=i)
        for i, (code, ar, fr) in enumerate(CATEGORIES)
    ]
    kinds = ["observation", "complaint", "suggestion", "complaint"]
    channels = ["web", "web", "counter", "open311", "api"]
    delays = [5, 12, 20, 28, 40, 75, None, None, 9, 33, None, 61]
    for n, delay in enumerate(delays):
        filed = timezone.make_aware(datetime(2025, 1 + n, 3, 10, 0))
        answered = filed + timedelta(days=delay) if delay is not None else None
        Complaint.objects.create(
            collectivity=commune if n != 11 else neighbour,
            number=f"BROWSER-R-2025-{n:06d}",
            kind=kinds[n % len(kinds)],
            category=categories[n % len(categories)],
            channel=channels[n % len(channels)],
            text="—",
            state="closed" if answered else "received",
            filed_at=filed,
            answered_at=answered,
            answered_in_time=None if delay is None else delay <= 60,
            outcome=("resolved", "answered", "rejected")[n % 3] if answered else "",
            due_on=(filed + timedelta(days=60)).date(),
        )
    return commune


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_report_page_with_charts(page, lang):
    commune = _year_of_complaints()
    province = commune.parent

    page.goto(f"/{lang}/c/{province.code}/complaints/report/2025/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator("svg.report-chart").count() >= 6
    stat = page.locator(".stat-grid li").first.locator(".stat-value")
    assert stat.inner_text().strip() in ("12", "١٢")
    # Each bar starts under the start of its label: on the right in Arabic, growing leftwards.
    label = page.locator("svg.report-chart .report-chart-label").first.bounding_box()
    bar = page.locator("svg.report-chart .report-chart-bar").first.bounding_box()
    if lang == "ar":
        assert abs((bar["x"] + bar["width"]) - (label["x"] + label["width"])) < 3
    else:
        assert abs(bar["x"] - label["x"]) < 3
    shoot(page, "report-province", lang)
    assert_no_axe_violations(page)

    page.locator(f"a[href$='/c/{commune.code}/complaints/report/2025/']").first.click()
    page.wait_for_url(f"**/c/{commune.code}/complaints/report/2025/")
    shoot(page, "report-commune", lang)

    pdf = page.request.get(f"/{lang}/c/{commune.code}/complaints/report/2025.pdf")
    assert pdf.ok
    assert pdf.body().startswith(b"%PDF")
    (SHOTS / f"report-commune-{lang}.pdf").write_bytes(pdf.body())


def test_report_page_on_a_phone_in_arabic(mobile_page):
    commune = _year_of_complaints()
    mobile_page.goto(f"/ar/c/{commune.code}/complaints/report/2025/")
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    viewport = mobile_page.evaluate("window.innerWidth")
    assert width <= viewport  # the charts shrink with the screen: no sideways scrolling
    shoot(mobile_page, "report-phone", "ar")
