"""POST /api/v1/cases: JSON and multipart filing, validation, Idempotency-Key."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from jamaati.cases.models import Attachment, Case, IdempotencyKey
from jamaati.cases.tests.factories import PNG_BYTES, pdf_upload, version_in
from jamaati.catalogue.tests.factories import published_version

pytestmark = pytest.mark.django_db

URL = "/api/v1/cases"


def _post_json(client, body, auth, **extra):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **auth, **extra)


def test_json_filing_without_documents_files_an_incomplete_case_listing_what_is_missing(
    client, version, citizen, citizen_auth
):
    body = {"procedure_id": version.procedure_id, "data": {"reason": "Travail"}}

    response = _post_json(client, body, citizen_auth)

    assert response.status_code == 201, response.content
    out = response.json()
    case = Case.objects.get()
    assert out["number"] == case.number
    assert case.applicant == citizen
    assert case.channel == "api"
    assert out["state"] == "incomplete"
    assert out["procedure"] == {
        "id": version.procedure_id,
        "collectivity": version.collectivity.code,
        "name_ar": version.name_ar,
        "name_fr": version.name_fr,
        "version": 1,
    }
    expected = sorted(d.pk for d in version.documents.all())
    assert sorted(d["id"] for d in out["missing_documents"]) == expected
    assert out["completion_due_on"] is not None
    with translation.override("ar"):
        assert out["receipt"] == {
            "html": reverse("cases:case-receipt", kwargs={"number": case.number}),
            "pdf": reverse("cases:case-receipt-pdf", kwargs={"number": case.number}),
        }


def test_multipart_filing_with_every_document_files_a_complete_case(client, version, citizen_auth):
    payload = {"procedure_id": version.procedure_id, "data": {"reason": "Travail"}}
    files = {f"document_{d.pk}": pdf_upload() for d in version.documents.all()}

    response = client.post(URL, {"payload": json.dumps(payload), **files}, **citizen_auth)

    assert response.status_code == 201, response.content
    out = response.json()
    assert out["state"] == "submitted"
    assert out["missing_documents"] == []
    assert out["completion_due_on"] is None
    assert Attachment.objects.filter(case__number=out["number"]).count() == 2


def test_filing_for_a_business_keeps_its_name_and_ice(client, version, citizen_auth):
    body = {
        "procedure_id": version.procedure_id,
        "data": {"reason": "x"},
        "applicant": {"kind": "business", "business_name": "Atlas SARL", "business_ice": "1" * 15},
    }

    assert _post_json(client, body, citizen_auth).status_code == 201

    case = Case.objects.get()
    assert (case.applicant_kind, case.business_name) == ("business", "Atlas SARL")


def test_missing_required_answer_answers_422_by_field_and_files_nothing(
    client, version, citizen_auth
):
    response = _post_json(client, {"procedure_id": version.procedure_id, "data": {}}, citizen_auth)

    assert response.status_code == 422
    assert "reason" in response.json()["fields"]
    assert Case.objects.count() == 0


def test_bad_business_ice_answers_422_and_files_nothing(client, version, citizen_auth):
    body = {
        "procedure_id": version.procedure_id,
        "data": {"reason": "x"},
        "applicant": {"kind": "business", "business_name": "Atlas", "business_ice": "12"},
    }

    response = _post_json(client, body, citizen_auth)

    assert response.status_code == 422
    assert "business_ice" in response.json()["fields"]
    assert Case.objects.count() == 0


def test_a_file_of_the_wrong_type_answers_422_and_files_nothing(client, version, citizen_auth):
    payload = {"procedure_id": version.procedure_id, "data": {"reason": "x"}}
    first = version.documents.first()
    bad = pdf_upload(name="virus.pdf", content=b"MZ\x90\x00 not a pdf at all")

    response = client.post(
        URL, {"payload": json.dumps(payload), f"document_{first.pk}": bad}, **citizen_auth
    )

    assert response.status_code == 422
    assert f"document_{first.pk}" in response.json()["fields"]
    assert Case.objects.count() == 0
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"",
        b'{"procedure_id": "abc"}',
        b'{"procedure_id": 0}',
        b'{"procedure_id": 99999999999999999999999}',
        b'{"procedure_id": 1, "data": []}',
        b'{"procedure_id": 1, "applicant": {"kind": "robot"}}',
    ],
)
def test_malformed_bodies_answer_422(client, citizen_auth, body):
    response = client.post(URL, data=body, content_type="application/json", **citizen_auth)

    assert response.status_code == 422
    assert Case.objects.count() == 0


def test_unknown_template_and_offline_procedures_answer_422(client, commune_a, citizen_auth):
    offline = version_in(commune_a, documents=0, is_online=False)
    template = published_version(is_online=True)  # a national model (country level)

    for procedure_id in (offline.procedure_id, template.procedure_id, 10**9):
        response = _post_json(client, {"procedure_id": procedure_id, "data": {}}, citizen_auth)
        assert response.status_code == 422, procedure_id
    assert Case.objects.count() == 0


def test_idempotency_key_retry_returns_the_first_case_and_files_one(client, version, citizen_auth):
    body = {"procedure_id": version.procedure_id, "data": {"reason": "Travail"}}
    key = {"HTTP_IDEMPOTENCY_KEY": "retry-1"}

    first = _post_json(client, body, citizen_auth, **key)
    second = _post_json(client, body, citizen_auth, **key)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["number"] == second.json()["number"]
    assert Case.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_two_identical_posts_without_a_key_file_two_cases(client, version, citizen_auth):
    body = {"procedure_id": version.procedure_id, "data": {"reason": "Travail"}}

    numbers = {_post_json(client, body, citizen_auth).json()["number"] for _ in range(2)}

    assert len(numbers) == 2
    assert Case.objects.count() == 2


def test_idempotency_key_reused_with_another_body_answers_422_with_the_message(
    client, version, citizen_auth
):
    key = {"HTTP_IDEMPOTENCY_KEY": "retry-2", "HTTP_ACCEPT_LANGUAGE": "fr"}
    _post_json(
        client, {"procedure_id": version.procedure_id, "data": {"reason": "A"}}, citizen_auth, **key
    )

    response = _post_json(
        client, {"procedure_id": version.procedure_id, "data": {"reason": "B"}}, citizen_auth, **key
    )

    assert response.status_code == 422
    with translation.override("fr"):
        expected = translation.gettext(
            "This Idempotency-Key was already used for a different request."
        )
    assert expected in response.json()["errors"]
    assert Case.objects.count() == 1


def test_an_overlong_idempotency_key_answers_422(client, version, citizen_auth):
    body = {"procedure_id": version.procedure_id, "data": {"reason": "A"}}

    response = _post_json(client, body, citizen_auth, HTTP_IDEMPOTENCY_KEY="k" * 121)

    assert response.status_code == 422
    assert Case.objects.count() == 0


def test_the_same_key_of_two_people_files_two_cases(client, version, citizen_auth):
    from jamaati.accounts.tests.factories import CitizenFactory
    from jamaati.cases.tests.api.conftest import bearer

    body = {"procedure_id": version.procedure_id, "data": {"reason": "A"}}
    key = {"HTTP_IDEMPOTENCY_KEY": "same"}

    a = _post_json(client, body, citizen_auth, **key)
    b = _post_json(client, body, bearer(CitizenFactory()), **key)

    assert (a.status_code, b.status_code) == (201, 201)
    assert Case.objects.count() == 2


def test_filing_without_a_token_answers_401(client, version):
    body = {"procedure_id": version.procedure_id, "data": {"reason": "A"}}

    for auth in ({}, {"HTTP_AUTHORIZATION": "Bearer nope"}):
        assert _post_json(client, body, auth).status_code == 401
    assert Case.objects.count() == 0


def test_a_png_is_accepted_as_a_document(client, commune_a, citizen_auth):
    from django.core.files.uploadedfile import SimpleUploadedFile

    version = version_in(commune_a, documents=1)
    doc = version.documents.get()
    payload = {"procedure_id": version.procedure_id}
    photo = SimpleUploadedFile("scan.png", PNG_BYTES, content_type="image/png")

    response = client.post(
        URL, {"payload": json.dumps(payload), f"document_{doc.pk}": photo}, **citizen_auth
    )

    assert response.status_code == 201, response.content
    assert response.json()["state"] == "submitted"


@pytest.mark.parametrize(
    "data",
    [{"reason": {"x": [1]}}, {"reason": None}, {"reason": "x" * 100_000}, {"\u202e": "\x00"}],
)
def test_odd_answers_never_answer_500(client, version, citizen_auth, data):
    response = _post_json(
        client, {"procedure_id": version.procedure_id, "data": data}, citizen_auth
    )

    assert response.status_code in (201, 400, 422), response.content


def test_a_nul_character_in_a_multipart_payload_never_answers_500(client, version, citizen_auth):
    payload = {
        "procedure_id": version.procedure_id,
        "data": {"reason": "ok"},
        "applicant": {"kind": "business", "business_name": "a\x00b", "business_ice": "1" * 15},
    }

    response = client.post(URL, {"payload": json.dumps(payload)}, **citizen_auth)

    assert response.status_code in (400, 422), response.content
    assert Case.objects.count() == 0


def test_a_file_name_with_a_nul_character_never_answers_500(client, version, citizen_auth):
    payload = {"procedure_id": version.procedure_id, "data": {"reason": "ok"}}
    first = version.documents.first()

    response = client.post(
        URL,
        {"payload": json.dumps(payload), f"document_{first.pk}": pdf_upload(name="a\x00b.pdf")},
        **citizen_auth,
    )

    assert response.status_code < 500, response.content


def test_a_non_printable_idempotency_key_answers_422(client, version, citizen_auth):
    body = {"procedure_id": version.procedure_id, "data": {"reason": "A"}}

    response = _post_json(client, body, citizen_auth, HTTP_IDEMPOTENCY_KEY="k\x01")

    assert response.status_code == 422
    assert Case.objects.count() == 0
