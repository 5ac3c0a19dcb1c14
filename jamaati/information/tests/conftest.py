"""Fixtures of the information tests: people of Ben Guerir by role, another commune's
officer, a citizen, and `file_request()` to file a request on a given day."""

from datetime import date

import pytest
import time_machine

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.information.services import request_file

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "budget.pdf", content: bytes = PDF_BYTES):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def filing_data(**overrides):
    data = {
        "name": "Amina Benali",
        "id_kind": "cin",
        "id_number": "AB123456",
        "address": "12 rue des Orangers, Ben Guerir",
        "email": "amina@example.ma",
        "sought": "Le budget communal de l'exercice 2025 et son exécution",
        "preferred_form": "file",
        "is_urgent": False,
        "urgency_reason": "",
    }
    data.update(overrides)
    return data


def file_request(citizen, collectivity, *, on: date | None = None, **overrides):
    """A request filed online by `citizen` (on day `on`, today when None)."""
    if on is None:
        return request_file(actor=citizen, collectivity=collectivity, data=filing_data(**overrides))
    with time_machine.travel(on, tick=False):
        return request_file(actor=citizen, collectivity=collectivity, data=filing_data(**overrides))


# Users get an unusable password (no Argon2 hashing: the tests sign in with force_login).


@pytest.fixture
def citizen(db):
    return CitizenFactory(cin="AB123456", password=None)


@pytest.fixture
def officer(commune_a):
    return StaffFactory(
        collectivity=commune_a, role=Role.INFORMATION_OFFICER, first_name="Nadia", password=None
    )


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT, password=None)


@pytest.fixture
def president(commune_a):
    return StaffFactory(
        collectivity=commune_a, role=Role.SIGNATORY, first_name="Saida", password=None
    )


@pytest.fixture
def supervisor(commune_a):
    province = Collectivity.objects.get(pk=commune_a.parent_id)
    return StaffFactory(collectivity=province, role=Role.SUPERVISOR, password=None)


@pytest.fixture
def officer_b(commune_b):
    return StaffFactory(collectivity=commune_b, role=Role.INFORMATION_OFFICER, password=None)


@pytest.fixture
def civil_status(commune_a):
    """Staff of the commune without a role in information requests."""
    return StaffFactory(collectivity=commune_a, role=Role.CIVIL_STATUS_OFFICER, password=None)


@pytest.fixture
def filed(citizen, commune_a):
    return file_request(citizen, commune_a)


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages in English in the tests (pages choose their language by URL)."""
    from django.utils import translation

    with translation.override("en"):
        yield
