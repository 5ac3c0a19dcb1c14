import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role


@pytest.mark.django_db
def test_staff_client_reaches_own_backoffice(staff_client, commune_a):
    user = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    response = staff_client(user).get(f"/ar/bo/{commune_a.code}/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_frame_shows_the_staff_section_to_an_administrator_only(staff_client, commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    page = staff_client(admin).get(f"/fr/bo/{commune_a.code}/").content.decode()
    assert f'href="/fr/bo/{commune_a.code}/staff/"' in page


@pytest.mark.django_db
def test_frame_hides_the_staff_section_from_an_agent(client, commune_a):
    from jamaati.accounts.tests.factories import verified_login

    verified_login(client, StaffFactory(collectivity=commune_a, role=Role.AGENT))
    page = client.get(f"/fr/bo/{commune_a.code}/").content.decode()
    assert "/staff/" not in page


@pytest.mark.django_db
def test_staff_section_is_marked_current_on_its_pages(staff_client, commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    page = staff_client(admin).get(f"/fr/bo/{commune_a.code}/staff/").content.decode()
    assert f'href="/fr/bo/{commune_a.code}/staff/" aria-current="page"' in page
