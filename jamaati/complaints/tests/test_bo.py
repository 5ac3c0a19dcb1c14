"""The back office through HTTP: the queue (filters, overdue first), the complaint page with
its photos and location, every action, the counter, 403 for a role that may not, 404 for
another commune's complaint and for someone outside the back office."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.complaints.models import Complaint
from jamaati.complaints.tests.factories import (
    BEN_GUERIR,
    ComplaintCategoryFactory,
    file_complaint,
    png_upload,
)
from jamaati.core.access.roles import Role
from jamaati.core.deadlines.sweep import expire_due_deadlines
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db
BO = "/fr/bo/07.427.01.01/complaints/"


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT)


@pytest.fixture
def complaint(commune_a):
    return file_complaint(
        commune_a,
        CitizenFactory(),
        latitude=BEN_GUERIR[0],
        longitude=BEN_GUERIR[1],
        photos=[png_upload()],
    )


def test_queue_lists_overdue_first_with_filters(staff_client, agent, commune_a):
    citizen = CitizenFactory()
    with time_machine.travel(timezone.now() - timedelta(days=90), tick=False):
        late = file_complaint(commune_a, citizen, text="Ancienne plainte")
    fresh = file_complaint(
        commune_a,
        citizen,
        kind="suggestion",
        category=ComplaintCategoryFactory(code="espaces-verts"),
    )
    expire_due_deadlines(timezone.localdate())
    client = staff_client(agent)
    page = client.get(BO).content.decode()
    assert page.index(late.number) < page.index(fresh.number)
    assert "badge-overdue" in page
    assert fresh.number not in client.get(BO + "?overdue=1").content.decode()
    assert late.number not in client.get(BO + "?kind=suggestion").content.decode()
    assert late.number not in client.get(BO + "?category=espaces-verts").content.decode()
    assert fresh.number not in client.get(BO + f"?number={late.number}").content.decode()
    assert client.get(BO + "?state=bogus&page=x&kind=zz&category=%27").status_code == 200


def test_complaint_page_shows_photo_and_location(staff_client, agent, complaint):
    client = staff_client(agent)
    page = client.get(f"{BO}{complaint.pk}/").content.decode()
    assert complaint.text in page
    assert "openstreetmap.org/?mlat=32.236000" in page
    photo = complaint.photos.get()
    response = client.get(f"{BO}{complaint.pk}/photos/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_answer_action_and_refusal_without_reasons(staff_client, agent, complaint):
    client = staff_client(agent)
    refused = client.post(f"{BO}{complaint.pk}/act/answer/", {"outcome": "resolved", "reasons": ""})
    assert refused.status_code == 200
    assert "error-summary" in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.state == "received"
    done = client.post(
        f"{BO}{complaint.pk}/act/answer/", {"outcome": "resolved", "reasons": "Lampe remplacée."}
    )
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == ("closed", "resolved")


@pytest.mark.parametrize(
    ("action", "data", "state", "outcome"),
    [
        ("request", {"request": "Précisez la rue."}, "awaiting_complainant", ""),
        ("redirect", {"body": "ONEE", "reasons": "Réseau d'eau."}, "closed", "redirected"),
        (
            "exclude",
            {"outcome": "excluded_court", "reasons": "Affaire en justice."},
            "closed",
            "excluded_court",
        ),
    ],
)
def test_other_actions(staff_client, agent, complaint, action, data, state, outcome):
    client = staff_client(agent)
    assert client.post(f"{BO}{complaint.pk}/act/{action}/", data).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == (state, outcome)


def test_transfer_to_the_province(staff_client, agent, complaint):
    client = staff_client(agent)
    bad = client.post(f"{BO}{complaint.pk}/act/transfer/", {"to": "nowhere", "reasons": "x"})
    assert bad.status_code == 200
    response = client.post(
        f"{BO}{complaint.pk}/act/transfer/", {"to": "07.427", "reasons": "Transport provincial."}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.collectivity.code == "07.427"
    assert client.get(f"{BO}{complaint.pk}/").status_code == 404


def test_supervisor_reads_but_may_not_act(staff_client, complaint):
    supervisor = StaffFactory(
        collectivity=Collectivity.objects.get(code="07.427"), role=Role.SUPERVISOR
    )
    client = staff_client(supervisor)
    assert client.get(f"{BO}{complaint.pk}/").status_code == 200
    denied = client.post(f"{BO}{complaint.pk}/act/answer/", {"outcome": "resolved", "reasons": "x"})
    assert denied.status_code == 403
    assert client.get(BO + "counter/").status_code == 403
    complaint.refresh_from_db()
    assert complaint.state == "received"


def test_a_role_without_complaints_is_denied(staff_client, commune_a, complaint):
    officer = StaffFactory(collectivity=commune_a, role=Role.CIVIL_STATUS_OFFICER)
    client = staff_client(officer)
    assert client.get(BO).status_code == 403
    assert client.get(f"{BO}{complaint.pk}/").status_code == 404


def test_another_communes_complaint_answers_404_everywhere(staff_client, commune_b, complaint):
    stranger = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    client = staff_client(stranger)
    photo = complaint.photos.get()
    other = f"/fr/bo/{commune_b.code}/complaints/"
    for url in (
        f"{other}{complaint.pk}/",
        f"{other}{complaint.pk}/photos/{photo.pk}/",
        f"{other}{complaint.pk}/act/answer/",
        f"{BO}{complaint.pk}/",
        f"{BO}",
        f"{BO}counter/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"{other}{complaint.pk}/act/answer/", {"outcome": "resolved", "reasons": "x"}
        ).status_code
        == 404
    )
    complaint.refresh_from_db()
    assert complaint.state == "received"


def test_unknown_action_is_404(staff_client, agent, complaint):
    assert staff_client(agent).post(f"{BO}{complaint.pk}/act/delete/").status_code == 404


def test_counter_filing(staff_client, agent):
    category = ComplaintCategoryFactory()
    client = staff_client(agent)
    assert client.get(BO + "counter/").status_code == 200
    missing = client.post(
        BO + "counter/", {"kind": "complaint", "category": category.code, "text": "Bruit"}
    )
    assert missing.status_code == 200
    assert not Complaint.objects.exists()
    done = client.post(
        BO + "counter/",
        {
            "kind": "complaint",
            "category": category.code,
            "text": "Bruit nocturne du café.",
            "contact_name": "Fatima Zahra",
            "contact_phone": "0612345678",
        },
    )
    complaint = Complaint.objects.get()
    assert done.status_code == 302
    assert complaint.channel == "counter"
    assert complaint.contact_name == "Fatima Zahra"
    assert complaint.filed_by == agent


def test_the_dgct_reads_the_queue_and_the_complaint_but_may_not_answer(staff_client, complaint):
    dgct = StaffFactory(collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN)
    client = staff_client(dgct)
    assert complaint.number in client.get(BO).content.decode()
    assert client.get(f"{BO}{complaint.pk}/").status_code == 200
    denied = client.post(f"{BO}{complaint.pk}/act/request/", {"request": "Précisez"})
    assert denied.status_code == 403
