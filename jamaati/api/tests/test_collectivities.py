import pytest

pytestmark = pytest.mark.django_db


def test_list_is_paginated_with_a_count(client):
    body = client.get("/api/v1/collectivities?kind=commune&limit=10").json()
    assert body["count"] == 1503
    assert len(body["items"]) == 10
    assert {"code", "kind", "parent", "name_ar", "name_fr", "name_zgh", "population_2024"} <= set(
        body["items"][0]
    )


def test_list_filters_by_kind_and_parent(client):
    regions = client.get("/api/v1/collectivities?kind=region").json()
    assert regions["count"] == 12
    rehamna = client.get("/api/v1/collectivities?parent=07.427&limit=200").json()
    assert rehamna["count"] > 0
    assert {c["parent"] for c in rehamna["items"]} == {"07.427"}
    assert "07.427.01.01" in {c["code"] for c in rehamna["items"]}


@pytest.mark.parametrize("q", ["Fès", "fes", "FES", "فاس"])
def test_list_finds_a_commune_whatever_the_accents(client, q):
    codes = {c["code"] for c in client.get("/api/v1/collectivities", {"q": q}).json()["items"]}
    assert "03.231.01.0" in codes


@pytest.mark.parametrize("q", ["أكادير", "اكادير", "Agadir"])
def test_list_finds_agadir_with_or_without_hamza(client, q):
    names = {c["name_fr"] for c in client.get("/api/v1/collectivities", {"q": q}).json()["items"]}
    assert "Agadir" in names


def test_detail_gives_one_collectivity_with_its_parent(client):
    body = client.get("/api/v1/collectivities/07.427.01.01").json()
    assert body["name_fr"] == "Ben Guerir"
    assert body["parent"] == "07.427"
    assert body["population_2024"] == 114872


def test_unknown_code_answers_404_json(client):
    response = client.get("/api/v1/collectivities/99.999")
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "query", ["kind=planet", "limit=0", "limit=201", "offset=-1", "limit=abc", "offset=10000001"]
)
def test_bad_parameters_answer_422_with_the_field(client, query):
    response = client.get(f"/api/v1/collectivities?{query}")
    assert response.status_code == 422
    assert response.json()["errors"]


def test_error_message_follows_the_request_language(client):
    fr = client.get("/api/v1/collectivities/nope", HTTP_ACCEPT_LANGUAGE="fr")
    ar = client.get("/api/v1/collectivities/nope", HTTP_ACCEPT_LANGUAGE="ar")
    assert fr.json()["detail"] != ar.json()["detail"]


def test_openapi_document_describes_the_collectivity_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/collectivities" in schema["paths"]
    assert "/api/v1/collectivities/{code}" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/collectivities"]["get"]["parameters"]}
    assert {"kind", "parent", "q", "limit", "offset"} <= params
