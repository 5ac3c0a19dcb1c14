"""Test foundation shared by every app: the real territory in the test database, and clients."""

import os

os.environ.setdefault("JAMAATI_ENV", "development")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    """The test database, migrated, with the whole territory loaded once for the session."""
    from jamaati.core.tenancy.territory import sync_territory

    with django_db_blocker.unblock():
        sync_territory()


@pytest.fixture
def territory(django_db_blocker):  # noqa: ANN001, ANN201
    """The territory, reloaded when a transactional test's flush removed it."""
    from jamaati.core.tenancy.models import Collectivity
    from jamaati.core.tenancy.territory import sync_territory

    if not Collectivity.objects.exists():
        sync_territory()
    return Collectivity.objects


@pytest.fixture
def commune_a(db):  # noqa: ANN001, ANN201
    """Ben Guerir (province of Rehamna), the demo commune."""
    from jamaati.core.tenancy.models import Collectivity

    return Collectivity.objects.get(code="07.427.01.01")


@pytest.fixture
def commune_b(db):  # noqa: ANN001, ANN201
    """Another commune in another province (Fès), for other-commune cases."""
    from jamaati.core.tenancy.models import Collectivity

    return Collectivity.objects.get(code="03.231.01.0")


@pytest.fixture
def staff_client(client):  # noqa: ANN001, ANN201
    """`staff_client(user)`: the test client signed in as `user` with the second factor passed."""
    from jamaati.accounts.tests.factories import verified_login

    def login(user):  # noqa: ANN001, ANN202
        verified_login(client, user)
        return client

    return login
