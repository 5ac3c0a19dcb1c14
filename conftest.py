"""Test foundation shared by every app: the real territory in the test database, and clients."""

import os

os.environ.setdefault("JAMAATI_ENV", "development")

import pytest

# The browser fixtures (one Chromium per session, the live server, pages), for every app.
pytest_plugins = ["jamaati.web.tests.browser_fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the whole territory loaded once for the session."""
    from jamaati.core.tenancy.territory import sync_territory

    with django_db_blocker.unblock():
        sync_territory()


@pytest.fixture
def territory(django_db_blocker):
    """The territory, reloaded when a transactional test's flush removed it."""
    from jamaati.core.tenancy.models import Collectivity
    from jamaati.core.tenancy.territory import sync_territory

    if not Collectivity.objects.exists():
        sync_territory()
    return Collectivity.objects


@pytest.fixture
def commune_a(db):
    """Ben Guerir (province of Rehamna), the demo commune."""
    from jamaati.core.tenancy.models import Collectivity

    return Collectivity.objects.get(code="07.427.01.01")


@pytest.fixture
def commune_b(db):
    """Another commune in another province (Fès), for other-commune cases."""
    from jamaati.core.tenancy.models import Collectivity

    return Collectivity.objects.get(code="03.231.01.0")


@pytest.fixture
def staff_client(client):
    """`staff_client(user)`: the test client signed in as `user` with the second factor passed."""
    from jamaati.accounts.tests.factories import verified_login

    def login(user):
        verified_login(client, user)
        return client

    return login


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests were skipped because Chromium is missing."""
    reason = "chromium is not installed"
    skipped = terminalreporter.stats.get("skipped", [])
    count = sum(1 for report in skipped if reason in str(getattr(report, "longrepr", "")))
    if count:
        terminalreporter.write_line(
            f"{count} browser tests NOT RUN: {reason} (apt-get install chromium)",
            yellow=True,
            bold=True,
        )
