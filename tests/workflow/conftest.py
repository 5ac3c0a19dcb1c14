"""People and a clock for the workflow engine's tests (the dossiers come from DossierFactory)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role

CASABLANCA = ZoneInfo("Africa/Casablanca")


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT)


@pytest.fixture
def signatory(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.SIGNATORY)


@pytest.fixture
def today(time_machine):
    """`today(date(2026, 4, 30))`: the clock stands at 10:00 that day in Casablanca."""

    def move(day: date) -> date:
        time_machine.move_to(datetime.combine(day, time(10), tzinfo=CASABLANCA), tick=False)
        return day

    return move


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the language they are written in."""
    with translation.override("en"):
        yield
