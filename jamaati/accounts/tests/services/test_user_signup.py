import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError

from jamaati.accounts.services import user_signup
from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def signup(**overrides):
    kwargs = {
        "actor": AnonymousUser(),
        "email": "Amal.Idrissi@Example.MA",
        "password": "Couscous-Du-Vendredi-9",
        "first_name": "Amal",
        "last_name": "Idrissi",
        "cin": "bk-12345",
        "phone": "0712345678",
        "preferred_language": "fr",
        "base_url": BASE,
    }
    kwargs.update(overrides)
    return user_signup(**kwargs)


def test_signup_creates_user_audit_event_and_email_when_input_is_valid(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        user = signup()

    assert user.username == "amal.idrissi@example.ma" == user.email
    assert user.cin == "BK12345"
    assert user.phone == "+212712345678"
    assert not user.is_email_verified
    assert user.check_password("Couscous-Du-Vendredi-9")
    event = AuditEvent.objects.get(action="accounts.user_signup")
    assert event.collectivity.code == "MA"
    assert event.object_id == str(user.pk)
    assert event.actor_id == user.pk
    assert "password" not in event.changes
    assert all("Couscous" not in str(v) for v in event.changes.values())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amal.idrissi@example.ma"]
    assert f"{BASE}/fr/accounts/verify/" in mail.outbox[0].body


def test_signup_writes_nothing_when_cin_is_taken(django_capture_on_commit_callbacks):
    CitizenFactory(cin="BK12345")
    users_before = get_user_model().objects.count()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        signup(cin="BK 12345")

    assert "cin" in exc.value.message_dict
    assert get_user_model().objects.count() == users_before
    assert not AuditEvent.objects.filter(action="accounts.user_signup").exists()
    assert mail.outbox == []


def test_signup_is_rejected_when_email_differs_only_by_case():
    CitizenFactory(email="amal.idrissi@example.ma")
    with pytest.raises(ValidationError) as exc:
        signup(email="AMAL.IDRISSI@example.ma", cin="A1")
    assert "email" in exc.value.message_dict


def test_signup_reports_every_bad_field_when_several_are_wrong():
    with pytest.raises(ValidationError) as exc:
        signup(cin="123456", phone="0512", password="123", first_name=" ")
    assert set(exc.value.message_dict) >= {"cin", "phone", "password", "first_name"}
    assert not get_user_model().objects.filter(email__iexact="amal.idrissi@example.ma").exists()
