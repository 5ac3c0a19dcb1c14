from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.services import (
    OtpThrottled,
    totp_device_confirm,
    totp_device_start,
    totp_verify,
)
from jamaati.accounts.tests.factories import (
    CitizenFactory,
    MembershipFactory,
    StaffFactory,
    totp_now,
)
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_enrolment_starts_one_pending_device_when_staff_has_none(commune_a):
    membership = MembershipFactory(collectivity=commune_a, role=Role.AGENT)
    user = membership.user

    first = totp_device_start(actor=user)
    again = totp_device_start(actor=user)

    assert first.pk == again.pk
    assert not first.confirmed
    event = AuditEvent.objects.get(action="accounts.totp_enrolment_start")
    assert event.collectivity == commune_a
    assert first.key not in str(event.changes)


def test_enrolment_is_refused_when_user_is_a_citizen():
    with pytest.raises(ValidationError):
        totp_device_start(actor=CitizenFactory())


def test_device_is_confirmed_when_code_is_right(commune_a):
    user = MembershipFactory(collectivity=commune_a).user
    device = totp_device_start(actor=user)

    assert totp_device_confirm(actor=user, device=device, token=totp_now(device))
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditEvent.objects.filter(action="accounts.totp_device_confirm").count() == 1


def test_device_stays_pending_and_throttles_when_code_is_wrong(commune_a, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    user = MembershipFactory(collectivity=commune_a).user
    device = totp_device_start(actor=user)
    wrong = str((int(totp_now(device)) + 1) % 1_000_000).zfill(6)

    assert not totp_device_confirm(actor=user, device=device, token=wrong)
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1
    with pytest.raises(OtpThrottled):
        totp_device_confirm(actor=user, device=device, token=totp_now(device))

    time_machine.shift(timedelta(seconds=2))
    assert totp_device_confirm(actor=user, device=device, token=totp_now(device))


def test_verify_returns_device_and_audits_when_code_is_right(commune_a):
    user = StaffFactory(collectivity=commune_a)
    device = TOTPDevice.objects.get(user=user)

    assert totp_verify(actor=user, token=totp_now(device)) == device
    assert AuditEvent.objects.get(action="accounts.second_factor_verify").collectivity == commune_a


def test_verify_refuses_the_same_code_twice_when_replayed(commune_a):
    user = StaffFactory(collectivity=commune_a)
    device = TOTPDevice.objects.get(user=user)
    code = totp_now(device)
    assert totp_verify(actor=user, token=code) is not None
    assert totp_verify(actor=user, token=code) is None


def test_verify_is_throttled_when_wrong_codes_repeat(commune_a):
    user = StaffFactory(collectivity=commune_a)
    device = TOTPDevice.objects.get(user=user)
    wrong = str((int(totp_now(device)) + 1) % 1_000_000).zfill(6)
    assert totp_verify(actor=user, token=wrong) is None
    with pytest.raises(OtpThrottled) as exc:
        totp_verify(actor=user, token=totp_now(device))
    assert exc.value.locked_until is not None
    assert not AuditEvent.objects.filter(action="accounts.second_factor_verify").exists()
