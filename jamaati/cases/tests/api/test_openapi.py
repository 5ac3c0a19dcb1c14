"""The cases operations are in the OpenAPI document, with summaries and response schemas."""

import pytest

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("/api/v1/cases", "post"),
    ("/api/v1/cases/mine", "get"),
    ("/api/v1/cases/{number}", "get"),
    ("/api/v1/cases/{number}/documents", "post"),
    ("/api/v1/cases/queue", "get"),
    ("/api/v1/cases/staff/{case_id}", "get"),
    ("/api/v1/cases/staff/{case_id}/transitions", "post"),
}


def test_openapi_document_lists_every_cases_operation_with_token_auth(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    found = {(p, m) for p, ops in paths.items() if p.startswith("/api/v1/cases") for m in ops}
    assert found == OPERATIONS
    for path, method in OPERATIONS:
        operation = paths[path][method]
        assert operation["summary"], path
        assert operation["security"] == [{"TokenAuth": []}], path
        assert any(code.startswith("2") for code in operation["responses"]), path


def test_filing_documents_its_bodies_and_idempotency_key(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/cases"]["post"]

    assert set(operation["requestBody"]["content"]) == {
        "application/json",
        "multipart/form-data",
    }
    assert [p["name"] for p in operation["parameters"]] == ["Idempotency-Key"]
    assert {"200", "201", "422"} <= set(operation["responses"])
