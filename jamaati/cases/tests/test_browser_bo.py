"""The back office of cases in a real Chromium: an agent in Arabic opens the queue, keeps the
overdue cases, opens one and asks the applicant for a document; the queue and the case page
have no axe-core violation (WCAG 2.1 A and AA), in Arabic and French, on a desk and a phone.
Screenshots go to /tmp/bo-shots/<name>-<lang>.png."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.cases.models import Case, Message
from jamaati.cases.tests.factories import file_case, version_in
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.web.tests.test_browser import assert_no_axe_violations, sign_in_browser

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"
SHOTS = Path("/tmp/bo-shots")


@pytest.fixture
def shoot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str, lang: str) -> Path:
        page.evaluate("document.fonts.ready")
        path = SHOTS / f"{name}-{lang}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def office(site):
    """Ben Guerir with an agent, one overdue case and two on time."""
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    agent = StaffFactory(
        collectivity=commune, role=Role.AGENT, first_name="Karim", last_name="Bennani"
    )
    version = version_in(commune, documents=1, name_ar="رخصة السكن", name_fr="Permis d'habiter")
    cases = [file_case(version=version) for _ in range(3)]
    late = cases[0]
    Case.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    Case.objects.filter(pk=cases[1].pk).update(due_on=timezone.localdate() + timedelta(days=3))
    return commune, agent, cases


def test_agent_filters_overdue_opens_a_case_and_requests_a_document(page, shoot, office):
    _commune, agent, cases = office
    late = cases[0]
    page.goto("/ar/")
    sign_in_browser(page, agent)
    page.goto(f"/ar/bo/{BEN_GUERIR}/cases/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("table.queue-table tbody tr").count() == 3
    assert page.locator("tr.is-overdue").count() == 1
    assert_no_axe_violations(page)
    shoot(page, "queue", "ar")

    page.select_option("#id_due", "overdue")
    page.locator("form.queue-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"due=overdue"))
    assert page.locator("table.queue-table tbody tr").count() == 1
    shoot(page, "queue-overdue", "ar")

    page.locator("table.queue-table").get_by_role("link", name=late.number).click()
    page.wait_for_url(re.compile(rf"/cases/{late.pk}/$"))
    assert late.number in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    shoot(page, "case", "ar")

    page.locator("#action-request_info summary").click()
    page.fill("#request_info-request", "يرجى تقديم نسخة من التصميم المصادق عليه")
    page.locator("#action-request_info button[type=submit]").click()
    page.wait_for_selector(".message")
    late.refresh_from_db()
    assert late.state == "awaiting_applicant"
    assert Message.objects.filter(case=late, from_staff=True).count() == 1
    assert_no_axe_violations(page)
    shoot(page, "case-after-request", "ar")


def test_refusal_errors_are_summarised_without_axe_violations(page, shoot, office):
    commune, _agent, cases = office
    signatory = StaffFactory(collectivity=commune, role=Role.SIGNATORY)
    page.goto("/fr/")
    sign_in_browser(page, signatory)
    page.goto(f"/fr/bo/{BEN_GUERIR}/cases/{cases[1].pk}/")
    page.locator("#action-refuse summary").click()
    page.fill("#refuse-legal_basis", "Loi 12.90, art. 43")
    page.locator("#action-refuse button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_no_axe_violations(page)
    shoot(page, "case-refuse-error", "fr")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_queue_and_case_page_in_both_languages(page, shoot, office, lang):
    _commune, agent, cases = office
    page.goto(f"/{lang}/")
    sign_in_browser(page, agent)
    page.goto(f"/{lang}/bo/{BEN_GUERIR}/cases/")
    assert_no_axe_violations(page)
    shoot(page, "queue", lang)
    page.goto(f"/{lang}/bo/{BEN_GUERIR}/cases/{cases[0].pk}/")
    assert_no_axe_violations(page)
    shoot(page, "case", lang)
    page.goto(f"/{lang}/bo/{BEN_GUERIR}/counter/{cases[0].procedure_id}/")
    assert_no_axe_violations(page)
    shoot(page, "counter", lang)


def test_queue_on_a_phone_has_no_horizontal_scroll(mobile_page, shoot, office):
    _commune, agent, _cases = office
    mobile_page.goto("/ar/")
    sign_in_browser(mobile_page, agent)
    mobile_page.goto(f"/ar/bo/{BEN_GUERIR}/cases/")
    overflow = mobile_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    shoot(mobile_page, "queue-mobile", "ar")
    mobile_page.goto(f"/ar/bo/{BEN_GUERIR}/cases/{_cases[0].pk}/")
    overflow = mobile_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    shoot(mobile_page, "case-mobile", "ar")
