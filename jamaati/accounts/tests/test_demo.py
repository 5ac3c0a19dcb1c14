from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.demo import DEMO_PASSWORD, demo_totp_key
from jamaati.core.access.models import Membership
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return (
        get_user_model().objects.count(),
        Membership.objects.count(),
        TOTPDevice.objects.count(),
        AuditEvent.objects.count(),
    )


def test_load_demo_creates_accounts_then_writes_nothing_when_run_twice():
    first = _run("load_demo")
    after_first = _counts()
    second = _run("load_demo")

    assert _counts() == after_first
    assert "Nothing to do." in second
    assert "Nothing to do." not in first
    for username in ("admin.benguerir", "gouverneur.rehamna", "dgct", "citoyen1@demo.jamaati.ma"):
        assert username in second
    assert "make totp USERNAME=" in second
    assert DEMO_PASSWORD in second
    admin = get_user_model().objects.get(username="admin.benguerir")
    assert admin.check_password(DEMO_PASSWORD)
    assert admin.memberships.get().collectivity.code == "07.427.01.01"
    assert get_user_model().objects.get(username="dgct").memberships.get().collectivity.code == "MA"
    citizen = get_user_model().objects.get(username="citoyenne2@demo.jamaati.ma")
    assert citizen.is_email_verified
    assert citizen.cin
    assert not citizen.memberships.exists()
    device = TOTPDevice.objects.get(user=admin)
    assert device.confirmed
    assert device.key == demo_totp_key("admin.benguerir")


def test_load_demo_restores_a_revoked_membership_when_run_again():
    _run("load_demo")
    Membership.objects.filter(user__username="agent.benguerir").update(is_active=False)
    before = AuditEvent.objects.count()
    _run("load_demo")
    assert Membership.objects.get(user__username="agent.benguerir").is_active
    assert AuditEvent.objects.count() == before + 1


def test_demo_totp_prints_the_current_code_when_demo_tools_are_on(settings, time_machine):
    settings.JAMAATI_DEMO_TOOLS = True
    time_machine.move_to("2026-03-01T10:00:00+00:00", tick=False)
    _run("load_demo")
    device = TOTPDevice.objects.get(user__username="agent.benguerir")
    assert _run("demo_totp", "agent.benguerir").strip() == str(totp(device.bin_key)).zfill(6)


def test_demo_totp_refuses_when_demo_tools_are_off(settings):
    settings.JAMAATI_DEMO_TOOLS = False
    _run("load_demo")
    with pytest.raises(CommandError):
        _run("demo_totp", "agent.benguerir")
