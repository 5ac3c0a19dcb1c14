"""The applicant's operations: my cases, one of mine, adding documents."""

import pytest
from django.test import override_settings

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.models import Attachment, Case
from jamaati.cases.services import case_request_info
from jamaati.cases.tests.api.conftest import bearer
from jamaati.cases.tests.factories import CaseFactory, MessageFactory, file_case, pdf_upload
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


def _incomplete(version, citizen):
    return file_case(citizen=citizen, version=version, data={"reason": "x"}, documents={})


def test_my_cases_lists_only_mine_newest_first_with_unread_messages(
    client, commune_a, citizen, citizen_auth
):
    older = CaseFactory(collectivity=commune_a, applicant=citizen)
    newer = CaseFactory(collectivity=commune_a, applicant=citizen)
    Case.objects.filter(pk=older.pk).update(filed_at=newer.filed_at.replace(year=2020))
    MessageFactory(collectivity=commune_a, case=newer, from_staff=True)
    CaseFactory(collectivity=commune_a)  # someone else's

    response = client.get("/api/v1/cases/mine", **citizen_auth)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [i["number"] for i in body["items"]] == [newer.number, older.number]
    assert body["items"][0]["unread_messages"] == 1
    assert body["items"][0]["procedure"]["collectivity"] == commune_a.code


def test_one_of_my_cases_shows_timeline_clocks_documents_and_unread(
    client, version, citizen, citizen_auth
):
    case = file_case(citizen=citizen, version=version, data={"reason": "x"})
    MessageFactory(collectivity=case.collectivity, case=case, from_staff=True)

    response = client.get(f"/api/v1/cases/{case.number}", **citizen_auth)

    assert response.status_code == 200
    out = response.json()
    assert out["state"] == "submitted"
    assert [t["name"] for t in out["timeline"]] == ["file_complete"]
    assert out["timeline"][0]["to_state"] == "submitted"
    clock = out["clocks"][0]
    assert (clock["kind"], clock["status"]) == ("decision", "running")
    assert clock["legal_basis"].startswith("Loi 55.19")
    assert clock["days_left"] is not None
    assert len(out["documents"]) == 2
    assert all(d["current"] for d in out["documents"])
    assert out["unread_messages"] == 1


def test_another_persons_case_answers_404(client, commune_a, citizen_auth):
    other = CaseFactory(collectivity=commune_a)

    assert client.get(f"/api/v1/cases/{other.number}", **citizen_auth).status_code == 404
    response = client.post(
        f"/api/v1/cases/{other.number}/documents", {"document_1": pdf_upload()}, **citizen_auth
    )
    assert response.status_code == 404
    assert Attachment.objects.count() == 0


def test_staff_of_the_commune_get_404_on_the_applicants_routes(client, commune_a):
    case = CaseFactory(collectivity=commune_a)
    agent = bearer(StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN))

    assert client.get(f"/api/v1/cases/{case.number}", **agent).status_code == 404


def test_my_routes_answer_401_without_a_token(client, commune_a):
    case = CaseFactory(collectivity=commune_a)

    assert client.get("/api/v1/cases/mine").status_code == 401
    assert client.get(f"/api/v1/cases/{case.number}").status_code == 401
    assert client.post(f"/api/v1/cases/{case.number}/documents").status_code == 401


def test_uploading_the_missing_documents_completes_the_file(client, version, citizen, citizen_auth):
    case = _incomplete(version, citizen)
    files = {f"document_{d.pk}": pdf_upload() for d in version.documents.all()}

    response = client.post(f"/api/v1/cases/{case.number}/documents", files, **citizen_auth)

    assert response.status_code == 200, response.content
    out = response.json()
    assert out["state"] == "submitted"
    assert out["missing_documents"] == []
    assert [t["name"] for t in out["timeline"]] == ["file_incomplete", "complete"]


def test_uploading_one_of_two_keeps_the_file_incomplete(client, version, citizen, citizen_auth):
    case = _incomplete(version, citizen)
    first, second = version.documents.all()

    response = client.post(
        f"/api/v1/cases/{case.number}/documents",
        {f"document_{first.pk}": pdf_upload()},
        **citizen_auth,
    )

    assert response.status_code == 200
    assert response.json()["state"] == "incomplete"
    assert [d["id"] for d in response.json()["missing_documents"]] == [second.pk]


def test_a_file_of_the_wrong_type_answers_422_and_writes_nothing(
    client, version, citizen, citizen_auth
):
    case = _incomplete(version, citizen)
    first, second = version.documents.all()
    files = {
        f"document_{first.pk}": pdf_upload(),
        f"document_{second.pk}": pdf_upload(name="x.pdf", content=b"<html>not a pdf</html>"),
    }

    response = client.post(f"/api/v1/cases/{case.number}/documents", files, **citizen_auth)

    assert response.status_code == 422
    assert f"document_{second.pk}" in response.json()["fields"]
    assert Attachment.objects.count() == 0
    case.refresh_from_db()
    assert case.state == "incomplete"


@override_settings(CASES_MAX_UPLOAD_BYTES=100)
def test_a_file_too_large_answers_422_and_writes_nothing(client, version, citizen, citizen_auth):
    case = _incomplete(version, citizen)
    first = version.documents.first()
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * 500)

    response = client.post(
        f"/api/v1/cases/{case.number}/documents", {f"document_{first.pk}": big}, **citizen_auth
    )

    assert response.status_code == 422
    assert Attachment.objects.count() == 0


def test_a_file_for_a_document_the_procedure_does_not_ask_answers_422(
    client, version, citizen, citizen_auth
):
    case = _incomplete(version, citizen)

    response = client.post(
        f"/api/v1/cases/{case.number}/documents", {"document_999999": pdf_upload()}, **citizen_auth
    )

    assert response.status_code == 422
    assert Attachment.objects.count() == 0


def test_no_file_answers_422(client, version, citizen, citizen_auth):
    case = _incomplete(version, citizen)

    for kwargs in ({}, {"data": "{}", "content_type": "application/json"}):
        response = client.post(f"/api/v1/cases/{case.number}/documents", **kwargs, **citizen_auth)
        assert response.status_code == 422


def test_an_answer_when_nothing_was_asked_answers_422(client, version, citizen, citizen_auth):
    case = file_case(citizen=citizen, version=version, data={"reason": "x"})

    response = client.post(
        f"/api/v1/cases/{case.number}/documents", {"answer": "Voici"}, **citizen_auth
    )

    assert response.status_code == 422
    assert "answer" in response.json()["fields"]


def test_while_awaiting_the_applicant_the_upload_is_the_answer(
    client, commune_a, version, citizen, citizen_auth
):
    case = file_case(citizen=citizen, version=version, data={"reason": "x"})
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    case_request_info(actor=agent, case=case, request="Une copie lisible de la CIN")
    first = version.documents.first()

    response = client.post(
        f"/api/v1/cases/{case.number}/documents",
        {"answer": "Voici la copie", f"document_{first.pk}": pdf_upload()},
        **citizen_auth,
    )

    assert response.status_code == 200, response.content
    out = response.json()
    assert out["state"] == "submitted"
    assert out["timeline"][-1]["name"] == "answer_info"
    assert case.messages.filter(from_staff=False, body="Voici la copie").exists()
    assert sum(1 for d in out["documents"] if not d["current"]) == 1


def test_a_citizen_token_does_not_reach_another_citizens_case_by_number(client, commune_a):
    mine = CitizenFactory()
    case = CaseFactory(collectivity=commune_a, applicant=mine)

    assert client.get(f"/api/v1/cases/{case.number}", **bearer(mine)).status_code == 200
    assert client.get(f"/api/v1/cases/{case.number}", **bearer(CitizenFactory())).status_code == 404


def test_an_answer_with_a_nul_character_answers_422(
    client, commune_a, version, citizen, citizen_auth
):
    case = file_case(citizen=citizen, version=version, data={"reason": "x"})
    case_request_info(
        actor=StaffFactory(collectivity=commune_a, role=Role.AGENT), case=case, request="CIN"
    )

    response = client.post(
        f"/api/v1/cases/{case.number}/documents", {"answer": "a\x00b"}, **citizen_auth
    )

    assert response.status_code == 422
    case.refresh_from_db()
    assert case.state == "awaiting_applicant"


def test_an_accepted_case_shows_the_decision_to_download_and_verify(
    client, commune_a, version, citizen, citizen_auth
):
    from django.urls import reverse
    from django.utils import translation

    from jamaati.cases.services import case_accept

    case = file_case(citizen=citizen, version=version, data={"reason": "x"})
    case_accept(actor=StaffFactory(collectivity=commune_a, role=Role.SIGNATORY), case=case)

    out = client.get(f"/api/v1/cases/{case.number}", **citizen_auth).json()

    assert out["state"] == "accepted"
    decision = next(d for d in out["issued"] if d["kind"] == "case_decision")
    with translation.override("ar"):
        expected = reverse(
            "cases:case-document",
            kwargs={"number": case.number, "verification_code": decision["code"]},
        )
    assert decision["download_url"] == expected
    assert [t["name"] for t in out["timeline"]] == ["file_complete", "accept"]
