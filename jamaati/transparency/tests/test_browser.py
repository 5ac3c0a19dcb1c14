"""In a real Chromium, in Arabic and French: an agent publishes the year's budget from the
back office; the public register shows it, its download and the completeness. No axe-core
violation (WCAG 2.1 A and AA). Screenshots: /tmp/transparency-shots/<step>-<lang>.png."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from jamaati.accounts.tests.factories import StaffFactory, verified_login
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.transparency.models import Publication
from jamaati.transparency.obligations import OBLIGATIONS
from jamaati.transparency.tests.factories import PDF_BYTES

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"
SHOTS = Path("/tmp/transparency-shots")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def save(page, name: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(SHOTS / f"{name}-{lang}.png"), full_page=True)


def no_axe_violations(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    report = [f"{v['id']}: {v['help']} {[n['html'][:120] for n in v['nodes']]}" for v in violations]
    assert not violations, f"{page.url}\n" + "\n".join(report)


def sign_in(page, user) -> None:
    client = Client()
    verified_login(client, user)
    key = client.cookies["sessionid"].value
    assert SessionStore(session_key=key).exists(key)
    host = urlsplit(page.url).hostname
    page.context.add_cookies([{"name": "sessionid", "value": key, "domain": host, "path": "/"}])


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_agent_publishes_and_the_public_sees_it(page, site, tmp_path, lang):
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    agent = StaffFactory(collectivity=commune, role=Role.AGENT, first_name="Karim")
    year = timezone.localdate().year
    pdf = tmp_path / "budget.pdf"
    pdf.write_bytes(PDF_BYTES)

    page.goto(f"/{lang}/")
    sign_in(page, agent)
    page.goto(f"/{lang}/bo/{BEN_GUERIR}/publications/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    no_axe_violations(page)
    save(page, "bo-register-empty", lang)

    page.locator("a[href$='/publications/new/?obligation=budget']").click()
    page.wait_for_url(re.compile(r"/publications/new/"))
    # A first try without a title: the error summary, nothing published.
    page.set_input_files("#id_file", str(pdf))
    page.locator("form.narrow button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert Publication.objects.count() == 0
    no_axe_violations(page)
    save(page, "bo-publish-error", lang)

    page.fill("#id_title_ar", f"ميزانية جماعة ابن جرير {year}")
    page.fill("#id_title_fr", f"Budget de la commune de Ben Guerir {year}")
    page.fill("#id_period_year", str(year))
    page.set_input_files("#id_file", str(pdf))
    page.locator("form.narrow button[type=submit]").click()
    page.wait_for_url(re.compile(r"/publications/\d+/$"))
    item = Publication.objects.get()
    save(page, "bo-item", lang)

    page.goto(f"/{lang}/c/{BEN_GUERIR}/publications/")
    title = item.title_ar if lang == "ar" else item.title_fr
    budget = page.locator("#ob-budget").locator("xpath=..")
    assert title in page.locator("section.tr-line-published").first.inner_text()
    assert budget.locator(".tr-status-published").count() == 1
    percent = 100 // len(OBLIGATIONS)
    assert f"{percent}%" in page.locator(".tr-figure-text").inner_text()
    assert page.locator(".tr-meter-bar").get_attribute("style") == f"inline-size: {percent}%"
    no_axe_violations(page)
    save(page, "public-register", lang)

    with page.expect_download() as download:
        page.locator(f"a[href$='/publications/{item.pk}/file']").first.click()
    assert Path(download.value.path()).read_bytes() == PDF_BYTES

    page.locator("#id_q").fill("ميزانيه" if lang == "ar" else "BUDGET guérir")
    page.locator("form.search-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?q="))
    assert page.locator("#results-title + ul li").count() == 1
    save(page, "public-search", lang)

    page.locator("#results-title + ul a").first.click()
    page.wait_for_url(re.compile(rf"/publications/{item.pk}/$"))
    no_axe_violations(page)
    save(page, "public-item", lang)

    # The national page, opened down to the province of Rehamna: the commune's figure.
    page.goto(f"/{lang}/publications/?in={commune.parent.code}")
    row = page.locator("table.data-table tbody tr").filter(
        has_text=commune.name_ar if lang == "ar" else commune.name_fr
    )
    assert f"{percent}%" in row.inner_text()
    no_axe_violations(page)
    save(page, "national-province", lang)
    page.goto(f"/{lang}/publications/")
    no_axe_violations(page)
    save(page, "national", lang)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_public_register_on_a_phone(mobile_page, site, lang):
    """The register fits a phone: no horizontal scroll, no axe violation."""
    from jamaati.transparency.tests.factories import make_publication

    commune = Collectivity.objects.get(code=BEN_GUERIR)
    agent = StaffFactory(collectivity=commune, role=Role.AGENT)
    year = timezone.localdate().year
    make_publication(commune, agent, period_year=year, published_on=timezone.localdate())
    mobile_page.goto(f"/{lang}/c/{BEN_GUERIR}/publications/")
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= mobile_page.viewport_size["width"]
    assert mobile_page.locator(".tr-status-published").count() == 1
    no_axe_violations(mobile_page)
    save(mobile_page, "public-register-phone", lang)
