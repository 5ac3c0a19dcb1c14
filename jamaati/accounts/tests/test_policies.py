"""Every accounts policy: an allowed case, a denied case and an other-commune case."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jamaati.accounts.tests.factories import CitizenFactory, MembershipFactory, StaffFactory
from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def rehamna(db):
    return Collectivity.objects.get(code="07.427")


@pytest.fixture
def country(db):
    return Collectivity.objects.get(code="MA")


# accounts.view_staff


def test_view_staff_is_allowed_when_admin_or_supervisor_covers_the_node(commune_a, rehamna):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    governor = StaffFactory(collectivity=rehamna, role=Role.SUPERVISOR)
    authorize(admin, "accounts.view_staff", commune_a)
    authorize(governor, "accounts.view_staff", commune_a)


def test_view_staff_is_denied_when_actor_is_an_agent(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    with pytest.raises(PermissionDenied):
        authorize(agent, "accounts.view_staff", commune_a)


def test_view_staff_is_not_found_when_node_is_another_commune(commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    membership = MembershipFactory(collectivity=commune_a)
    with pytest.raises(Http404):
        authorize(admin, "accounts.view_staff", commune_a)
    with pytest.raises(Http404):
        authorize(admin, "accounts.view_staff", membership)


# accounts.manage_staff


def test_manage_staff_is_allowed_when_admin_covers_the_membership(commune_a, country):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    national = StaffFactory(collectivity=country, role=Role.NATIONAL_ADMIN)
    membership = MembershipFactory(collectivity=commune_a)
    authorize(admin, "accounts.manage_staff", membership)
    authorize(national, "accounts.manage_staff", commune_a)


def test_manage_staff_is_denied_when_actor_is_agent_or_supervisor(commune_a, rehamna):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    governor = StaffFactory(collectivity=rehamna, role=Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        authorize(agent, "accounts.manage_staff", commune_a)
    with pytest.raises(PermissionDenied):
        authorize(governor, "accounts.manage_staff", commune_a)


def test_manage_staff_is_not_found_when_node_is_another_commune(commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(Http404):
        authorize(admin, "accounts.manage_staff", commune_a)


def test_manage_staff_is_not_found_when_node_is_above_the_admin(commune_a, rehamna):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(Http404):
        authorize(admin, "accounts.manage_staff", rehamna)


# accounts.grant_national_admin


def test_grant_national_admin_is_allowed_when_actor_is_national_admin(commune_a, country):
    national = StaffFactory(collectivity=country, role=Role.NATIONAL_ADMIN)
    authorize(national, "accounts.grant_national_admin", commune_a)


def test_grant_national_admin_is_denied_when_actor_is_collectivity_admin(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(PermissionDenied):
        authorize(admin, "accounts.grant_national_admin", commune_a)


def test_grant_national_admin_is_not_found_when_node_is_another_commune(commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(Http404):
        authorize(admin, "accounts.grant_national_admin", commune_a)


# accounts.update_profile and accounts.manage_tokens: the owner only


@pytest.mark.parametrize("action", ["accounts.update_profile", "accounts.manage_tokens"])
def test_own_account_action_is_allowed_when_actor_is_the_owner(action):
    citizen = CitizenFactory()
    authorize(citizen, action, citizen)


@pytest.mark.parametrize("action", ["accounts.update_profile", "accounts.manage_tokens"])
def test_own_account_action_is_denied_when_actor_is_someone_else(action, commune_a):
    citizen = CitizenFactory()
    admin_of_commune = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(PermissionDenied):
        authorize(CitizenFactory(), action, citizen)
    with pytest.raises(PermissionDenied):
        authorize(admin_of_commune, action, citizen)


@pytest.mark.parametrize("action", ["accounts.update_profile", "accounts.manage_tokens"])
def test_own_account_action_is_denied_when_actor_is_staff_of_another_commune(
    action, commune_a, commune_b
):
    staff_a = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    admin_b = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    assert not is_allowed(admin_b, action, staff_a)
