"""The dashboard and the public indicators in a real Chromium, in Arabic and French, checked
with axe-core. Screenshots: test-artifacts/screenshots/case-dashboard-*.png."""

from datetime import date

import pytest
from django.utils import timezone

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.cases.tests.dashboard.factories import build_set, decided
from jamaati.cases.tests.factories import CaseFactory, version_in
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.web.tests.test_browser import assert_no_axe_violations, html_attrs, sign_in_browser

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"


def _province_with_cases():
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    p1, _p2 = build_set(commune)
    year = timezone.localdate().year
    others = Collectivity.objects.filter(parent=commune.parent).exclude(pk=commune.pk)
    for i, other in enumerate(others.order_by("code")[:3]):
        version = version_in(other, documents=0)
        for _ in range(i + 1):
            CaseFactory(collectivity=other, version=version, due_on=date(2000, 1, 1))
        decided(other, version, start=date(year, 2, 1), days=5 + 10 * i, on_time=i < 2)
    return commune, p1


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_dashboards_and_public_indicators(page, shoot, lang):
    commune, p1 = _province_with_cases()
    page.goto(f"/{lang}/")
    sign_in_browser(page, StaffFactory(collectivity=commune, role=Role.AGENT))

    page.goto(f"/{lang}/bo/{commune.code}/cases/dashboard/")
    assert html_attrs(page)[0] == lang
    assert page.locator(".chart-bar").count() >= 4
    assert page.locator("a[aria-current]", has_text="").count() >= 1
    shoot(page, "case-dashboard-commune", lang)
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    page.goto(f"/{lang}/")
    sign_in_browser(page, StaffFactory(collectivity=commune.parent, role=Role.SUPERVISOR))
    page.goto(f"/{lang}/bo/{commune.parent.code}/cases/dashboard/")
    assert page.locator("#communes-title").is_visible()
    shoot(page, "case-dashboard-province", lang)
    assert_no_axe_violations(page)

    page.goto(f"/{lang}/c/{commune.code}/procedures/{p1.procedure.slug}/")
    assert page.locator("#indicators-title").is_visible()
    shoot(page, "case-indicators-procedure", lang)
    assert_no_axe_violations(page)
