import pytest

from jamaati.catalogue.tests.factories import ProcedureVersionFactory, published_version

pytestmark = pytest.mark.django_db

SCHEMA = [
    {
        "name": "reason",
        "type": "choice",
        "label_fr": "Motif",
        "required": True,
        "choices": ["work", "other"],
    },
    {
        "name": "details",
        "type": "text",
        "label_fr": "Précisez",
        "required": True,
        "show_if": {"field": "reason", "equals": "other"},
    },
]


def test_list_returns_published_procedures_when_filtered_by_collectivity(
    client, commune_a, commune_b
):
    shown = published_version(collectivity=commune_a, name_fr="Légalisation de signature")
    ProcedureVersionFactory(collectivity=commune_a)
    published_version(collectivity=commune_b)

    response = client.get("/api/v1/procedures", {"collectivity": commune_a.code})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == shown.procedure_id
    assert item["slug"] == shown.procedure.slug
    assert item["collectivity"] == commune_a.code
    assert item["version"] == 1
    assert item["delay_calendar"] == "working"


def test_list_folds_accents_and_hamza_when_searching(client, commune_a):
    published_version(collectivity=commune_a, name_ar="تصحيح الإمضاء", name_fr="Légalisation")
    published_version(collectivity=commune_a, name_ar="شهادة السكنى", name_fr="Résidence")

    for q in ("legalisation", "الامضاء"):
        body = client.get("/api/v1/procedures", {"q": q}).json()
        assert [i["name_fr"] for i in body["items"]] == ["Légalisation"]


def test_list_queries_stay_constant_when_procedures_grow(
    client, commune_a, django_assert_max_num_queries
):
    for _ in range(3):
        published_version(collectivity=commune_a)
    with django_assert_max_num_queries(3) as few:
        client.get("/api/v1/procedures")
    for _ in range(8):
        published_version(collectivity=commune_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/procedures").json()["count"] == 11


@pytest.mark.parametrize(
    "params",
    [
        {"collectivity": "99.999.99"},
        {"collectivity": "x" * 50},
        {"q": "x" * 500},
        {"limit": "0"},
        {"limit": "abc"},
        {"offset": "-1"},
    ],
)
def test_list_answers_422_when_parameters_are_bad(client, params):
    response = client.get("/api/v1/procedures", params)

    assert response.status_code == 422
    assert "detail" in response.json()


def test_detail_returns_documents_fees_and_form_schema_when_published(client, commune_a):
    version = published_version(
        collectivity=commune_a,
        form_schema=SCHEMA,
        documents=[{"name_fr": "CNIE"}],
        fees=[{"key": "tax", "amount": "2.50", "legal_basis": "Loi 47.06"}],
    )

    response = client.get(f"/api/v1/procedures/{version.procedure_id}")

    assert response.status_code == 200
    body = response.json()
    assert body["legal_basis"] == {"text": "Loi n° 55.19", "article": "art. 6"}
    assert [d["name_fr"] for d in body["documents"]] == ["CNIE"]
    assert body["fees"][0]["key"] == "tax"
    assert float(body["fees"][0]["amount"]) == 2.5
    form = body["form"]
    assert form["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert form["required"] == ["reason"]
    assert form["properties"]["reason"]["enum"] == ["work", "other"]
    assert form["allOf"][0]["then"] == {"required": ["details"]}


def test_detail_answers_404_when_only_a_draft_exists(client, commune_a):
    draft = ProcedureVersionFactory(collectivity=commune_a)

    assert client.get(f"/api/v1/procedures/{draft.procedure_id}").status_code == 404


@pytest.mark.parametrize("junk", ["0", "-1", "abc", "99999999999999999999", "9223372036854775807"])
def test_detail_never_fails_when_the_id_is_junk(client, junk):
    response = client.get(f"/api/v1/procedures/{junk}")

    assert response.status_code in {404, 422}
