import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.accounts.services import staff_create
from jamaati.accounts.tests.factories import StaffFactory, UserFactory
from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def create(actor, collectivity, **overrides):
    kwargs = {
        "actor": actor,
        "collectivity": collectivity,
        "username": "Nouvel.Agent",
        "first_name": "Omar",
        "last_name": "Berrada",
        "email": "omar.berrada@example.ma",
        "role": Role.AGENT,
        "phone": "",
        "base_url": "http://testserver",
    }
    kwargs.update(overrides)
    return staff_create(**kwargs)


def test_staff_create_makes_account_membership_event_and_email_when_admin_in_subtree(
    commune_a, django_capture_on_commit_callbacks
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)

    with django_capture_on_commit_callbacks(execute=True):
        membership = create(admin, commune_a)

    user = membership.user
    assert user.username == "nouvel.agent"
    assert not user.has_usable_password()
    assert (membership.role, membership.collectivity, membership.created_by) == (
        Role.AGENT,
        commune_a,
        admin,
    )
    event = AuditEvent.objects.get(action="accounts.staff_create")
    assert event.collectivity == commune_a
    assert event.actor_id == admin.pk
    assert event.changes["role"] == "agent"
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_staff_create_is_allowed_when_target_is_below_a_province_admin(commune_a):
    rehamna = Collectivity.objects.get(code="07.427")
    admin = StaffFactory(collectivity=rehamna, role=Role.COLLECTIVITY_ADMIN)
    membership = create(admin, commune_a)
    assert membership.collectivity == commune_a


def test_staff_create_is_forbidden_when_actor_is_an_agent(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    with pytest.raises(PermissionDenied):
        create(agent, commune_a)
    assert not Membership.objects.filter(user__username="nouvel.agent").exists()


def test_staff_create_is_not_found_when_target_is_another_commune(commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(Http404):
        create(admin, commune_a)


def test_national_admin_grant_is_forbidden_when_actor_is_collectivity_admin(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    with pytest.raises(PermissionDenied):
        create(admin, commune_a, role=Role.NATIONAL_ADMIN)
    assert not AuditEvent.objects.filter(action="accounts.staff_create").exists()


def test_national_admin_grant_is_allowed_when_actor_is_national_admin(commune_a):
    national = StaffFactory(
        collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN
    )
    membership = create(national, commune_a, role=Role.NATIONAL_ADMIN)
    assert membership.role == Role.NATIONAL_ADMIN


def test_staff_create_writes_nothing_when_username_or_email_is_taken(commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    UserFactory(username="nouvel.agent", email="someone@example.ma")
    UserFactory(email="OMAR.berrada@example.ma")
    with pytest.raises(ValidationError) as exc:
        create(admin, commune_a)
    assert set(exc.value.message_dict) == {"username", "email"}
    assert not AuditEvent.objects.filter(action="accounts.staff_create").exists()
