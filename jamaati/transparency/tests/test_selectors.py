"""Public reads: search (Arabic with/without hamza, French accents), one item, scoping."""

import pytest
from django.http import Http404
from django.utils import translation
from django.utils.timezone import now

from jamaati.transparency.selectors import publication_get, publication_search
from jamaati.transparency.tests.factories import make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(commune_a, agent):
    return {
        "budget": make_publication(commune_a, agent),
        "plan": make_publication(
            commune_a,
            agent,
            obligation="procurement_plan",
            title_ar="البرنامج التوقعي للصفقات",
            title_fr="Programme prévisionnel des marchés",
        ),
        "recruit": make_publication(
            commune_a,
            agent,
            obligation="recruitment",
            title_ar="إعلان عن مباراة توظيف أطر إدارية",
            title_fr="Avis de concours de recrutement d'administrateurs",
            period_year=None,
        ),
    }


def test_arabic_search_ignores_hamza(items, commune_a):
    with_hamza = publication_search(collectivity=commune_a, q="إعلان")
    without = publication_search(collectivity=commune_a, q="اعلان")
    assert [i.pk for i in with_hamza] == [i.pk for i in without] == [items["recruit"].pk]


def test_french_search_ignores_accents_and_case(items, commune_a):
    assert [i.pk for i in publication_search(collectivity=commune_a, q="PREVISIONNEL")] == [
        items["plan"].pk
    ]
    assert [i.pk for i in publication_search(collectivity=commune_a, q="prévisionnel")] == [
        items["plan"].pk
    ]


def test_best_match_first(items, commune_a):
    # "de la" matches several titles; the whole phrase in a title ranks first.
    results = publication_search(collectivity=commune_a, q="budget de la commune")
    assert results[0].pk == items["budget"].pk


def test_empty_query_gives_newest_and_limit(items, commune_a):
    assert len(publication_search(collectivity=commune_a, q="", limit=2)) == 2


def test_withdrawn_and_other_commune_are_not_found(items, commune_a, commune_b, agent):
    items["plan"].withdrawn_at = now()
    items["plan"].save()
    assert publication_search(collectivity=commune_a, q="marchés") == []
    with pytest.raises(Http404):
        publication_get(collectivity=commune_a, pk=items["plan"].pk)
    with pytest.raises(Http404):
        publication_get(collectivity=commune_b, pk=items["budget"].pk)
    with pytest.raises(Http404):
        publication_get(collectivity=commune_a, pk="abc")


def test_item_attributes(items, commune_a):
    item = publication_get(collectivity=commune_a, pk=items["budget"].pk)
    with translation.override("fr"):
        assert item.title == "Budget de la commune"
        assert item.category_label == "Budget"
        assert item.get_absolute_url() == f"/fr/c/{commune_a.code}/publications/{item.pk}/"
        # An item that is only a link: public_url is the link.
        assert item.public_url == "https://example.ma/doc"
    with translation.override("ar"):
        assert item.title == "ميزانية الجماعة"
    assert item.published_on.year == 2026
