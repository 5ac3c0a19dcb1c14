"""The staff's operations: the queue, one case, transitions."""

import json

import pytest
from django.utils import translation

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.cases.models import Case
from jamaati.cases.services import case_answer_info
from jamaati.cases.tests.api.conftest import bearer
from jamaati.cases.tests.factories import CaseFactory, file_case
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


def _act(client, case, auth, name, data=None, **extra):
    return client.post(
        f"/api/v1/cases/staff/{case.pk}/transitions",
        data=json.dumps({"name": name, "data": data or {}}),
        content_type="application/json",
        **auth,
        **extra,
    )


@pytest.fixture
def filed(version, citizen):
    return file_case(citizen=citizen, version=version, data={"reason": "x"})


def test_queue_lists_the_communes_open_cases_by_due_date(client, commune_a, commune_b, agent_auth):
    late = CaseFactory(collectivity=commune_a)
    Case.objects.filter(pk=late.pk).update(due_on=late.due_on.replace(year=2020))
    soon = CaseFactory(collectivity=commune_a)
    CaseFactory(collectivity=commune_a, state="accepted")  # closed
    CaseFactory(collectivity=commune_b)

    response = client.get("/api/v1/cases/queue", {"collectivity": commune_a.code}, **agent_auth)

    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["number"] for i in items] == [late.number, soon.number]
    assert items[0]["overdue"] is True
    assert items[0]["applicant"] == "Amina Benali"


def test_queue_filters_by_due_and_search(client, commune_a, agent_auth):
    late = CaseFactory(collectivity=commune_a)
    Case.objects.filter(pk=late.pk).update(due_on=late.due_on.replace(year=2020))
    CaseFactory(collectivity=commune_a)

    overdue = client.get(
        "/api/v1/cases/queue", {"collectivity": commune_a.code, "due": "overdue"}, **agent_auth
    ).json()["items"]
    searched = client.get(
        "/api/v1/cases/queue", {"collectivity": commune_a.code, "q": late.number}, **agent_auth
    ).json()["items"]

    assert [i["number"] for i in overdue] == [late.number]
    assert [i["number"] for i in searched] == [late.number]


def test_queue_of_another_commune_answers_404(client, commune_b, agent_auth, citizen_auth):
    CaseFactory(collectivity=commune_b)

    for auth in (agent_auth, citizen_auth):
        response = client.get("/api/v1/cases/queue", {"collectivity": commune_b.code}, **auth)
        assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"collectivity": "x" * 50},
        {"collectivity": "07.427.01.01", "state": "nope"},
        {"collectivity": "07.427.01.01", "due": "soon"},
        {"collectivity": "07.427.01.01", "assignee": "someone"},
        {"collectivity": "07.427.01.01", "procedure": "abc"},
        {"collectivity": "07.427.01.01", "limit": "0"},
    ],
)
def test_queue_answers_422_when_parameters_are_bad(client, agent_auth, params):
    assert client.get("/api/v1/cases/queue", params, **agent_auth).status_code == 422


def test_staff_case_shows_the_file_with_the_applicant(client, filed, agent_auth):
    response = client.get(f"/api/v1/cases/staff/{filed.pk}", **agent_auth)

    assert response.status_code == 200
    out = response.json()
    assert out["number"] == filed.number
    assert out["applicant_name"] == filed.applicant_name
    assert out["answers"] == {"reason": "x"}
    assert out["clocks"][0]["kind"] == "decision"


def test_staff_case_of_another_commune_or_missing_answers_404(
    client, commune_b, agent_auth, citizen_auth
):
    other = CaseFactory(collectivity=commune_b)

    assert client.get(f"/api/v1/cases/staff/{other.pk}", **agent_auth).status_code == 404
    assert client.get("/api/v1/cases/staff/999999999", **agent_auth).status_code == 404
    assert client.get(f"/api/v1/cases/staff/{other.pk}", **citizen_auth).status_code == 404
    assert _act(client, other, agent_auth, "request_info", {"request": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.state == "submitted"


def test_the_applicant_cannot_use_the_staff_routes_on_their_own_case(client, filed, citizen_auth):
    assert client.get(f"/api/v1/cases/staff/{filed.pk}", **citizen_auth).status_code == 404
    assert _act(client, filed, citizen_auth, "withdraw").status_code == 404


def test_request_info_then_a_second_one_answers_422_with_the_message(
    client, filed, citizen, agent_auth
):
    first = _act(client, filed, agent_auth, "request_info", {"request": "La CIN lisible"})
    assert first.status_code == 200, first.content
    assert first.json()["state"] == "awaiting_applicant"
    case_answer_info(actor=citizen, case=filed, answer="Voilà", files={})

    second = _act(
        client, filed, agent_auth, "request_info", {"request": "Encore"}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert second.status_code == 422
    with translation.override("fr"):
        expected = translation.gettext(
            "The “%(kind)s” delay can be suspended only %(count)s time(s)."
        ) % {"kind": "decision", "count": 1}
    assert second.json()["errors"] == [expected]
    assert second.json()["fields"] == {"__all__": [expected]}
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_request_info_without_saying_what_answers_422_with_the_guards_message(
    client, filed, agent_auth
):
    response = _act(client, filed, agent_auth, "request_info", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 422
    with translation.override("fr"):
        expected = translation.gettext(
            "Say which document must be replaced or which information is needed."
        )
    assert response.json()["errors"] == [expected]
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_an_agent_may_not_accept_403(client, filed, agent_auth):
    response = _act(client, filed, agent_auth, "accept")

    assert response.status_code == 403
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_the_signatory_accepts_and_the_decision_is_issued(client, filed, signatory_auth):
    response = _act(client, filed, signatory_auth, "accept")

    assert response.status_code == 200, response.content
    out = response.json()
    assert out["state"] == "accepted"
    assert [d["kind"] for d in out["issued"]] == ["case_decision"]
    issued = out["issued"][0]
    assert issued["code"]
    assert issued["verify_url"].endswith(f"/{issued['code']}/")
    assert issued["download_url"] is None  # the staff's view has no applicant download


def test_refusal_needs_reasons_and_basis(client, filed, signatory_auth):
    assert _act(client, filed, signatory_auth, "refuse", {"reasons": "x"}).status_code == 422

    response = _act(
        client,
        filed,
        signatory_auth,
        "refuse",
        {"reasons": "Zone non constructible", "legal_basis": "Loi 12.90"},
    )

    assert response.status_code == 200
    assert response.json()["state"] == "refused"


def test_unknown_action_or_input_answers_422(client, filed, agent_auth):
    assert _act(client, filed, agent_auth, "teleport").status_code == 422
    response = _act(client, filed, agent_auth, "request_info", {"request": "x", "actor": "y"})
    assert response.status_code == 422
    assert response.json()["fields"]["__all__"]
    filed.refresh_from_db()
    assert filed.state == "submitted"


@pytest.mark.parametrize(
    "body",
    [b"", b"{not json", b'{"name": 3}', b'{"name": "accept", "data": {"x": {"y": 1}}}', b"[]"],
)
def test_malformed_transition_bodies_answer_422(client, filed, agent_auth, body):
    response = client.post(
        f"/api/v1/cases/staff/{filed.pk}/transitions",
        data=body,
        content_type="application/json",
        **agent_auth,
    )

    assert response.status_code == 422


def test_clock_only_transitions_are_refused_to_staff(client, filed, commune_a):
    admin = bearer(StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN))

    # Not an action a person may ask for: refused as unknown (422), nothing written.
    assert _act(client, filed, admin, "deem_accept").status_code == 422
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_staff_routes_answer_401_without_a_token(client, filed):
    assert client.get(f"/api/v1/cases/staff/{filed.pk}").status_code == 401
    assert client.get("/api/v1/cases/queue", {"collectivity": "07.427.01.01"}).status_code == 401
    assert _act(client, filed, {}, "accept").status_code == 401
