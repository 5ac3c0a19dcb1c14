import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT, first_name="Karim")


@pytest.fixture
def officer(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.INFORMATION_OFFICER)


@pytest.fixture
def signatory(commune_a):
    """Staff of the commune without a role on the register: 403."""
    return StaffFactory(collectivity=commune_a, role=Role.SIGNATORY)


@pytest.fixture
def agent_b(commune_b):
    return StaffFactory(collectivity=commune_b, role=Role.AGENT)
