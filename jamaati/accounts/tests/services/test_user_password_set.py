import pytest

from jamaati.accounts.services import user_password_set
from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_password_set_is_audited_without_hash_when_changed():
    user = CitizenFactory()
    old_hash = user.password

    user_password_set(actor=user, user=user, password="Nouveau-Mot-De-Passe-5")

    user.refresh_from_db()
    assert user.check_password("Nouveau-Mot-De-Passe-5")
    event = AuditEvent.objects.get(action="accounts.password_set")
    assert event.collectivity.code == "MA"
    assert event.changes == {"password": "changed"}
    assert old_hash not in str(event.changes)
    assert user.password not in str(event.changes)


def test_password_set_verifies_email_when_it_came_through_an_emailed_link():
    user = CitizenFactory(is_email_verified=False)
    user_password_set(actor=user, user=user, password="Nouveau-Mot-De-Passe-5", proves_email=True)
    user.refresh_from_db()
    assert user.is_email_verified
    event = AuditEvent.objects.get(action="accounts.password_set")
    assert event.changes["is_email_verified"] == [False, True]
