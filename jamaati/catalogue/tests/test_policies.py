import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.catalogue.tests.factories import ProcedureVersionFactory, published_version
from jamaati.core.access.policies import is_allowed
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


def test_manage_templates_is_allowed_when_actor_is_national_admin(dgct, morocco):
    assert is_allowed(dgct, "catalogue.manage_templates", morocco)


def test_manage_templates_is_denied_when_actor_is_a_commune_admin(admin_a, morocco, commune_a):
    assert not is_allowed(admin_a, "catalogue.manage_templates", morocco)
    assert not is_allowed(admin_a, "catalogue.manage_templates", commune_a)


def test_manage_local_is_allowed_when_admin_reaches_the_commune(admin_a, commune_a):
    assert is_allowed(admin_a, "catalogue.manage_local", commune_a)


def test_manage_local_is_denied_when_actor_is_an_agent(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)

    assert not is_allowed(agent, "catalogue.manage_local", commune_a)


def test_manage_local_is_denied_when_the_commune_is_another_one(admin_a, commune_b):
    assert not is_allowed(admin_a, "catalogue.manage_local", commune_b)


def test_manage_local_is_denied_when_the_node_is_the_country(dgct, morocco):
    assert not is_allowed(dgct, "catalogue.manage_local", morocco)


def test_view_is_allowed_to_anyone_when_published_and_denied_when_draft(commune_b):
    assert is_allowed(None, "catalogue.view", published_version(collectivity=commune_b))
    assert not is_allowed(None, "catalogue.view", ProcedureVersionFactory(collectivity=commune_b))


def test_view_backoffice_is_allowed_when_agent_or_signatory_reaches_the_commune(commune_a):
    for role in (Role.AGENT, Role.SIGNATORY, Role.COLLECTIVITY_ADMIN):
        staff = StaffFactory(collectivity=commune_a, role=role)
        assert is_allowed(staff, "catalogue.view_backoffice", commune_a), role


def test_view_backoffice_is_denied_when_role_is_not_a_reader(commune_a):
    officer = StaffFactory(collectivity=commune_a, role=Role.FINANCE_OFFICER)

    assert not is_allowed(officer, "catalogue.view_backoffice", commune_a)


def test_view_backoffice_is_denied_when_the_commune_is_another_one(admin_a, commune_b):
    assert not is_allowed(admin_a, "catalogue.view_backoffice", commune_b)


def test_view_backoffice_at_the_country_is_for_the_national_admin_only(dgct, morocco, admin_a):
    assert is_allowed(dgct, "catalogue.view_backoffice", morocco)
    assert not is_allowed(admin_a, "catalogue.view_backoffice", morocco)
