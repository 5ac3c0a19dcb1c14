"""The information API: file (422 in the caller's language, never 500), mine, detail (404
for anyone else's), and the public register without personal data."""

import pytest

from jamaati.accounts.services import token_create
from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.information.models import InformationRequest
from jamaati.information.services import request_answer
from jamaati.information.tests.conftest import file_request, filing_data, pdf_upload

pytestmark = pytest.mark.django_db
BASE = "/api/v1/information"


def bearer(user) -> dict:
    _token, secret = token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _body(**overrides):
    data = {**filing_data(), "collectivity": "07.427.01.01"}
    data.pop("name")
    data.update(overrides)
    return data


def test_file_list_and_read_my_request(client, citizen):
    auth = bearer(citizen)
    response = client.post(f"{BASE}/requests", _body(), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    assert number.startswith("07.427.01.01-I-")
    assert response.json()["due_on"]
    mine = client.get(f"{BASE}/requests", **auth).json()
    assert [r["number"] for r in mine] == [number]
    detail = client.get(f"{BASE}/requests/{number}", **auth).json()
    assert detail["clocks"][0]["kind"] == "answer"
    assert detail["clocks"][0]["legal_basis"] == "Loi 31.13, art. 16"


def test_bad_filings_answer_422_in_the_caller_s_language(client, citizen):
    auth = bearer(citizen)
    for body in (
        _body(sought=""),
        _body(id_number="123"),
        _body(preferred_form="x"),
        _body(is_urgent=True),
        {"collectivity": "07.427.01.01"},
    ):
        response = client.post(
            f"{BASE}/requests",
            body,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="fr",
            **auth,
        )
        assert response.status_code == 422, body
        assert response.json()["detail"] == "La requête n\u2019est pas valide."  # French
    assert client.post(
        f"{BASE}/requests", "{not json", content_type="application/json", **auth
    ).status_code in (400, 422)
    assert (
        client.post(
            f"{BASE}/requests",
            _body(collectivity="99.999"),
            content_type="application/json",
            **auth,
        ).status_code
        == 404
    )
    assert not InformationRequest.objects.exists()


def test_the_api_needs_a_token_and_hides_others_requests(client, citizen, commune_a):
    item = file_request(citizen, commune_a)
    assert client.get(f"{BASE}/requests").status_code == 401
    other = bearer(CitizenFactory(password=None))
    assert client.get(f"{BASE}/requests/{item.number}", **other).status_code == 404
    assert client.get(f"{BASE}/requests", **other).json() == []


def test_the_public_register_has_no_personal_data(client, citizen, commune_a, officer, commune_b):
    item = file_request(citizen, commune_a)
    request_answer(
        actor=officer, request=item, kind="given", data={"text": "Voici"}, upload=pdf_upload()
    )
    response = client.get(f"{BASE}/register/{commune_a.code}?q=budget")
    assert response.status_code == 200
    rows = response.json()
    assert [r["number"] for r in rows] == [item.number]
    assert rows[0]["answer"]["released_file"].endswith("/file/")
    text = response.content.decode()
    for personal in ("Amina", "AB123456", "Orangers", "amina@example.ma"):
        assert personal not in text
    one = client.get(f"{BASE}/register/{commune_a.code}/{item.number}")
    assert one.status_code == 200
    assert "Amina" not in one.content.decode()
    assert client.get(f"{BASE}/register/{commune_b.code}/{item.number}").status_code == 404
    assert client.get(f"{BASE}/register/{commune_a.code}?limit=0").status_code == 422
