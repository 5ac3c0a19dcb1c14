"""The whole path in a real Chromium, in Arabic and French: a citizen files an information
request and gets the receipt; the officer answers it with a file; the citizen sees the
answer; the public register shows it without the requester's identity.
Screenshots go to /tmp/information-shots/<step>-<lang>.png."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from jamaati.accounts.tests.factories import PASSWORD, CitizenFactory, StaffFactory, verified_login
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.information.models import InformationRequest
from jamaati.information.services import request_answer
from jamaati.information.tests.conftest import PDF_BYTES, file_request, pdf_upload

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"
SHOTS = Path("/tmp/information-shots")
EARLIER = {
    "ar": "محضر دورة أكتوبر للمجلس الجماعي",
    "fr": "Le procès-verbal de la session d'octobre du conseil",
}
SOUGHT = {
    "ar": "محضر دورة فبراير للمجلس الجماعي ولائحة المقررات المصادق عليها",
    "fr": "Le procès-verbal de la session de février du conseil et la liste des délibérations",
}


def shoot(tab, step: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.evaluate("document.fonts.ready")
    tab.screenshot(path=str(SHOTS / f"{step}-{lang}.png"), full_page=True)


def become(tab, user) -> None:
    """The browser takes `user`'s session (second factor passed for staff)."""
    client = Client()
    verified_login(client, user)
    key = client.cookies["sessionid"].value
    assert SessionStore(session_key=key).exists(key)
    tab.context.clear_cookies()
    host = urlsplit(tab.url).hostname
    tab.context.add_cookies([{"name": "sessionid", "value": key, "domain": host, "path": "/"}])


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_request_is_filed_answered_seen_and_published(page, lang):
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    citizen = CitizenFactory(first_name="Youssef", last_name="El Amrani", cin="EE100001")
    officer = StaffFactory(collectivity=commune, role=Role.INFORMATION_OFFICER)
    direction = "rtl" if lang == "ar" else "ltr"
    earlier = file_request(
        CitizenFactory(password=None, cin="EE100009"), commune, sought=EARLIER[lang]
    )
    request_answer(actor=officer, request=earlier, kind="given", data={}, upload=pdf_upload())

    # 1. The form asks to sign in, then opens with the person's name and CIN filled in.
    page.goto(f"/{lang}/c/{BEN_GUERIR}/information/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", citizen.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/information/$"))
    assert page.locator("html").get_attribute("dir") == direction
    assert page.input_value("#id_id_number") == "EE100001"
    page.fill("#id_address", "حي المسيرة، ابن جرير" if lang == "ar" else "Hay Al Massira")
    page.fill("#id_sought", SOUGHT[lang])
    # While typing, the similar request already answered shows up (similar.js).
    page.locator("[data-similar] a").first.wait_for()
    assert EARLIER[lang] in page.locator("[data-similar]").inner_text()
    page.select_option("#id_preferred_form", "file")
    shoot(page, "1-form", lang)
    page.locator("button[name=step][value=file]").click()

    # 2. The receipt at once, with the number and the due day.
    page.wait_for_url(re.compile(r"/receipt/$"))
    item = InformationRequest.objects.exclude(pk=earlier.pk).get()
    assert item.number in page.locator("main").inner_text()
    shoot(page, "2-receipt", lang)

    # 3. The officer answers with the document.
    become(page, officer)
    page.goto(f"/{lang}/bo/{BEN_GUERIR}/information/")
    assert page.locator("tbody tr").count() == 1
    shoot(page, "3-queue", lang)
    page.get_by_role("link", name=item.number).click()
    page.wait_for_url(re.compile(rf"/information/{item.pk}/$"))
    page.locator("#action-given summary").click()
    page.fill("#id_given-text", "مرفقه المحضر المطلوب." if lang == "ar" else "Ci-joint le PV.")
    page.set_input_files(
        "#id_given-file",
        files=[{"name": "pv.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    shoot(page, "4-answer-form", lang)
    page.locator("#action-given button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/information/{item.pk}/$"))
    item.refresh_from_db()
    assert item.state == "given"
    shoot(page, "5-answered", lang)

    # 4. The citizen sees the answer and can download the document.
    become(page, citizen)
    page.goto(f"/{lang}/my/information/{item.number}/")
    main = page.locator("main").inner_text()
    assert "pv.pdf" in main
    assert page.locator(f"a[href$='/my/information/{item.number}/file/']").count() == 1
    shoot(page, "6-citizen-answer", lang)

    # 5. The public register shows the request and the answer, not the requester.
    page.context.clear_cookies()
    page.goto(f"/{lang}/c/{BEN_GUERIR}/information/register/")
    assert SOUGHT[lang][:20] in page.locator("main").inner_text()
    page.locator(".register-list a").first.click()
    page.wait_for_url(re.compile(rf"/register/{re.escape(item.number)}/$"))
    main = page.locator("main").inner_text()
    assert "El Amrani" not in main
    assert "EE100001" not in main
    shoot(page, "7-register", lang)
