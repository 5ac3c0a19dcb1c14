"""The public directory: pages in each language, search folding, bad input, query counts."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BEN_GUERIR = "07.427.01.01"
FES_COMMUNE = "03.231.01.0"
AGADIR_COMMUNE = "09.001.01.01"


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def result_codes(response) -> list[str]:
    return [c.code for c in response.context["page"].object_list]


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("zgh", "ltr")])
@pytest.mark.parametrize("path", ["", f"c/{BEN_GUERIR}/", "search/?q=fes"])
def test_directory_pages_render_in_each_language_with_its_direction(client, lang, direction, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{lang}" dir="{direction}">'


def test_home_lists_the_twelve_regions_with_grouped_figures(client):
    response = client.get("/fr/")
    assert len(response.context["children"]) == 12
    assert len(response.context["bars"]) == 12
    body = response.content.decode()
    assert "Collectivités territoriales du Maroc" in body
    assert re.search(r"\d{1,2}\u00a0\d{3}\u00a0\d{3} habitants", body)
    assert "1\u00a0503 communes" in body


def test_commune_page_shows_kind_province_region_and_figures(client, commune_a):
    response = client.get(f"/fr/c/{BEN_GUERIR}/")
    body = response.content.decode()
    assert "<title>Ben Guerir · Commune · Jamaati</title>" in body
    assert "ابن جرير" in body  # the name in the other script
    assert "Commune · urbaine" in body
    assert "Rehamna" in body
    assert "Marrakech-Safi" in body
    assert "114\u00a0872" in body  # population
    assert "27\u00a0167" in body  # households
    assert f'href="/fr/c/{commune_a.parent.code}/"' in body  # province in the breadcrumb


def test_commune_page_in_arabic_has_arabic_title_and_french_name(client):
    body = client.get(f"/ar/c/{BEN_GUERIR}/").content.decode()
    assert "<title>ابن جرير · جماعة · جماعتي</title>" in body
    assert "Ben Guerir" in body
    assert "جماعة · حضرية" in body
    assert "114\u00a0872" in body


def test_tamazight_page_falls_back_to_the_arabic_name_beside_the_french_one(client):
    body = client.get(f"/zgh/c/{BEN_GUERIR}/").content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", body, re.S).group(1)
    assert "ابن جرير" in h1
    assert "Ben Guerir" in h1


def test_province_page_charts_its_communes_largest_first(client):
    response = client.get("/ar/c/07.427/")
    bars = response.context["bars"]
    assert len(bars) == 15  # the chart stops at 15 bars; the table lists every commune
    assert len(response.context["children"]) > 15
    assert bars[0].node.code == BEN_GUERIR
    assert bars[0].width == "100.0"
    widths = [float(b.width) for b in bars]
    assert widths == sorted(widths, reverse=True)
    assert 'style="inline-size: 100.0%"' in response.content.decode()


@pytest.mark.parametrize("q", ["Fès", "Fes", "FES", "fès", "  fes  ", "فاس"])
def test_search_finds_fes_whatever_the_accent_case_or_script(client, q):
    response = client.get("/fr/search/", {"q": q})
    assert FES_COMMUNE in result_codes(response)


@pytest.mark.parametrize("q", ["أكادير", "اكادير", "إكادير", "آكادير", "Agadir", "agadír"])
def test_search_finds_agadir_whatever_the_hamza(client, q):
    response = client.get("/ar/search/", {"q": q})
    assert AGADIR_COMMUNE in result_codes(response)


def test_search_announces_the_result_count(client):
    body = client.get("/fr/search/", {"q": "Agadir"}).content.decode()
    status = re.search(r'<div role="status"[^>]*>(.*?)</div>', body, re.S).group(1)
    assert "3 résultats pour « Agadir »" in status


def test_search_with_no_match_says_so_and_suggests_the_other_script(client):
    body = client.get("/ar/search/", {"q": "zzzzqqq"}).content.decode()
    assert "لا توجد أي نتيجة للبحث عن «zzzzqqq»" in body
    assert "جرب الاسم بالحروف الأخرى" in body


def test_search_filters_by_kind(client):
    response = client.get("/fr/search/", {"q": "Fès", "kind": "commune"})
    codes = result_codes(response)
    assert FES_COMMUNE in codes
    assert "03.231" not in codes  # the prefecture of the same name
    assert all(c.kind == "commune" for c in response.context["page"].object_list)


def test_search_paginates_and_keeps_the_query_in_the_page_links(client):
    response = client.get("/fr/search/", {"q": "sidi"})
    page = response.context["page"]
    assert page.paginator.count > 25
    assert len(page.object_list) == 25
    assert 'href="?q=sidi&amp;page=2"' in response.content.decode()
    second = client.get("/fr/search/", {"q": "sidi", "page": "2"})
    assert second.context["page"].number == 2


def test_unknown_collectivity_code_answers_404_in_the_page_language(client):
    response = client.get("/fr/c/99.999.99.99/")
    assert response.status_code == 404
    body = response.content.decode()
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert "Page introuvable" in body


@pytest.mark.parametrize(
    "params",
    [
        {"q": "fes", "page": "abc"},
        {"q": "fes", "page": "-3"},
        {"q": "fes", "page": "99999999999999999999999"},
        {"q": "fes", "kind": "planet"},
        {"q": "fes", "kind": "country"},
        {"q": "x" * 1000},
        {"q": "أ" * 1000},
        {"q": "fes\x01\u202e"},
        {"q": "%' OR 1=1 --"},
        {"q": "...---"},
    ],
)
def test_malformed_search_never_answers_500(params):
    response = Client(raise_request_exception=False).get("/ar/search/", params)
    assert response.status_code == 200


def test_search_with_a_nul_character_answers_400_with_the_error_page():
    response = Client(raise_request_exception=False).get("/ar/search/", {"q": "fes\x00"})
    assert response.status_code == 400
    assert 'lang="ar"' in response.content.decode()


def test_long_query_is_cut_to_100_characters(client):
    response = client.get("/ar/search/", {"q": "x" * 1000})
    assert response.context["q"] == "x" * 100


def test_commune_page_makes_a_constant_small_number_of_queries(client, django_assert_num_queries):
    # The collectivity (with its parent), its ancestors, its children.
    with django_assert_num_queries(3):
        client.get(f"/ar/c/{BEN_GUERIR}/")
    with django_assert_num_queries(3):
        client.get("/fr/c/07.427/")  # a province with 26 communes: still 3


def test_search_page_makes_a_constant_small_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # count, page of results with their parents
        client.get("/fr/search/", {"q": "sidi"})


@pytest.mark.django_db
def test_commune_and_home_pages_link_to_the_procedures(client):
    commune = client.get("/fr/c/07.427.01.01/").content.decode()
    assert 'href="/fr/c/07.427.01.01/procedures/"' in commune
    assert 'href="/ar/procedures/"' in client.get("/ar/").content.decode()
