import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from jamaati.accounts.tests.factories import CitizenFactory, signup_data
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SIGNUP = "/fr/accounts/signup/"


def _link(body: str) -> str:
    return re.search(r"https?://[^\s]+", body).group(0).replace("http://testserver", "")


def test_signup_signs_in_and_sends_a_verification_link_when_form_is_valid(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/signup/done/"
    user = get_user_model().objects.get(username="nouveau.citoyen@example.ma")
    assert (user.cin, user.phone, user.preferred_language) == ("BK12345", "+212612345678", "fr")
    assert AuditEvent.objects.filter(action="accounts.user_signup", object_id=str(user.pk)).exists()
    assert len(mail.outbox) == 1
    done = client.get("/fr/accounts/signup/done/")
    assert "nouveau.citoyen@example.ma" in done.content.decode()


def test_signup_shows_tied_errors_and_writes_nothing_when_input_is_bad(client):
    users_before = get_user_model().objects.count()
    response = client.post(
        SIGNUP, signup_data(cin="ABC123", phone="123", password2="autre-chose-1234", email="x")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert" tabindex="-1"' in html
    for name in ("cin", "phone", "password2", "email"):
        assert f'href="#id_{name}"' in html
        assert f'id="id_{name}-error"' in html
        tag = re.search(rf'<(?:input|select)[^>]*\bid="id_{name}"[^>]*>', html).group(0)
        assert re.search(rf'aria-describedby="[^"]*\bid_{name}-error\b', tag)
        assert 'aria-invalid="true"' in tag
    assert get_user_model().objects.count() == users_before
    assert not AuditEvent.objects.filter(action="accounts.user_signup").exists()
    assert mail.outbox == []


def test_signup_gives_a_clear_message_when_cin_is_taken(client):
    CitizenFactory(cin="BK12345")
    response = client.post(SIGNUP, signup_data(cin="bk 12345"))
    assert response.status_code == 200
    assert response.context["form"].has_error("cin", "taken")
    assert not get_user_model().objects.filter(email="nouveau.citoyen@example.ma").exists()


def test_signup_never_fails_with_500_when_post_is_empty_or_garbage(client):
    assert client.post(SIGNUP, {}).status_code == 200
    assert client.post(SIGNUP, {"email": "\x00" * 5, "cin": "💥" * 50}).status_code == 200


def test_verification_link_works_once_when_opened_from_the_email(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    link = _link(mail.outbox[0].body)
    client.logout()

    first = client.get(link)
    second = client.get(link)

    assert first.status_code == 200
    assert get_user_model().objects.get(username="nouveau.citoyen@example.ma").is_email_verified
    assert second.status_code == 400
    assert AuditEvent.objects.filter(action="accounts.email_verify").count() == 1


def test_verification_link_fails_when_token_is_tampered(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    link = _link(mail.outbox[0].body).rstrip("/")
    tampered = link[:-2] + ("zz" if not link.endswith("zz") else "yy") + "/"

    assert client.get(tampered).status_code == 400
    assert client.get("/fr/accounts/verify/!!/abc/").status_code == 400
    assert not get_user_model().objects.get(username="nouveau.citoyen@example.ma").is_email_verified


def test_resend_sends_a_new_link_when_signed_in_user_is_unverified(
    client, django_capture_on_commit_callbacks
):
    user = CitizenFactory(is_email_verified=False)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/accounts/verify/resend/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
