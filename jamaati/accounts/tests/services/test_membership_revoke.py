import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.accounts.services import membership_revoke
from jamaati.accounts.tests.factories import MembershipFactory, StaffFactory
from jamaati.core.access.actors import is_staff_member
from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_membership_revoke_deactivates_and_audits_when_admin_in_reach(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    membership = MembershipFactory(collectivity=commune_a)

    membership_revoke(actor=admin, membership=membership)

    membership.refresh_from_db()
    assert not membership.is_active
    assert not is_staff_member(membership.user)
    event = AuditEvent.objects.get(action="accounts.membership_revoke")
    assert event.collectivity == commune_a
    assert event.changes["is_active"] == [True, False]


def test_membership_revoke_is_forbidden_when_actor_is_an_agent(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    membership = MembershipFactory(collectivity=commune_a)
    with pytest.raises(PermissionDenied):
        membership_revoke(actor=agent, membership=membership)
    assert Membership.objects.get(pk=membership.pk).is_active


def test_membership_revoke_is_not_found_when_membership_is_in_another_commune(commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    membership = MembershipFactory(collectivity=commune_a)
    with pytest.raises(Http404):
        membership_revoke(actor=admin, membership=membership)


def test_membership_revoke_is_refused_when_it_is_the_actors_own(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    own = admin.memberships.get()
    with pytest.raises(ValidationError):
        membership_revoke(actor=admin, membership=own)
    assert Membership.objects.get(pk=own.pk).is_active


def test_membership_revoke_is_refused_when_already_revoked(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    membership = MembershipFactory(collectivity=commune_a, is_active=False)
    with pytest.raises(ValidationError):
        membership_revoke(actor=admin, membership=membership)
    assert not AuditEvent.objects.filter(action="accounts.membership_revoke").exists()
