import pytest
from django.contrib.messages import get_messages

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.calendar.models import HolidayDecision
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db
URL = "/fr/bo/MA/holidays/?year=2026"


@pytest.fixture
def dgct():
    return StaffFactory(collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN)


def test_national_admin_sees_the_years_holidays_with_estimates(staff_client, dgct):
    page = staff_client(dgct).get(URL).content.decode()
    assert "Fête du Trône" in page
    assert "عيد الفطر" in page
    assert "Estimé" in page or "Estimated" in page
    assert 'href="/fr/bo/MA/holidays/" aria-current="page"' in page


def test_moving_an_estimated_holiday_records_the_decision(staff_client, dgct):
    client = staff_client(dgct)
    response = client.post(
        "/fr/bo/MA/holidays/",
        {"action": "move", "year": "2026", "key": "eid-al-fitr-1", "day": "2026-03-21"},
    )
    assert response.status_code == 302
    decision = HolidayDecision.objects.get(key="eid-al-fitr-1")
    assert (str(decision.day), decision.action) == ("2026-03-21", "move")
    assert str(HolidayDecision.objects.get(key="eid-al-fitr-2").day) == "2026-03-22"


def test_a_bad_move_is_explained_and_changes_nothing(staff_client, dgct):
    client = staff_client(dgct)
    response = client.post(
        "/fr/bo/MA/holidays/",
        {"action": "move", "year": "2026", "key": "throne-day-1", "day": "2026-07-31"},
    )
    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)]
    assert not HolidayDecision.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "move", "year": "2026", "key": "eid-al-fitr-1", "day": "not-a-date"},
        {"action": "explode", "year": "2026"},
        {"action": "confirm", "year": "abc", "key": "x" * 500},
    ],
)
def test_malformed_decisions_change_nothing(staff_client, dgct, data):
    response = staff_client(dgct).post("/fr/bo/MA/holidays/", data)
    assert response.status_code == 200
    assert not HolidayDecision.objects.exists()


def test_an_added_day_without_legal_basis_shows_the_field_error(staff_client, dgct):
    response = staff_client(dgct).post(
        "/ar/bo/MA/holidays/",
        {
            "action": "add",
            "year": "2026",
            "add-day": "2026-12-01",
            "add-name_ar": "عطلة",
            "add-name_fr": "Congé",
            "add-legal_basis": "",
        },
    )
    assert response.status_code == 400
    assert 'id="id_add-legal_basis-error"' in response.content.decode()
    assert not HolidayDecision.objects.exists()


def test_holidays_are_not_a_section_of_a_commune(staff_client, dgct, commune_a):
    client = staff_client(dgct)
    assert client.get(f"/fr/bo/{commune_a.code}/holidays/").status_code == 403
    assert "/holidays/" not in client.get(f"/fr/bo/{commune_a.code}/").content.decode()


def test_a_commune_administrator_cannot_reach_the_national_page(staff_client, commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    assert staff_client(admin).get(URL).status_code == 404
    assert not HolidayDecision.objects.exists()


def test_a_national_auditor_sees_403(staff_client):
    auditor = StaffFactory(collectivity=Collectivity.objects.get(code="MA"), role=Role.AUDITOR)
    assert staff_client(auditor).get(URL).status_code == 403
