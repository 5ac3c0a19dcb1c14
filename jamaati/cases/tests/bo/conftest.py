"""Fixtures of the back-office case pages: staff of Ben Guerir by role, and filed cases."""

import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.cases.tests.factories import file_case, version_in
from jamaati.core.access.roles import Role


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT, first_name="Karim")


@pytest.fixture
def signatory(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.SIGNATORY, first_name="Saida")


@pytest.fixture
def agent_b(commune_b):
    return StaffFactory(collectivity=commune_b, role=Role.AGENT)


@pytest.fixture
def version_a(commune_a):
    return version_in(commune_a, documents=1, name_ar="رخصة السكن", name_fr="Permis d'habiter")


@pytest.fixture
def filed(version_a):
    """A case filed online with every document: submitted, its decision clock running."""
    return file_case(version=version_a)


def url(case, name="case-detail", **kwargs):
    from django.urls import reverse

    return reverse(f"bo:{name}", kwargs={"code": case.collectivity.code, "pk": case.pk, **kwargs})
