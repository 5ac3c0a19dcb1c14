"""The applicant's path in a real Chromium, in Arabic and French: sign in from the procedure
page, apply with a file, see the receipt; answer the administration's request with a file;
download the decision. axe-core's WCAG 2.1 AA rules on the filing and case pages.
Screenshots go to /tmp/citizen-shots/<step>-<lang>.png.
"""

import re
from pathlib import Path

import pytest

from jamaati.accounts.tests.factories import PASSWORD, CitizenFactory, StaffFactory
from jamaati.cases.models import Case
from jamaati.cases.services import case_accept, case_request_info
from jamaati.cases.tests.factories import PDF_BYTES, version_in
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.web.tests.test_browser import assert_no_axe_violations, html_attrs

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"
SHOTS = Path("/tmp/citizen-shots")
SCHEMA = [
    {
        "name": "plot",
        "type": "text",
        "label_ar": "رقم القطعة الأرضية",
        "label_fr": "Numéro de la parcelle",
        "required": True,
    }
]


def shoot(tab, step: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.evaluate("document.fonts.ready")
    tab.screenshot(path=str(SHOTS / f"{step}-{lang}.png"), full_page=True)


def pdf_file(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_citizen_applies_answers_a_request_and_downloads_the_decision(page, lang):
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    version = version_in(
        commune,
        documents=2,
        name_ar="رخصة الربط بشبكة الماء",
        name_fr="Autorisation de raccordement au réseau d'eau",
        form_schema=SCHEMA,
        max_delay_days=30,
    )
    d1, d2 = version.documents.order_by("position")
    citizen = CitizenFactory(first_name="Youssef", last_name="El Amrani")
    agent = StaffFactory(collectivity=commune, role=Role.AGENT)
    signatory = StaffFactory(collectivity=commune, role=Role.SIGNATORY)
    direction = "rtl" if lang == "ar" else "ltr"

    # 1. From the procedure page, "Apply online" asks to sign in, then opens the form.
    page.goto(f"/{lang}/c/{BEN_GUERIR}/procedures/{version.procedure.slug}/")
    apply_link = page.locator(f"main a[href$='/procedures/{version.procedure.slug}/apply/']")
    assert apply_link.count() == 1
    shoot(page, "1-procedure", lang)
    apply_link.click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", citizen.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/apply/$"))
    assert html_attrs(page) == (lang, direction)
    assert page.locator("form[enctype='multipart/form-data']").count() == 1
    shoot(page, "2-file-form", lang)
    assert_no_axe_violations(page)

    # 2. A first try without the required answer: the error summary links to the field.
    page.set_input_files(f"#id_document_{d1.pk}", files=[pdf_file("cin.pdf")])
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert page.locator(".error-summary a[href='#id_plot']").count() == 1
    shoot(page, "3-file-error", lang)
    assert_no_axe_violations(page)
    assert Case.objects.count() == 0

    # 3. Filed with one document of two: the receipt lists the missing one.
    page.fill("#id_plot", "TF-1234/07")
    page.set_input_files(f"#id_document_{d1.pk}", files=[pdf_file("cin.pdf")])
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/my/cases/.+/receipt/$"))
    case = Case.objects.get()
    assert case.state == "incomplete"
    assert case.number in page.locator("main").inner_text()
    assert (d2.name_ar if lang == "ar" else d2.name_fr) in page.locator("main").inner_text()
    shoot(page, "4-receipt", lang)
    receipt = page.request.get(page.locator("a[href$='receipt.pdf']").get_attribute("href"))
    assert receipt.body().startswith(b"%PDF-")

    # 4. The case page: send the missing document; the file becomes complete.
    page.goto(f"/{lang}/my/cases/{case.number}/")
    assert_no_axe_violations(page)
    shoot(page, "5-case-incomplete", lang)
    page.set_input_files(f"#id_document_{d2.pk}", files=[pdf_file("plan.pdf")])
    page.locator("#act button[type=submit]").first.click()
    page.wait_for_selector(".messages")
    case.refresh_from_db()
    assert case.state == "submitted"

    # 5. An agent asks for a document: the citizen answers with a file.
    case_request_info(actor=agent, case=case, request="Merci de joindre un plan lisible.")
    page.goto(f"/{lang}/my/cases/{case.number}/")
    assert "Merci de joindre un plan lisible." in page.locator("#act").inner_text()
    shoot(page, "6-case-request", lang)
    assert_no_axe_violations(page)
    page.fill("#id_answer", "Voici le plan.")
    page.set_input_files(f"#id_document_{d2.pk}", files=[pdf_file("plan-lisible.pdf")])
    page.locator("#act button[type=submit]").first.click()
    page.wait_for_selector(".messages")
    case.refresh_from_db()
    assert case.state == "submitted"
    shoot(page, "7-case-answered", lang)

    # 6. The signatory accepts: the citizen downloads the decision.
    case_accept(actor=signatory, case=case)
    page.goto(f"/{lang}/my/cases/{case.number}/")
    decision = page.locator("#issued + ul a[href*='/documents/']").first
    response = page.request.get(decision.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
    assert page.locator("input[name=score]").count() == 5
    shoot(page, "8-case-accepted", lang)
    assert_no_axe_violations(page)

    page.goto(f"/{lang}/my/cases/")
    assert case.number in page.locator("main").inner_text()
    shoot(page, "9-my-cases", lang)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_case_pages_on_a_phone_have_no_horizontal_scroll(mobile_page, lang):
    from jamaati.cases.tests.factories import file_case
    from jamaati.web.tests.test_browser import sign_in_browser

    commune = Collectivity.objects.get(code=BEN_GUERIR)
    citizen = CitizenFactory()
    case = file_case(citizen=citizen, version=version_in(commune, documents=2), documents={})
    mobile_page.goto(f"/{lang}/")
    sign_in_browser(mobile_page, citizen)
    for step, path in (
        ("m1-my-cases", "/my/cases/"),
        ("m2-case", f"/my/cases/{case.number}/"),
        ("m3-receipt", f"/my/cases/{case.number}/receipt/"),
    ):
        mobile_page.goto(f"/{lang}{path}")
        assert html_attrs(mobile_page)[0] == lang
        overflow = mobile_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        shoot(mobile_page, step, lang)
        assert overflow <= 0, (path, overflow)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_citizen_appeals_a_refusal_and_withdraws_another_request(page, lang):
    from jamaati.cases.services import case_refuse
    from jamaati.cases.tests.factories import file_case
    from jamaati.web.tests.test_browser import sign_in_browser

    commune = Collectivity.objects.get(code=BEN_GUERIR)
    citizen = CitizenFactory()
    signatory = StaffFactory(collectivity=commune, role=Role.SIGNATORY)
    version = version_in(commune, documents=1)
    refused = case_refuse(
        actor=signatory,
        case=file_case(citizen=citizen, version=version),
        reasons="La parcelle est hors du périmètre urbain.",
        legal_basis="Loi 12.90, art. 5",
    )
    other = file_case(citizen=citizen, version=version)
    offline = version_in(commune, is_online=False)
    page.goto(f"/{lang}/")
    sign_in_browser(page, citizen)

    page.goto(f"/{lang}/my/cases/{refused.number}/")
    page.locator("#act button[type=submit]").first.click()  # no reasons
    page.wait_for_selector(".error-summary a[href='#id_reasons']")
    shoot(page, "a1-appeal-error", lang)
    assert_no_axe_violations(page)
    page.fill("#id_reasons", "La parcelle est dans le périmètre, voir le plan joint.")
    page.locator("#act button[type=submit]").first.click()
    page.wait_for_selector(".messages")
    refused.refresh_from_db()
    assert refused.state == "appeal_president"
    shoot(page, "a2-appealed", lang)

    page.goto(f"/{lang}/my/cases/{other.number}/")
    page.locator("form[action$='/act/withdraw/'] button").click()
    page.wait_for_selector("input[name=confirm]", state="attached")
    shoot(page, "a3-withdraw-confirm", lang)
    assert_no_axe_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".messages")
    other.refresh_from_db()
    assert other.state == "withdrawn"
    page.check("input[name=score][value='4']")
    page.locator("form[action$='/rate/'] button").click()
    page.wait_for_selector(".notice")
    shoot(page, "a4-withdrawn-rated", lang)

    page.goto(f"/{lang}/c/{BEN_GUERIR}/procedures/{offline.procedure.slug}/apply/")
    assert page.locator("form[enctype]").count() == 0
    shoot(page, "a5-not-online", lang)
    assert_no_axe_violations(page)
