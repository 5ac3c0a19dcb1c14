"""Helpers for the cases API tests: tokens, a procedure with a form and two documents."""

import pytest

from jamaati.accounts.services import token_create
from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.tests.factories import version_in
from jamaati.core.access.roles import Role

FORM = [
    {"name": "reason", "type": "text", "label_ar": "السبب", "label_fr": "Motif", "required": True}
]


def bearer(user) -> dict:
    """Client keyword arguments carrying a fresh token of `user`."""
    _token, secret = token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def version(commune_a):
    """Published and online in commune A: a required `reason`, two mandatory documents."""
    return version_in(commune_a, documents=2, form_schema=FORM)


@pytest.fixture
def citizen():
    return CitizenFactory()


@pytest.fixture
def citizen_auth(citizen):
    return bearer(citizen)


@pytest.fixture
def agent_auth(commune_a):
    return bearer(StaffFactory(collectivity=commune_a, role=Role.AGENT))


@pytest.fixture
def signatory_auth(commune_a):
    return bearer(StaffFactory(collectivity=commune_a, role=Role.SIGNATORY))
