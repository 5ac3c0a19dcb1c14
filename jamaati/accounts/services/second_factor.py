"""The TOTP second factor: enrolment, verification with throttling, reset."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.selectors import (
    staff_chain_collectivity_for,
)
from jamaati.accounts.services._common import OtpThrottled, _authorize
from jamaati.core.access.actors import is_staff_member
from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import record


def totp_device_start(*, actor: Any) -> TOTPDevice:
    """The staff member's pending TOTP device, created (and audited on their chain) when
    there is none; ValidationError when they already have a confirmed one."""
    if not is_staff_member(actor):
        raise ValidationError(_("Only staff members enrol a second factor."), code="not_staff")
    with transaction.atomic():
        devices = TOTPDevice.objects.select_for_update().filter(user_id=actor.pk)
        if devices.filter(confirmed=True).exists():
            raise ValidationError(_("You already have an authenticator app."), code="enrolled")
        pending = devices.filter(confirmed=False).order_by("-pk").first()
        if pending is not None:
            return pending
        device = TOTPDevice.objects.create(user=actor, name="default", confirmed=False)
        record(
            actor=actor,
            action="accounts.totp_enrolment_start",
            collectivity=staff_chain_collectivity_for(actor),
            obj=device,
        )
    return device


def totp_device_reset(*, actor: Any, membership: Membership) -> int:
    """Remove every TOTP device of the membership's user (lost phone) so they enrol again at
    their next back-office page; the actor must manage every active role of that user
    (Http404 / PermissionDenied otherwise) and not be that user. Audited on the membership's
    chain; returns how many devices were removed."""
    user = membership.user
    if getattr(actor, "pk", None) is not None and user.pk == actor.pk:
        raise ValidationError(
            _("You cannot reset your own second factor."), code="own_second_factor"
        )
    _authorize(actor, "accounts.manage_staff", membership)
    for other in Membership.objects.active().filter(user=user).select_related("collectivity"):
        _authorize(actor, "accounts.manage_staff", other)
        if other.role == Role.NATIONAL_ADMIN:
            _authorize(actor, "accounts.grant_national_admin", other)
    with transaction.atomic():
        devices = TOTPDevice.objects.select_for_update().filter(user_id=user.pk)
        count = len(list(devices))
        if not count:
            raise ValidationError(
                _("This person has no authenticator app to reset."), code="no_device"
            )
        TOTPDevice.objects.filter(user_id=user.pk).delete()
        record(
            actor=actor,
            action="accounts.totp_device_reset",
            collectivity=membership.collectivity,
            obj=membership,
            changes={"username": user.username, "devices_removed": count},
        )
    return count


def _verify_locked(device: TOTPDevice, token: str) -> bool:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        raise OtpThrottled((info or {}).get("locked_until"))
    # verify_token applies the throttle itself: a wrong code increments it (and commits).
    return device.verify_token((token or "").strip())


def totp_device_confirm(*, actor: Any, device: TOTPDevice, token: str) -> bool:
    """Confirm the actor's pending device when `token` is right (audited; other pending
    devices dropped); False on a wrong code; OtpThrottled after too many wrong codes."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user_id=actor.pk)
        if locked.confirmed:
            raise ValidationError(_("This device is already confirmed."), code="confirmed")
        if not _verify_locked(locked, token):
            return False
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=actor.pk, confirmed=False).delete()
        record(
            actor=actor,
            action="accounts.totp_device_confirm",
            collectivity=staff_chain_collectivity_for(actor),
            obj=locked,
            changes={"confirmed": [False, True]},
        )
    device.refresh_from_db()
    return True


def totp_verify(*, actor: Any, token: str) -> TOTPDevice | None:
    """The actor's confirmed device when `token` is right now (the sign-in is audited on the
    staff chain), None on a wrong or missing code; OtpThrottled after too many wrong codes."""
    with transaction.atomic():
        locked = (
            TOTPDevice.objects.select_for_update()
            .filter(user_id=actor.pk, confirmed=True)
            .order_by("pk")
            .first()
        )
        if locked is None or not _verify_locked(locked, token):
            return None
        record(
            actor=actor,
            action="accounts.second_factor_verify",
            collectivity=staff_chain_collectivity_for(actor),
            obj=locked,
        )
    return locked
