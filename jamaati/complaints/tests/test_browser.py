"""A citizen files a geolocated complaint with a photo ("Use my position"), sees the
acknowledgement with the tracking number; an agent answers it in the back office; the citizen
sees the answer. In Arabic and in French, in a real Chromium. Screenshots go to
/tmp/complaints-shots/<step>-<lang>.png.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from playwright.sync_api import expect

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory, verified_login
from jamaati.complaints.demo import load_categories
from jamaati.complaints.models import Complaint
from jamaati.complaints.tests.factories import jpeg_bytes
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"
SHOTS = Path("/tmp/complaints-shots")
HERE = {"latitude": 32.2361, "longitude": -7.9538}  # Ben Guerir


def shoot(page, step: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(SHOTS / f"{step}-{lang}.png"), full_page=True)


AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page) -> None:
    """axe-core's WCAG 2.0/2.1 A and AA rules find nothing on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    report = [
        f"{v['id']}: {v['help']} @ {', '.join(str(n['target']) for n in v['nodes'])}"
        for v in violations
    ]
    assert not violations, f"{page.url}\n" + "\n".join(report)


def sign_in(page, user) -> None:
    """Give the browser the session of `user` (second factor passed for staff)."""
    client = Client()
    verified_login(client, user)
    key = client.cookies["sessionid"].value
    assert SessionStore(session_key=key).exists(key)
    host = urlsplit(page.url).hostname
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": key, "domain": host, "path": "/"}])


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_citizen_files_a_geolocated_complaint_and_reads_the_answer(page, lang):
    load_categories()
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    citizen = CitizenFactory(first_name="Youssef", last_name="El Amrani")
    agent = StaffFactory(collectivity=commune, role=Role.AGENT)
    direction = "rtl" if lang == "ar" else "ltr"
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation(HERE)

    # 1. The filing page, signed in; a first try without text is refused, nothing written.
    page.goto(f"/{lang}/")
    sign_in(page, citizen)
    page.goto(f"/{lang}/c/{BEN_GUERIR}/complaints/")
    assert page.locator("html").get_attribute("dir") == direction
    page.check("input[name=kind][value=complaint]")
    page.select_option("#id_category", "eclairage-public")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert Complaint.objects.count() == 0
    shoot(page, "1-file-error", lang)
    assert_accessible(page)

    # 2. "Use my position" fills the coordinates; a photo; filed.
    page.fill(
        "#id_text",
        "عمود الإنارة أمام المسجد معطل منذ أسبوع."
        if lang == "ar"
        else "Le lampadaire devant la mosquée est éteint depuis une semaine.",
    )
    page.locator("[data-locate-button]").click()
    expect(page.locator("#id_latitude")).to_have_value("32.236100")
    expect(page.locator("#id_longitude")).to_have_value("-7.953800")
    page.set_input_files(
        "#id_photos",
        files=[{"name": "lampe.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}],
    )
    shoot(page, "2-file-form", lang)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/my/complaints/.+\?new=1$"))
    complaint = Complaint.objects.get()
    assert str(complaint.latitude) == "32.236100"
    assert complaint.photos.count() == 1
    panel = page.locator(".confirmation-panel")
    assert complaint.number in panel.inner_text()
    photo = page.locator(".complaint-photos img")
    photo.scroll_into_view_if_needed()  # lazy-loaded
    expect(photo).to_have_js_property("naturalWidth", 40)
    shoot(page, "3-acknowledgement", lang)
    assert_accessible(page)

    # 3. The agent answers in the back office.
    sign_in(page, agent)
    page.goto(f"/{lang}/bo/{BEN_GUERIR}/complaints/")
    shoot(page, "4a-bo-queue", lang)
    assert_accessible(page)
    page.locator(f"a:text-is('{complaint.number}')").click()
    page.wait_for_url(re.compile(rf"/complaints/{complaint.pk}/$"))
    assert page.locator("a[href*='openstreetmap.org']").count() == 1
    shoot(page, "4-bo-complaint", lang)
    assert_accessible(page)
    page.locator("details.complaint-action summary").nth(1).click()
    page.check("input[name=outcome][value=resolved]")
    answer = "تم إصلاح العمود." if lang == "ar" else "Le lampadaire a été réparé."
    page.locator("form[action$='/act/answer/'] textarea[name=reasons]").fill(answer)
    page.locator("form[action$='/act/answer/'] button[type=submit]").click()
    page.wait_for_selector(".messages")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == ("closed", "resolved")
    shoot(page, "5-bo-answered", lang)

    # 4. The citizen sees the answer and may rate it.
    sign_in(page, citizen)
    page.goto(f"/{lang}/my/complaints/{complaint.number}/")
    assert answer in page.locator("[data-answer]").inner_text()
    assert page.locator("input[name=score]").count() == 5
    shoot(page, "6-citizen-answer", lang)
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_anonymous_observation_on_a_phone_gets_its_tracking_link(mobile_page, lang):
    load_categories()
    page = mobile_page
    page.goto(f"/{lang}/c/{BEN_GUERIR}/complaints/")
    assert page.locator("input[name=kind][value=complaint]").count() == 0
    page.check("input[name=kind][value=observation]")
    page.select_option("#id_category", "collecte-dechets")
    page.fill("#id_text", "Le conteneur du marché déborde." if lang == "fr" else "الحاوية ممتلئة.")
    page.fill("#id_address", "Souk hebdomadaire")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/complaints/track/.+\?t=.+&new=1$"))
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous
    assert complaint.number in page.locator(".confirmation-panel").inner_text()
    link = page.locator("a.tracking-link").get_attribute("href")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    shoot(page, "m1-anonymous-acknowledgement", lang)
    assert_accessible(page)
    assert overflow <= 0
    # The link alone opens the page again (no account); without the secret: 404.
    page.goto(page.url.split("?")[0] + link)
    assert complaint.number in page.locator("main").inner_text()
    response = page.goto(page.url.split("?")[0])
    assert response.status == 404
