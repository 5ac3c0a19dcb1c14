import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.services import totp_device_reset
from jamaati.accounts.tests.factories import MembershipFactory, StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def test_reset_removes_devices_and_audits_when_admin_manages_the_person(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)

    assert totp_device_reset(actor=admin, membership=agent.memberships.get()) == 1

    assert not TOTPDevice.objects.filter(user=agent).exists()
    event = AuditEvent.objects.get(action="accounts.totp_device_reset")
    assert event.collectivity == commune_a
    assert event.changes == {"username": agent.username, "devices_removed": 1}


def test_reset_is_forbidden_when_actor_is_an_agent(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    other = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    with pytest.raises(PermissionDenied):
        totp_device_reset(actor=agent, membership=other.memberships.get())
    assert TOTPDevice.objects.filter(user=other).exists()


def test_reset_is_not_found_when_person_is_in_another_commune(commune_a, commune_b):
    admin_b = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    with pytest.raises(Http404):
        totp_device_reset(actor=admin_b, membership=agent.memberships.get())


def test_reset_is_refused_when_person_also_has_a_role_beyond_the_admins_reach(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    governor = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    MembershipFactory(
        user=governor, collectivity=Collectivity.objects.get(code="07.427"), role=Role.SUPERVISOR
    )
    with pytest.raises(Http404):
        totp_device_reset(actor=admin, membership=governor.memberships.get(role=Role.AGENT))
    assert TOTPDevice.objects.filter(user=governor).exists()


def test_reset_is_refused_when_it_is_the_actors_own(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(ValidationError):
        totp_device_reset(actor=admin, membership=admin.memberships.get())
