"""The complaints API: categories, file (JSON and multipart with photos), mine, detail
(404 for anyone else's), add information, rate, reopen; every refusal is a 422 with a
message in the caller's language and nothing written; never a 500."""

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from jamaati.accounts.services import token_create
from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.complaints.models import Complaint
from jamaati.complaints.services import complaint_answer
from jamaati.complaints.tests.factories import (
    BEN_GUERIR,
    ComplaintCategoryFactory,
    file_complaint,
    png_upload,
)
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db
API = "/api/v1/complaints"


@pytest.fixture
def citizen():
    return CitizenFactory()


@pytest.fixture
def auth(citizen):
    _token, secret = token_create(actor=citizen, user=citizen, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}", "HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def category():
    return ComplaintCategoryFactory(code="voirie", name_fr="Voirie et nids-de-poule")


def _post(client, url, body, auth):
    return client.post(url, json.dumps(body), content_type="application/json", **auth)


def test_categories_are_public(client, category):
    response = client.get(f"{API}/categories", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert {"code": "voirie", "name": "Voirie et nids-de-poule"}.items() <= response.json()[
        0
    ].items()


def test_file_read_and_list(client, auth, category, citizen):
    body = {
        "collectivity": "07.427.01.01",
        "kind": "complaint",
        "category": "voirie",
        "text": "Nid-de-poule dangereux avenue Hassan II.",
        "latitude": float(BEN_GUERIR[0]),
        "longitude": float(BEN_GUERIR[1]),
    }
    response = _post(client, API, body, auth)
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    assert number.startswith("07.427.01.01-R-")
    assert response.json()["state"] == "received"
    complaint = Complaint.objects.get()
    assert complaint.channel == "api"
    assert complaint.applicant == citizen
    detail = client.get(f"{API}/{number}", **auth).json()
    assert detail["text"] == body["text"]
    assert detail["history"][0]["state"]
    assert [c["number"] for c in client.get(f"{API}/mine", **auth).json()["items"]] == [number]


def test_multipart_filing_with_photos(client, auth, category):
    payload = json.dumps(
        {
            "collectivity": "07.427.01.01",
            "kind": "observation",
            "category": "voirie",
            "text": "Trou",
        }
    )
    response = client.post(
        API, {"payload": payload, "photos": [png_upload(), png_upload("b.png")]}, **auth
    )
    assert response.status_code == 201, response.content
    assert response.json()["photos"] == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"text": ""}, "text"),
        ({"category": "nope"}, "category"),
        ({"kind": "petition"}, "kind"),
        ({"latitude": 40.4, "longitude": -3.7}, "location"),
        ({"latitude": 34.0, "longitude": None}, "location"),
        ({"collectivity": "99.999"}, "collectivity"),
        ({"kind": "complaint", "anonymous": True}, "__all__"),
    ],
)
def test_bad_filings_answer_422_in_french(client, auth, category, change, field):
    body = {
        "collectivity": "07.427.01.01",
        "kind": "complaint",
        "category": "voirie",
        "text": "Texte",
        **change,
    }
    response = _post(client, API, body, auth)
    assert response.status_code == 422, response.content
    assert field in response.json()["fields"]
    assert not Complaint.objects.exists()


def test_malformed_bodies_answer_422(client, auth, category):
    for raw in ("{", "[]", '{"kind": 5}', "null"):
        response = client.post(API, raw, content_type="application/json", **auth)
        assert response.status_code == 422, raw
    assert client.post(API, {"payload": "{"}, **auth).status_code == 422
    assert not Complaint.objects.exists()


def test_someone_elses_complaint_is_404(client, auth, commune_a):
    other = file_complaint(commune_a, CitizenFactory())
    assert client.get(f"{API}/{other.number}", **auth).status_code == 404
    assert (
        _post(client, f"{API}/{other.number}/information", {"text": "x"}, auth).status_code == 404
    )
    assert _post(client, f"{API}/{other.number}/rating", {"score": 3}, auth).status_code == 404
    assert not other.additions.exists()


def test_information_rating_and_reopen(client, auth, citizen, commune_a):
    complaint = file_complaint(commune_a, citizen)
    url = f"{API}/{complaint.number}"
    assert _post(client, f"{url}/information", {"text": "Précision"}, auth).status_code == 200
    refused = _post(client, f"{url}/rating", {"score": 4}, auth)
    with translation.override("fr"):
        expected = gettext("You can rate the answer once the complaint is closed.")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [expected]
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    complaint_answer(actor=agent, complaint=complaint, outcome="resolved", reasons="Réparé.")
    assert _post(client, f"{url}/rating", {"score": 9}, auth).status_code == 422
    rated = _post(client, f"{url}/rating", {"score": 4}, auth)
    assert rated.status_code == 200
    assert rated.json()["rating"] == 4
    reopened = _post(client, f"{url}/reopen", {"reasons": "Toujours cassé."}, auth)
    assert reopened.status_code == 200
    assert reopened.json()["state"] == "received"
    again = _post(client, f"{url}/reopen", {"reasons": "Encore."}, auth)
    assert again.status_code == 422


def test_without_a_token_401(client):
    assert client.get(f"{API}/mine").status_code == 401
    assert client.post(API, "{}", content_type="application/json").status_code == 401
