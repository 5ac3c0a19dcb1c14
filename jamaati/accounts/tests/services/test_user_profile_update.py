import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jamaati.accounts.services import user_profile_update
from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_profile_update_changes_phone_and_language_when_owner_asks():
    user = CitizenFactory(phone="", preferred_language="ar")
    user_profile_update(actor=user, user=user, phone="0611223344", preferred_language="fr")
    user.refresh_from_db()
    assert (user.phone, user.preferred_language) == ("+212611223344", "fr")
    event = AuditEvent.objects.get(action="accounts.profile_update")
    assert event.changes == {"phone": ["", "+212611223344"], "preferred_language": ["ar", "fr"]}


def test_profile_update_writes_no_event_when_nothing_changed():
    user = CitizenFactory(phone="+212611223344", preferred_language="ar")
    user_profile_update(actor=user, user=user, phone="0611223344", preferred_language="ar")
    assert not AuditEvent.objects.filter(action="accounts.profile_update").exists()


def test_profile_update_writes_nothing_when_phone_is_bad():
    user = CitizenFactory(phone="", preferred_language="ar")
    with pytest.raises(ValidationError) as exc:
        user_profile_update(actor=user, user=user, phone="12", preferred_language="xx")
    assert set(exc.value.message_dict) == {"phone", "preferred_language"}
    user.refresh_from_db()
    assert (user.phone, user.preferred_language) == ("", "ar")


def test_profile_update_is_denied_when_actor_is_someone_else():
    user = CitizenFactory()
    with pytest.raises(PermissionDenied):
        user_profile_update(actor=CitizenFactory(), user=user, phone="", preferred_language="fr")
