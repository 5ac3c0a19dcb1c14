"""Bulk assignment from the queue: to an agent of the collectivity or to nobody; a non-agent
or a case of another commune refuses the whole batch, nothing written."""

import pytest
from django.urls import reverse

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.models import Case
from jamaati.cases.tests.factories import CaseFactory
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


def assign_url(commune):
    return reverse("bo:case-assign", kwargs={"code": commune.code})


@pytest.fixture
def cases(commune_a):
    return CaseFactory.create_batch(3, collectivity=commune_a)


def assignees(cases):
    return [Case.objects.get(pk=c.pk).assignee_id for c in cases]


def test_assign_selected_cases_to_an_agent(staff_client, agent, commune_a, cases):
    colleague = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    response = staff_client(agent).post(
        assign_url(commune_a),
        {"cases": [cases[0].pk, cases[1].pk], "assignee": colleague.pk, "back": "due=overdue"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/cases/?due=overdue")
    assert assignees(cases) == [colleague.pk, colleague.pk, None]


def test_unassign(staff_client, agent, commune_a, cases):
    Case.objects.filter(pk=cases[0].pk).update(assignee=agent)
    staff_client(agent).post(assign_url(commune_a), {"cases": [cases[0].pk], "assignee": "none"})
    assert assignees(cases) == [None, None, None]


def test_assigning_to_a_citizen_is_refused(staff_client, agent, commune_a, cases):
    citizen = CitizenFactory()
    client = staff_client(agent)
    response = client.post(assign_url(commune_a), {"cases": [cases[0].pk], "assignee": citizen.pk})
    assert response.status_code == 302
    assert assignees(cases) == [None, None, None]
    page = client.get(response["Location"])
    assert len(list(page.context["messages"])) == 1


def test_assigning_to_an_agent_of_another_commune_is_refused(
    staff_client, agent, agent_b, commune_a, cases
):
    staff_client(agent).post(
        assign_url(commune_a), {"cases": [cases[0].pk], "assignee": agent_b.pk}
    )
    assert assignees(cases) == [None, None, None]


def test_a_case_of_another_commune_refuses_the_whole_batch(
    staff_client, agent, commune_a, commune_b, cases
):
    other = CaseFactory(collectivity=commune_b)
    staff_client(agent).post(
        assign_url(commune_a), {"cases": [cases[0].pk, other.pk], "assignee": agent.pk}
    )
    assert assignees([*cases, other]) == [None, None, None, None]


@pytest.mark.parametrize("ids", [[], ["abc"], ["-1"], ["99999999999999999999"]])
def test_bad_ids_write_nothing(staff_client, agent, commune_a, cases, ids):
    response = staff_client(agent).post(assign_url(commune_a), {"cases": ids, "assignee": agent.pk})
    assert response.status_code == 302
    assert assignees(cases) == [None, None, None]


def test_back_never_leaves_the_site(staff_client, agent, commune_a, cases):
    response = staff_client(agent).post(
        assign_url(commune_a),
        {"cases": [cases[0].pk], "assignee": "none", "back": "//evil.example/"},
    )
    assert response["Location"].endswith(f"/bo/{commune_a.code}/cases/")


def test_assign_in_another_commune_is_404(staff_client, agent, commune_b):
    other = CaseFactory(collectivity=commune_b)
    response = staff_client(agent).post(
        assign_url(commune_b), {"cases": [other.pk], "assignee": agent.pk}
    )
    assert response.status_code == 404
    assert assignees([other]) == [None]


def test_an_auditor_cannot_assign(staff_client, commune_a, cases):
    auditor = StaffFactory(collectivity=commune_a, role=Role.AUDITOR)
    response = staff_client(auditor).post(
        assign_url(commune_a), {"cases": [cases[0].pk], "assignee": "none"}
    )
    assert response.status_code == 403
