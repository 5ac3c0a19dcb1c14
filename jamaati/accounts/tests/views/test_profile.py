import pytest

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PROFILE = "/fr/accounts/me/"


def test_profile_shows_details_and_verification_status_when_signed_in(client):
    citizen = CitizenFactory(cin="EE123456", phone="+212612345678", is_email_verified=False)
    client.force_login(citizen)
    html = client.get(PROFILE).content.decode()
    assert citizen.email in html
    assert "EE123456" in html
    assert "+212612345678" in html
    assert "/fr/accounts/verify/resend/" in html


def test_profile_redirects_to_login_when_anonymous(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_profile_saves_phone_and_language_when_form_is_valid(client):
    citizen = CitizenFactory(phone="", preferred_language="ar")
    client.force_login(citizen)
    response = client.post(PROFILE, {"phone": "0799887766", "preferred_language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/me/"
    citizen.refresh_from_db()
    assert (citizen.phone, citizen.preferred_language) == ("+212799887766", "fr")
    assert AuditEvent.objects.filter(action="accounts.profile_update").count() == 1


def test_profile_keeps_values_when_phone_is_bad(client):
    citizen = CitizenFactory(phone="", preferred_language="ar")
    client.force_login(citizen)
    response = client.post(PROFILE, {"phone": "12345", "preferred_language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_phone"' in html
    assert 'href="#id_preferred_language"' in html
    citizen.refresh_from_db()
    assert (citizen.phone, citizen.preferred_language) == ("", "ar")
    assert not AuditEvent.objects.filter(action="accounts.profile_update").exists()
