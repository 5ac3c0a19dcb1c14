import re

import pytest
from django.core import mail

from jamaati.accounts.tests.factories import PASSWORD, CitizenFactory
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

RESET = "/fr/accounts/password/reset/"
NEW_PASSWORD = "Menthe-Poivree-2026"


def _path(body: str) -> str:
    return re.search(r"https?://testserver(/[^\s]+)", body).group(1)


def test_reset_sets_new_password_and_audits_when_emailed_link_is_followed(client):
    citizen = CitizenFactory(email="rachida@example.ma", is_email_verified=False)

    response = client.post(RESET, {"email": "RACHIDA@example.ma"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rachida@example.ma"]

    form_page = client.get(_path(mail.outbox[0].body), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert done["Location"] == "/fr/accounts/password/reset/complete/"

    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert citizen.is_email_verified
    event = AuditEvent.objects.get(action="accounts.password_set")
    assert event.collectivity.code == "MA"
    assert event.object_id == str(citizen.pk)
    assert citizen.password not in str(event.changes)
    login = client.post(
        "/fr/accounts/login/", {"username": citizen.username, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302


def test_reset_link_fails_when_used_a_second_time(client):
    citizen = CitizenFactory()
    client.post(RESET, {"email": citizen.email})
    link = _path(mail.outbox[0].body)
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False


def test_reset_answers_the_same_when_email_is_unknown(client):
    CitizenFactory(email="known@example.ma")
    known = client.post(RESET, {"email": "known@example.ma"})
    unknown = client.post(RESET, {"email": "nobody@example.ma"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_reset_writes_nothing_when_new_passwords_differ(client):
    citizen = CitizenFactory()
    client.post(RESET, {"email": citizen.email})
    page = client.get(_path(mail.outbox[0].body), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": "autre"}
    )
    assert response.status_code == 200
    assert 'id="id_new_password2-error"' in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="accounts.password_set").exists()


def test_password_change_is_audited_when_signed_in_user_gives_old_password(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    response = client.post(
        "/fr/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="accounts.password_set").count() == 1
    assert client.get("/fr/accounts/me/").status_code == 200  # still signed in
