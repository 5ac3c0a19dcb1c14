"""Fixtures shared by every council test: a seated council of Ben Guerir, its secretariat, the
president, the governor's office of the province of Rehamna, another commune's secretary and a
citizen. Messages are in English in the tests (pages choose their language by URL)."""

import pytest

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity
from jamaati.council.tests.factories import council_of

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "rapport.pdf", content: bytes = PDF_BYTES):
    """An uploaded PDF, as a form would send it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def said(lang: str, msgid: str, **params) -> str:
    """A message of the code as a page in `lang` shows it: translated, its dates written in
    that language ("j F Y", as the services write them), HTML-escaped."""
    from datetime import date

    from django.utils import translation
    from django.utils.formats import date_format
    from django.utils.html import escape

    with translation.override(lang):
        values = {
            k: date_format(v, "j F Y") if isinstance(v, date) else v for k, v in params.items()
        }
        return escape(translation.gettext(msgid) % values if values else translation.gettext(msgid))


@pytest.fixture
def council(commune_a):
    """The council of Ben Guerir: 11 members in office since 2021, [0] president, [1] secretary."""
    return council_of(commune_a, 11)


@pytest.fixture
def council_b(commune_b):
    """The council of the other commune (Fès), 11 members."""
    return council_of(commune_b, 11)


@pytest.fixture
def secretary(commune_a):
    """The council's secretariat at Ben Guerir (role COUNCIL_SECRETARY)."""
    return StaffFactory(collectivity=commune_a, role=Role.COUNCIL_SECRETARY, password=None)


@pytest.fixture
def president_user(commune_a):
    """The president of the council of Ben Guerir (role SIGNATORY)."""
    return StaffFactory(
        collectivity=commune_a, role=Role.SIGNATORY, first_name="Saida", password=None
    )


@pytest.fixture
def governor(commune_a):
    """The governor's office: SUPERVISOR at the province of Rehamna (07.427)."""
    province = Collectivity.objects.get(pk=commune_a.parent_id)
    return StaffFactory(collectivity=province, role=Role.SUPERVISOR, password=None)


@pytest.fixture
def other_secretary(commune_b):
    """The council secretary of the other commune (Fès): Ben Guerir's council is out of reach."""
    return StaffFactory(collectivity=commune_b, role=Role.COUNCIL_SECRETARY, password=None)


@pytest.fixture
def agent(commune_a):
    """Staff of Ben Guerir without a council role."""
    return StaffFactory(collectivity=commune_a, role=Role.AGENT, password=None)


@pytest.fixture
def citizen(db):
    """A signed-up citizen with no role."""
    return CitizenFactory(password=None)


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages in English in the tests."""
    from django.utils import translation

    with translation.override("en"):
        yield
