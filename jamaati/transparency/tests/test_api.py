"""Public API: list (search), one item, 404 and 422 (never 500)."""

import pytest

from jamaati.transparency.services import publication_publish, publication_withdraw
from jamaati.transparency.tests.factories import make_publication, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(agent, commune_a, commune_b):
    budget = publication_publish(
        actor=agent,
        collectivity=commune_a,
        obligation="budget",
        title_ar="ميزانية 2026",
        title_fr="Budget 2026",
        period_year=2026,
        file=pdf_upload(),
    )
    recruit = make_publication(
        commune_a,
        agent,
        obligation="recruitment",
        title_ar="إعلان عن مباراة",
        title_fr="Avis de concours",
        period_year=None,
    )
    other = make_publication(commune_b, agent, title_fr="Budget de Fès")
    return budget, recruit, other


def test_list_of_a_collectivity(client, items, commune_a):
    budget, recruit, _other = items
    response = client.get("/api/v1/publications", {"collectivity": commune_a.code})
    assert response.status_code == 200
    data = response.json()
    assert {d["id"] for d in data} == {budget.pk, recruit.pk}
    first = next(d for d in data if d["id"] == budget.pk)
    assert first["file_type"] == "application/pdf"
    assert first["file_sha256"] == budget.sha256
    assert first["file_url"].startswith("http://testserver/")
    assert "31.13" in first["legal_basis"]


def test_search_hamza_and_accents(client, items, commune_a):
    budget, recruit, _other = items
    response = client.get("/api/v1/publications", {"collectivity": commune_a.code, "q": "اعلان"})
    assert [d["id"] for d in response.json()] == [recruit.pk]
    response = client.get("/api/v1/publications", {"collectivity": commune_a.code, "q": "BUDGÉT"})
    assert [d["id"] for d in response.json()] == [budget.pk]


def test_one_item_and_withdrawn(client, items, agent):
    budget, _recruit, _other = items
    response = client.get(f"/api/v1/publications/{budget.pk}")
    assert response.status_code == 200
    assert response.json()["title_fr"] == "Budget 2026"
    publication_withdraw(actor=agent, item=budget, reason="erreur")
    assert client.get(f"/api/v1/publications/{budget.pk}").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"collectivity": "99.999"},
        {"collectivity": "x" * 50},
        {"collectivity": "07.427.01.01", "limit": "0"},
        {"collectivity": "07.427.01.01", "limit": "abc"},
        {"collectivity": "07.427.01.01", "offset": "-1"},
        {"collectivity": "07.427.01.01", "q": "a" * 500},
    ],
)
def test_bad_parameters_are_422(client, params):
    response = client.get("/api/v1/publications", params, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_nul_in_query_is_refused(client, db):
    # The hardening middleware refuses NUL characters before the view (400, not 500).
    response = client.get("/api/v1/publications", {"collectivity": "07.427.01.01", "q": "a\x00"})
    assert response.status_code in (400, 422)


@pytest.mark.parametrize("pk", ["0", "abc", str(2**70), "-3"])
def test_bad_ids(client, pk):
    assert client.get(f"/api/v1/publications/{pk}").status_code in (404, 422)


def test_missing_id_is_404(client, db):
    assert client.get("/api/v1/publications/987654").status_code == 404
