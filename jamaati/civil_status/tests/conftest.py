"""Fixtures of the civil-status tests: the offices of Ben Guerir and Fès, their officers, the
president, a citizen, a hospital, and helpers that register and sign through the services."""

from datetime import date

import pytest

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.civil_status.services import act_register_birth, act_sign
from jamaati.civil_status.tests.factories import FacilityFactory, OfficeFactory
from jamaati.core.access.roles import Role


def birth_data(**overrides):
    """A complete birth declaration by the father, born on 2 March 2026."""
    data = {
        "first_name_ar": "يوسف",
        "family_name_ar": "العمراني",
        "first_name_lat": "Youssef",
        "family_name_lat": "El Amrani",
        "first_name_tfng": "ⵢⵓⵙⵙⴼ",
        "family_name_tfng": "",
        "sex": "m",
        "event_on": "2026-03-02",
        "event_place": "Ben Guerir",
        "father_name_ar": "أحمد العمراني",
        "father_name_lat": "Ahmed El Amrani",
        "mother_name_ar": "مريم بناني",
        "mother_name_lat": "Meryem Bennani",
        "declarant_name": "Ahmed El Amrani",
        "declarant_relation": "father",
    }
    data.update(overrides)
    return data


def death_data(**overrides):
    data = {
        "first_name_ar": "عائشة",
        "family_name_ar": "الفاسي",
        "first_name_lat": "Aicha",
        "family_name_lat": "El Fassi",
        "sex": "f",
        "born_on": "1940-01-15",
        "event_on": "2026-03-02",
        "event_place": "Ben Guerir",
        "declarant_name": "Karim El Fassi",
        "declarant_relation": "child",
    }
    data.update(overrides)
    return data


def register_birth(officer, office, *, on=date(2026, 3, 10), **overrides):
    return act_register_birth(actor=officer, office=office, data=birth_data(**overrides), on=on)


def signed_birth(officer, office, **overrides):
    return act_sign(actor=officer, act=register_birth(officer, office, **overrides))


@pytest.fixture
def office_a(commune_a):
    return OfficeFactory(collectivity=commune_a)


@pytest.fixture
def office_b(commune_b):
    return OfficeFactory(collectivity=commune_b)


@pytest.fixture
def officer(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.CIVIL_STATUS_OFFICER, password=None)


@pytest.fixture
def president(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.SIGNATORY, password=None)


@pytest.fixture
def officer_b(commune_b, office_b):
    """An officer of the Fès office (a commune with its office, as offices_sync opens them)."""
    return StaffFactory(collectivity=commune_b, role=Role.CIVIL_STATUS_OFFICER, password=None)


@pytest.fixture
def agent(commune_a):
    """Staff of the commune who is not a civil-status officer."""
    return StaffFactory(collectivity=commune_a, role=Role.AGENT, password=None)


@pytest.fixture
def citizen(db):
    return CitizenFactory(password=None)


@pytest.fixture
def hospital_account(db):
    return CitizenFactory(password=None, username="hopital.benguerir")


@pytest.fixture
def hospital(commune_a, hospital_account):
    return FacilityFactory(collectivity=commune_a, accounts=[hospital_account])


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages in English in the tests."""
    from django.utils import translation

    with translation.override("en"):
        yield
