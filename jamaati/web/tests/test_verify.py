"""The public verify page: valid, superseded, unknown and malformed codes, in Arabic and French."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.documents.services import document_issue, document_supersede
from tests.workflow_app.factories import DossierFactory

pytestmark = pytest.mark.django_db

SUMMARY = [
    {"label_ar": "رقم الملف", "label_fr": "Numéro du dossier", "value": "BG-2026-000123"},
    {"label_ar": "الإجراء", "label_fr": "Procédure", "value": "Permis de construire"},
]
# Printed nowhere on the verify page: the document's context beyond its summary.
PRIVATE = "CIN AB123456"


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def clerk(commune_a):
    return StaffFactory(collectivity=commune_a)


@pytest.fixture
def document(media, commune_a, clerk):
    return document_issue(
        actor=clerk,
        owner=DossierFactory(collectivity=commune_a),
        kind="case_receipt",
        title_ar="وصل إيداع طلب",
        title_fr="Récépissé de dépôt",
        template_name="documents/summary.html",
        context={"lead": PRIVATE},
        summary=SUMMARY,
        signed_by="Le président du conseil communal",
    )


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_routes():
    with translation.override("fr"):
        assert reverse("web:verify") == "/fr/verify/"
        assert reverse("web:verify-code", args=["7K3MQ9PX2TRW"]) == "/fr/verify/7K3MQ9PX2TRW/"


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_the_form_page(client, lang, direction):
    response = client.get(f"/{lang}/verify/")
    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{lang}" dir="{direction}">'
    assert 'name="code"' in response.content.decode()
    assert not response.context["form"].errors


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_typed_code_in_any_spelling_leads_to_its_page(client, document, lang):
    typed = document.display_code.lower().replace("-", " ")
    response = client.get(f"/{lang}/verify/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/verify/{document.code}/"
    # The same for an address typed by hand: redirected to the canonical one.
    response = client.get(f"/{lang}/verify/{document.display_code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/verify/{document.code}/"


@pytest.mark.parametrize(
    "typed", ["123", "ABCD-EFGH-JKMU", "x" * 5000, "<script>", "ABC\u202eDEF", " "]
)
def test_malformed_input_shows_the_form_with_an_error(client, typed):
    response = client.get("/fr/verify/", {"code": typed})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("code", "required" if not typed.strip() else "malformed")
    body = response.content.decode()
    assert 'class="field-error"' in body
    assert 'class="error-summary"' in body
    assert "<script>" not in body


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_a_valid_document(client, document, commune_a, lang, direction):
    response = client.get(f"/{lang}/verify/{document.code}/")
    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{lang}" dir="{direction}">'
    body = response.content.decode()
    assert response.context["document"] == document
    assert 'class="message" role="status"' in body
    assert "message-warning" not in body
    assert document.display_code in body
    assert document.sha256 in body
    assert "Le président du conseil communal" in body
    assert "case_receipt" not in body  # the title names the document, not an internal slug
    title, label, other_label, name = (
        ("وصل إيداع طلب", "رقم الملف", "Numéro du dossier", commune_a.name_ar)
        if lang == "ar"
        else ("Récépissé de dépôt", "Numéro du dossier", "رقم الملف", commune_a.name_fr)
    )
    assert title in body
    assert label in body
    assert other_label not in body
    assert name in body
    assert "BG-2026-000123" in body
    assert PRIVATE not in body


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_superseded_document(client, document, clerk, lang):
    document_supersede(actor=clerk, document=document, reason="Erreur dans le nom du demandeur")
    response = client.get(f"/{lang}/verify/{document.code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "message message-warning" in body
    assert "Erreur dans le nom du demandeur" in body
    with translation.override(lang):
        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        document.refresh_from_db()
        assert date_format(localtime(document.superseded_at), "j F Y") in body


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_an_unknown_code_is_a_404_with_the_form(client, document, lang):
    unknown = "0" * 12 if document.code != "0" * 12 else "1" * 12
    response = client.get(f"/{lang}/verify/{unknown}/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "message message-error" in body
    assert 'name="code"' in body
    assert response.context["not_found"]
    assert not response.context["malformed"]


@pytest.mark.parametrize("junk", ["123", "..", "x" * 300, "%27%3B--", "٣٤", "ABCD-EFGH-JKMU"])
def test_a_malformed_code_in_the_address_is_a_404_not_a_500(client, junk):
    response = client.get(f"/ar/verify/{junk}/")
    assert response.status_code == 404
    assert response.context["malformed"]
    assert "message message-error" in response.content.decode()


@pytest.mark.browser
def test_verify_pages_in_a_real_browser(page, shoot, settings, tmp_path):
    """What someone scanning the QR code sees, in Arabic and French; axe finds nothing."""
    from jamaati.core.tenancy.models import Collectivity
    from jamaati.web.tests.test_browser import assert_no_axe_violations, html_attrs

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    commune = Collectivity.objects.get(code="07.427.01.01")
    clerk = StaffFactory(collectivity=commune)
    issued = document_issue(
        actor=clerk,
        owner=DossierFactory(collectivity=commune),
        kind="case_receipt",
        title_ar="وصل إيداع طلب",
        title_fr="Récépissé de dépôt",
        template_name="documents/summary.html",
        context={},
        summary=SUMMARY,
        signed_by="رئيس المجلس الجماعي",
    )
    for lang, direction in (("ar", "rtl"), ("fr", "ltr")):
        page.goto(f"/{lang}/verify/{issued.code}/")
        assert html_attrs(page) == (lang, direction)
        assert page.get_by_text(issued.display_code).is_visible()
        assert_no_axe_violations(page)
        shoot(page, "verify-valid", lang)
        page.goto(f"/{lang}/verify/")
        page.fill("#id_code", "abc")
        page.click("button[type=submit]")
        assert page.locator(".error-summary").is_visible()
        assert_no_axe_violations(page)
        shoot(page, "verify-malformed", lang)
        page.fill("#id_code", issued.display_code.lower())
        page.click("button[type=submit]")
        page.wait_for_url(f"**/{lang}/verify/{issued.code}/")
    document_supersede(actor=clerk, document=issued, reason="Erreur dans le nom du demandeur")
    for lang in ("ar", "fr"):
        page.goto(f"/{lang}/verify/{issued.code}/")
        assert page.locator(".message-warning").is_visible()
        shoot(page, "verify-superseded", lang)
