import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.tests.factories import (
    PASSWORD,
    CitizenFactory,
    MembershipFactory,
    StaffFactory,
    totp_now,
)
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/fr/accounts/login/"
OTP = "/fr/accounts/otp/"
ENROL = "/fr/accounts/otp/enrol/"


def _wrong(code: str) -> str:
    return str((int(code) + 1) % 1_000_000).zfill(6)


def test_citizen_is_never_asked_for_a_code_when_signing_in(client):
    citizen = CitizenFactory()
    response = client.post(LOGIN, {"username": citizen.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert client.get("/fr/accounts/me/").status_code == 200


def test_staff_reaches_back_office_only_after_the_right_code_when_signing_in(
    client, commune_a, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    staff = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    device = TOTPDevice.objects.get(user=staff)
    bo = f"/fr/bo/{commune_a.code}/"

    response = client.post(
        LOGIN + f"?next={bo}", {"username": staff.username, "password": PASSWORD, "next": bo}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(OTP)
    blocked = client.get(bo)
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(OTP)

    page = client.get(OTP, {"next": bo})
    html = page.content.decode()
    assert 'name="otp_token"' in html
    assert 'id="id_otp_token"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="one-time-code"' in html

    wrong = client.post(OTP, {"otp_token": _wrong(totp_now(device)), "next": bo})
    assert wrong.status_code == 200
    assert 'id="id_otp_token-error"' in wrong.content.decode()
    assert client.get(bo).status_code == 302

    time_machine.shift(timedelta(seconds=2))  # past django-otp's throttle delay
    right = client.post(OTP, {"otp_token": totp_now(device), "next": bo})
    assert right.status_code == 302
    assert right["Location"] == bo
    assert client.get(bo).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.second_factor_verify").exists()


def test_code_is_refused_while_throttled_when_wrong_codes_were_sent(client, commune_a):
    staff = StaffFactory(collectivity=commune_a)
    device = TOTPDevice.objects.get(user=staff)
    client.post(LOGIN, {"username": staff.username, "password": PASSWORD})
    client.post(OTP, {"otp_token": _wrong(totp_now(device))})
    response = client.post(OTP, {"otp_token": totp_now(device)})
    assert response.status_code == 200
    assert "id_otp_token-error" in response.content.decode()
    assert client.get(f"/fr/bo/{commune_a.code}/").status_code == 302


def test_staff_without_device_is_sent_to_enrolment_when_signing_in(client, commune_a):
    user = MembershipFactory(collectivity=commune_a, role=Role.AGENT).user
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)


def _open_enrolment_link(client, mailoutbox):
    """Follow the emailed proof link of the last message; return the enrolment page."""
    link = re.search(r"https?://\S+/otp/enrol/confirm/\S+/", mailoutbox[-1].body).group(0)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/otp/enrol/")
    return client.get(ENROL)


def test_enrolment_asks_for_the_emailed_link_before_showing_any_qr(client, commune_a, mailoutbox):
    user = MembershipFactory(collectivity=commune_a, role=Role.AGENT).user
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    page = client.get(ENROL).content.decode()

    assert "qr-code" not in page
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert "/otp/enrol/confirm/" in mailoutbox[0].body
    client.get(ENROL)
    assert len(mailoutbox) == 1  # not again within a minute


def test_enrolment_link_of_another_sign_in_or_user_is_refused(client, commune_a, mailoutbox):
    user = MembershipFactory(collectivity=commune_a, role=Role.AGENT).user
    other = MembershipFactory(collectivity=commune_a, role=Role.AGENT).user
    client.post(LOGIN, {"username": other.username, "password": PASSWORD})
    client.get(ENROL)
    others_link = re.search(r"https?://\S+/otp/enrol/confirm/\S+/", mailoutbox[-1].body).group(0)
    client.post("/fr/accounts/logout/")
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert client.get(others_link).status_code == 400
    assert client.get("/fr/accounts/otp/enrol/confirm/forged-token/").status_code == 400
    assert "qr-code" not in client.get(ENROL).content.decode()


def test_enrolment_link_expires_after_thirty_minutes(client, commune_a, mailoutbox, time_machine):
    time_machine.move_to("2026-11-22 09:00:00+00:00", tick=False)
    user = MembershipFactory(collectivity=commune_a, role=Role.AGENT).user
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    client.get(ENROL)
    link = re.search(r"https?://\S+/otp/enrol/confirm/\S+/", mailoutbox[-1].body).group(0)
    time_machine.move_to("2026-11-22 09:31:00+00:00", tick=False)
    assert client.get(link).status_code == 400


def test_enrolment_shows_qr_and_secret_then_opens_back_office_when_code_confirms(
    client, commune_a, mailoutbox
):
    user = MembershipFactory(collectivity=commune_a, role=Role.AGENT).user
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    client.get(ENROL)

    page = _open_enrolment_link(client, mailoutbox)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in html
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    assert secret[:4] in html
    assert secret[-4:] in html
    assert client.get(ENROL).status_code == 200
    assert TOTPDevice.objects.filter(user=user).count() == 1

    response = client.post(ENROL, {"otp_token": totp_now(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(f"/fr/bo/{commune_a.code}/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.totp_device_confirm").count() == 1


def test_enrolment_is_refused_when_user_is_a_citizen(client):
    client.force_login(CitizenFactory())
    assert client.get(ENROL).status_code == 403
    assert client.get(OTP).status_code == 403


def test_sixth_attempt_is_locked_out_when_five_passwords_were_wrong(client):
    citizen = CitizenFactory()
    for _ in range(5):
        response = client.post(
            LOGIN,
            {"username": citizen.username, "password": "wrong-password"},
            REMOTE_ADDR="10.1.2.3",
        )
        assert response.status_code in (200, 429)

    locked = client.post(
        LOGIN, {"username": citizen.username, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )

    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    assert "_auth_user_id" not in client.session


def test_other_address_is_not_locked_when_one_address_failed_five_times(client):
    citizen = CitizenFactory()
    for _ in range(5):
        client.post(
            LOGIN, {"username": citizen.username, "password": "nope"}, REMOTE_ADDR="10.9.9.9"
        )
    response = client.post(
        LOGIN, {"username": citizen.username, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302


def test_logout_is_refused_when_method_is_get(client):
    client.force_login(CitizenFactory())
    assert client.get("/fr/accounts/logout/").status_code == 405
    assert client.post("/fr/accounts/logout/").status_code == 302
