from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from jamaati.catalogue.tests.factories import ProcedureVersionFactory, published_version

pytestmark = pytest.mark.django_db


def _detail_url(version, lang="ar", code=None):
    with translation.override(lang):
        return reverse(
            "public:catalogue:procedure-detail",
            kwargs={"code": code or version.collectivity.code, "slug": version.procedure.slug},
        )


def _list_url(code, lang="ar"):
    with translation.override(lang):
        return reverse("public:catalogue:procedure-list", kwargs={"code": code})


@pytest.fixture
def legalisation(commune_a):
    return published_version(
        collectivity=commune_a,
        name_ar="تصحيح الإمضاء",
        name_fr="Légalisation de signature",
        max_delay_days=1,
        documents=[
            {"name_ar": "البطاقة الوطنية", "name_fr": "Carte nationale d'identité"},
            {
                "name_ar": "نسخة من عقد الازدياد",
                "name_fr": "Extrait d'acte de naissance",
                "supplied_by": "administration",
                "holder_fr": "Registre national de l'état civil",
                "holder_ar": "السجل الوطني للحالة المدنية",
            },
        ],
        fees=[
            {
                "key": "tax",
                "label_fr": "Taxe de légalisation",
                "amount": "2",
                "legal_basis": "Loi 47.06",
            }
        ],
    )


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_procedure_page_explains_the_procedure_when_published(
    client, legalisation, lang, direction
):
    response = client.get(_detail_url(legalisation, lang))

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert f'<html lang="{lang}" dir="{direction}">' in html
    if lang == "ar":
        assert f'<h1 lang="ar">{legalisation.name_ar}</h1>' in html
        assert "السجل الوطني للحالة المدنية" in html
    else:
        assert f'<h1 lang="fr">{legalisation.name_fr}</h1>' in html
        assert "Registre national de l'état civil" in html
    assert "Loi 47.06" in html
    assert ("Taxe de légalisation" if lang == "fr" else "رسم") in html
    assert legalisation.legal_basis_text in html


def test_procedure_page_separates_what_you_bring_from_what_is_fetched_when_in_french(
    client, legalisation
):
    html = unescape(client.get(_detail_url(legalisation, "fr")).content.decode())

    you_bring, we_fetch = html.index('id="you-bring"'), html.index('id="we-fetch"')
    own_doc = html.index("Carte nationale d'identité")
    fetched_doc = html.index("Extrait d'acte de naissance")
    assert you_bring < own_doc < we_fetch < fetched_doc


def test_procedure_page_states_delay_silence_and_appeal_when_rendered(client, commune_a):
    version = published_version(
        collectivity=commune_a,
        max_delay_days=20,
        delay_calendar="calendar",
        silence_means_acceptance=True,
        silence_legal_basis="Décret n° X (to be confirmed)",
        appeal_fr="Recours auprès du président puis du gouverneur.",
    )
    with translation.override("fr"):
        html = unescape(client.get(_detail_url(version, "fr")).content.decode())

    assert "20" in html
    assert "Décret n° X (to be confirmed)" in html
    assert "Recours auprès du président puis du gouverneur." in html


def test_procedure_page_answers_404_when_only_a_draft_exists(client, commune_a):
    draft = ProcedureVersionFactory(collectivity=commune_a)

    assert client.get(_detail_url(draft)).status_code == 404


def test_procedure_page_answers_404_when_slug_is_another_communes(client, commune_a, commune_b):
    other = published_version(collectivity=commune_b)

    assert client.get(_detail_url(other, code=commune_a.code)).status_code == 404
    assert client.get(_detail_url(other)).status_code == 200


def test_procedure_page_answers_404_when_collectivity_is_unknown(client, legalisation):
    assert client.get(_detail_url(legalisation, code="99.999")).status_code == 404


@pytest.mark.parametrize("q", ["Legalisation", "légalisation", "الامضاء", "الإمضاء"])
def test_collectivity_list_finds_the_procedure_when_searched_in_either_script(
    client, legalisation, commune_a, q
):
    published_version(
        collectivity=commune_a, name_ar="شهادة السكنى", name_fr="Certificat de résidence"
    )

    html = unescape(client.get(_list_url(commune_a.code, "fr"), {"q": q}).content.decode())

    assert "Légalisation de signature" in html
    assert "Certificat de résidence" not in html


def test_collectivity_list_hides_drafts_when_listing(client, commune_a):
    published_version(collectivity=commune_a, name_fr="Visible")
    ProcedureVersionFactory(collectivity=commune_a, name_fr="Brouillon")

    html = client.get(_list_url(commune_a.code, "fr")).content.decode()

    assert "Visible" in html
    assert "Brouillon" not in html


def test_national_list_shows_templates_only_when_listing(client, commune_a):
    template = published_version(name_fr="Modèle national")
    published_version(collectivity=commune_a, name_fr="Procédure locale")

    with translation.override("fr"):
        response = client.get(reverse("catalogue:procedure-list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Modèle national" in html
    assert "Procédure locale" not in html
    assert _detail_url(template, "fr") in html


def test_list_pages_keep_a_constant_number_of_queries_when_procedures_grow(
    client, commune_a, django_assert_max_num_queries
):
    for _ in range(3):
        published_version(collectivity=commune_a)
    url = _list_url(commune_a.code, "fr")
    client.get(url)  # warm caches (sessions, content types)

    with django_assert_max_num_queries(6) as few:
        client.get(url)
    for _ in range(10):
        published_version(collectivity=commune_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_list_page_never_fails_when_query_is_junk(client, commune_a):
    response = client.get(_list_url(commune_a.code), {"q": "\u202e" + "أ" * 3000, "page": "x"})

    assert response.status_code == 200
