import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import COUNTRY_CODE, Collectivity


@pytest.fixture
def morocco(db):
    return Collectivity.objects.get(code=COUNTRY_CODE)


@pytest.fixture
def dgct(morocco):
    return StaffFactory(collectivity=morocco, role=Role.NATIONAL_ADMIN)


@pytest.fixture
def admin_a(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
