import pytest
from django.contrib.auth.models import AnonymousUser

from jamaati.accounts.services import user_email_verify
from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.accounts.tokens import email_verification_token
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_email_is_verified_once_when_token_is_valid():
    user = CitizenFactory(is_email_verified=False)
    token = email_verification_token.make_token(user)

    assert user_email_verify(actor=AnonymousUser(), user=user, token=token)
    user.refresh_from_db()
    assert user.is_email_verified
    event = AuditEvent.objects.get(action="accounts.email_verify")
    assert event.collectivity.code == "MA"
    assert event.actor_id == user.pk

    assert not user_email_verify(actor=AnonymousUser(), user=user, token=token)
    assert AuditEvent.objects.filter(action="accounts.email_verify").count() == 1


def test_email_stays_unverified_when_token_is_tampered():
    user = CitizenFactory(is_email_verified=False)
    token = email_verification_token.make_token(user)
    tampered = token[:-1] + ("a" if token[-1] != "a" else "b")

    assert not user_email_verify(actor=AnonymousUser(), user=user, token=tampered)
    user.refresh_from_db()
    assert not user.is_email_verified
    assert not AuditEvent.objects.filter(action="accounts.email_verify").exists()


def test_password_reset_token_is_refused_when_used_as_verification_token():
    from django.contrib.auth.tokens import default_token_generator

    user = CitizenFactory(is_email_verified=False)
    assert not user_email_verify(
        actor=AnonymousUser(), user=user, token=default_token_generator.make_token(user)
    )
