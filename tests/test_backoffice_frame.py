import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role


@pytest.mark.django_db
def test_staff_client_reaches_own_backoffice(staff_client, commune_a):
    user = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    response = staff_client(user).get(f"/ar/bo/{commune_a.code}/")
    assert response.status_code == 200
