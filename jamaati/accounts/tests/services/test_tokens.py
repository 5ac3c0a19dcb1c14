import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jamaati.accounts.models import ApiToken
from jamaati.accounts.services import SystemActor, token_create, token_revoke
from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_token_create_stores_only_the_hash_when_owner_asks(commune_a):
    user = StaffFactory(collectivity=commune_a, role=Role.AGENT)

    token, plaintext = token_create(actor=user, user=user, name="script")

    assert token.prefix == plaintext[:8]
    assert len(plaintext) > 40
    assert token.key_hash == ApiToken.hash_key(plaintext)
    assert plaintext not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    event = AuditEvent.objects.get(action="accounts.token_create")
    assert event.collectivity == commune_a
    assert plaintext not in str(event.changes)
    assert token.key_hash not in str(event.changes)


def test_token_create_is_forbidden_when_actor_is_someone_else():
    with pytest.raises(PermissionDenied):
        token_create(actor=CitizenFactory(), user=CitizenFactory(), name="x")


def test_token_create_goes_on_national_chain_when_user_is_citizen_and_actor_is_cli():
    citizen = CitizenFactory()
    token_create(actor=SystemActor("manage.py create_token"), user=citizen, name="cli")
    event = AuditEvent.objects.get(action="accounts.token_create")
    assert (event.collectivity.code, event.actor_id, event.actor_label) == (
        "MA",
        None,
        "manage.py create_token",
    )


def test_token_revoke_makes_it_unusable_when_owner_asks():
    user = CitizenFactory()
    token, _plaintext = token_create(actor=user, user=user, name="x")

    token_revoke(actor=user, token=token)

    assert not ApiToken.objects.usable().filter(pk=token.pk).exists()
    assert AuditEvent.objects.filter(action="accounts.token_revoke").count() == 1
    with pytest.raises(ValidationError):
        token_revoke(actor=user, token=token)
