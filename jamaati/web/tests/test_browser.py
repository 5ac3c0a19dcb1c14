"""What a person sees, in a real Chromium: languages, directory pages, search, staff sign-in
with a TOTP code, and axe-core's WCAG 2.1 AA rules. Screenshots go to
test-artifacts/screenshots/<name>-<lang>.png.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.tests.factories import PASSWORD, StaffFactory, verified_login
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.browser

BEN_GUERIR = "07.427.01.01"
TIFINAGH = re.compile("[\u2d30-\u2d7f]")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def html_attrs(page) -> tuple[str, str]:
    return page.get_attribute("html", "lang"), page.get_attribute("html", "dir")


def assert_fonts_loaded(page) -> None:
    """Every web font the page used loaded (no fallback boxes for a missing glyph)."""
    page.evaluate("document.fonts.ready")
    statuses = page.evaluate(
        "[...document.fonts].filter(f => f.status !== 'unloaded')"
        ".map(f => [f.unicodeRange, f.status])"
    )
    assert statuses, "no web font was used"
    assert all(status == "loaded" for _, status in statuses), statuses


def assert_no_axe_violations(page) -> None:
    """axe-core's WCAG 2.0/2.1 A and AA rules find nothing on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append(f"      {node['failureSummary']}")
    report = "\n".join(lines)
    assert not violations, f"{page.url}\n{report}"


def sign_in_browser(page, user) -> None:
    """Give the browser the session of `user`, second factor passed (for pages behind it)."""
    client = Client()
    verified_login(client, user)
    key = client.cookies["sessionid"].value
    assert SessionStore(session_key=key).exists(key)
    host = urlsplit(page.url).hostname
    page.context.add_cookies([{"name": "sessionid", "value": key, "domain": host, "path": "/"}])


# a. Languages ---------------------------------------------------------------------------------


def test_home_is_arabic_then_french_through_the_language_menu(page, shoot):
    page.goto("/ar/")
    assert html_attrs(page) == ("ar", "rtl")
    assert page.locator("h1").inner_text() == "الجماعات الترابية بالمغرب"
    assert page.locator(".lang-menu a[aria-current]").get_attribute("lang") == "ar"
    assert_fonts_loaded(page)
    shoot(page, "home", "ar")

    page.locator(".lang-menu").get_by_role("link", name="Français").click()
    page.wait_for_url(re.compile(r"/fr/$"))
    assert html_attrs(page) == ("fr", "ltr")
    assert page.locator("h1").inner_text() == "Collectivités territoriales du Maroc"
    assert page.locator(".lang-menu a[aria-current]").get_attribute("lang") == "fr"
    shoot(page, "home", "fr")


def test_tamazight_page_is_in_tifinagh(page, shoot):
    page.goto("/fr/")
    page.locator(".lang-menu a[hreflang=zgh]").click()
    page.wait_for_url(re.compile(r"/zgh/$"))
    assert html_attrs(page) == ("zgh", "ltr")
    assert TIFINAGH.search(page.locator("h1").inner_text())
    assert TIFINAGH.search(page.locator(".brand").inner_text())
    assert_fonts_loaded(page)
    tifinagh_face = page.evaluate(
        "[...document.fonts].filter(f => f.family === 'Jamaati Tifinagh').map(f => f.status)"
    )
    assert tifinagh_face == ["loaded"]
    shoot(page, "home", "zgh")


def test_home_on_a_phone_has_no_horizontal_scroll(mobile_page, shoot):
    page = mobile_page
    page.goto("/ar/")
    assert html_attrs(page) == ("ar", "rtl")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    shoot(page, "home-mobile", "ar")


def test_skip_link_shows_on_focus_and_focus_is_visible(page, shoot):
    page.goto("/ar/")
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] < -100  # off screen until focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["y"] >= 0
    assert box["height"] > 20
    shoot(page, "focus-skip-link", "ar")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")  # the first control after the skip target
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.boxShadow, s.backgroundColor]; })()"
    )
    assert outline != ["none", "none", "rgba(0, 0, 0, 0)"], outline
    shoot(page, "focus-first-control", "ar")


# b. A commune page ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_commune_page_shows_both_names_population_and_breadcrumb(page, shoot, lang):
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    province, region = commune.parent, commune.parent.parent
    page.goto(f"/{lang}/c/{BEN_GUERIR}/")
    assert html_attrs(page) == (lang, "rtl" if lang == "ar" else "ltr")
    heading = page.locator("h1").inner_text()
    assert "ابن جرير" in heading
    assert "Ben Guerir" in heading
    assert "Ben Guerir" in page.title() if lang == "fr" else "ابن جرير" in page.title()
    facts = page.locator(".facts").inner_text()
    assert "114\u00a0872" in facts or "114 872" in facts
    assert "27\u00a0167" in facts or "27 167" in facts
    crumbs = page.locator("nav.breadcrumb a")
    names = crumbs.all_inner_texts()
    name = "name_ar" if lang == "ar" else "name_fr"
    assert getattr(province, name) in names
    assert getattr(region, name) in names
    assert_fonts_loaded(page)
    shoot(page, "commune", lang)

    page.locator("nav.breadcrumb").get_by_role("link", name=getattr(province, name)).click()
    page.wait_for_url(re.compile(rf"/{lang}/c/{re.escape(province.code)}/$"))
    assert getattr(province, name) in page.locator("h1").inner_text()
    assert page.locator("figure.chart .chart-bar").count() > 0
    shoot(page, "province", lang)


# c. Search ------------------------------------------------------------------------------------


def test_search_finds_fes_without_its_accent(page, shoot):
    page.goto("/fr/")
    page.fill("#search-q", "Fes")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r"/fr/search/\?"))
    status = page.get_by_role("status").inner_text()
    assert re.search(r"\d+ résultats? pour « Fes »", status), status
    results = page.locator(".result-list")
    assert results.get_by_role("link", name="Fès", exact=True).count() >= 1  # commune, prefecture
    assert results.locator('a[href="/fr/c/03.231.01.0/"]').inner_text() == "Fès"
    shoot(page, "search", "fr")


def test_search_finds_agadir_without_its_hamza(page, shoot):
    agadir = Collectivity.objects.get(code="09.001.01.01")
    assert agadir.name_ar == "أكادير"
    page.goto("/ar/")
    page.fill("#search-q", "اكادير")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r"/ar/search/\?"))
    assert page.get_by_role("status").inner_text()
    link = page.locator(".result-list").get_by_role("link", name="أكادير", exact=True)
    assert link.count() == 1
    shoot(page, "search", "ar")
    link.click()
    page.wait_for_url(re.compile(r"/ar/c/09\.001\.01\.01/$"))
    assert "Agadir" in page.locator("h1").inner_text()


# d. Staff sign-in with a TOTP code ------------------------------------------------------------


def test_staff_signs_in_with_a_totp_code_and_lands_in_the_back_office(page, shoot):
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    user = StaffFactory(collectivity=commune, role=Role.AGENT)
    device = TOTPDevice.objects.get(user=user, confirmed=True)

    page.goto("/ar/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_selector("#id_otp_token")
    page.fill("#id_otp_token", f"{totp(device.bin_key):06d}")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/bo/"))
    assert html_attrs(page) == ("ar", "rtl")
    assert "ابن جرير" in page.locator("main h1").inner_text()
    assert "ابن جرير" in page.locator(".header-collectivity").inner_text()
    assert page.locator(".account-menu").get_by_role("button").count() == 1  # sign out
    shoot(page, "backoffice", "ar")

    page.locator(".lang-menu").get_by_role("link", name="Français").click()
    page.wait_for_url(re.compile(r"/fr/bo/"))
    assert html_attrs(page) == ("fr", "ltr")
    assert "Ben Guerir" in page.locator("main h1").inner_text()
    shoot(page, "backoffice", "fr")


# e. Accessibility (axe-core, WCAG 2.1 A and AA) -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("home-ar", "/ar/"),
        ("home-fr", "/fr/"),
        ("home-zgh", "/zgh/"),
        ("commune-ar", f"/ar/c/{BEN_GUERIR}/"),
        ("commune-fr", f"/fr/c/{BEN_GUERIR}/"),
        ("search-ar", "/ar/search/?q=%D9%81%D8%A7%D8%B3"),
        ("search-fr-empty", "/fr/search/?q=zzzzzz"),
        ("login-ar", "/ar/accounts/login/"),
        ("not-found-ar", "/ar/c/00.000/"),
    ],
)
def test_public_page_has_no_axe_violations(page, name, url):
    page.goto(url)
    assert_no_axe_violations(page)


def test_backoffice_page_has_no_axe_violations(page):
    commune = Collectivity.objects.get(code=BEN_GUERIR)
    user = StaffFactory(collectivity=commune, role=Role.AGENT)
    page.goto("/ar/")
    sign_in_browser(page, user)
    page.goto(f"/ar/bo/{BEN_GUERIR}/")
    assert "ابن جرير" in page.locator("main h1").inner_text()
    assert_no_axe_violations(page)


def test_login_errors_have_no_axe_violations(page, shoot):
    page.goto("/ar/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong-password")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_no_axe_violations(page)
    shoot(page, "login-error", "ar")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_national_holidays_page_moves_an_estimated_eid_without_axe_violations(page, shoot, lang):
    dgct = StaffFactory(collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN)
    page.goto(f"/{lang}/")
    sign_in_browser(page, dgct)
    page.goto(f"/{lang}/bo/MA/holidays/?year=2026")
    assert_no_axe_violations(page)
    row = page.locator("tr", has=page.locator("input[name=key][value=eid-al-fitr-1]"))
    row.locator("input[name=day]").fill("2026-03-21")
    row.get_by_role("button", name=re.compile("Move|Déplacer|نقل")).click()
    page.wait_for_load_state()
    assert page.locator(".message").count() == 1
    shoot(page, "holidays", lang)
    assert_no_axe_violations(page)


def test_commune_admin_procedures_and_adopt_page_in_arabic_without_axe_violations(page, shoot):
    from jamaati.catalogue.tests.factories import published_version

    commune = Collectivity.objects.get(code=BEN_GUERIR)
    admin = StaffFactory(collectivity=commune, role=Role.COLLECTIVITY_ADMIN)
    template = published_version(
        name_ar="رخصة الإصلاح",
        name_fr="Autorisation de réparation",
        fees=[{"key": "occupation", "amount": "0.00", "is_local": True}],
    ).procedure
    published_version(collectivity=commune, name_ar="مسطرة محلية", name_fr="Procédure locale")
    page.goto("/ar/")
    sign_in_browser(page, admin)
    page.goto(f"/ar/bo/{BEN_GUERIR}/procedures/")
    assert page.locator(f"a[href='/ar/bo/{BEN_GUERIR}/procedures/{template.pk}/adopt/']").count()
    assert_no_axe_violations(page)
    page.goto(f"/ar/bo/{BEN_GUERIR}/procedures/{template.pk}/adopt/")
    assert page.locator("input[name=fee_occupation]").count() == 1
    assert_no_axe_violations(page)
    shoot(page, "procedures-bo", "ar")
