"""Writes on people and access: sign-up, email verification, passwords, profile, staff and
memberships, the second factor, API tokens.

Every service takes keyword-only arguments and an `actor`, runs in one transaction and
records its audit event in that transaction. Citizen-level events go on the national chain;
staff events on the chain of the membership's collectivity. No password, hash, TOTP key or
token secret is ever written into an audit event.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.models import ApiToken, User
from jamaati.accounts.selectors import (
    staff_chain_collectivity_for,
    user_cin_taken,
    user_email_taken,
    user_username_taken,
)
from jamaati.accounts.tokens import email_verification_token, set_password_token
from jamaati.accounts.validators import normalize_cin, normalize_mobile, validate_cin
from jamaati.core.access.actors import forget_grants, is_staff_member
from jamaati.core.access.models import Membership
from jamaati.core.access.policies import authorize
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import diff, record
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.tenancy.selectors import country

# API tokens: an 8-character public prefix (shown in lists, used to revoke) + a secret.
TOKEN_PREFIX_LENGTH = 8
# last_used_at is written at most once per this interval, to keep reads cheap.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class SystemActor:
    """A trusted actor outside the web (a management command run with shell access): it is
    recorded by name in the audit trail, and not asked for authorization."""

    label: str
    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return self.label


class OtpThrottled(Exception):  # noqa: N818
    """Too many wrong codes in a row: the device refuses to verify until `locked_until`."""

    def __init__(self, locked_until: datetime | None) -> None:
        super().__init__("second-factor verification throttled")
        self.locked_until = locked_until


def _authorize(actor: Any, action: str, obj: Any) -> None:
    if isinstance(actor, SystemActor):
        return
    authorize(actor, action, obj)


def _language_of(user: Any) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    return user.preferred_language if user.preferred_language in languages else "ar"


def _link(base_url: str, viewname: str, kwargs: dict[str, str]) -> str:
    return base_url.rstrip("/") + reverse(viewname, kwargs=kwargs)


def _email_on_commit(
    *, user: Any, base_url: str, viewname: str, token: str, subject: str, body: str
) -> None:
    """Render a link email in the recipient's language now; send it once the write commits."""
    with translation.override(_language_of(user)):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        context = {
            "user": user,
            "link": _link(base_url, viewname, {"uidb64": uid, "token": token}),
            "timeout_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
        }
        subject_text = "".join(render_to_string(subject, context).splitlines())
        body_text = render_to_string(body, context)
    recipient = user.email
    transaction.on_commit(lambda: send_mail(subject_text, body_text, None, [recipient]))


def _normalised_phone(phone: str, errors: dict[str, list]) -> str:
    phone = (phone or "").strip()
    if not phone:
        return ""
    try:
        return normalize_mobile(phone)
    except ValidationError as exc:
        errors.setdefault("phone", []).extend(exc.error_list)
        return ""


def user_signup(
    *,
    actor: Any,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    cin: str,
    phone: str = "",
    preferred_language: str = "ar",
    base_url: str,
) -> User:
    """Create a citizen account (user name = lower-cased email, unverified email), audit it on
    the national chain and send the verification link on commit; ValidationError and nothing
    written when any field is wrong or already taken."""
    errors: dict[str, list] = {}
    email = (email or "").strip().lower()
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    cin = normalize_cin(cin)
    if not email:
        errors["email"] = [_("Enter your email address.")]
    elif user_email_taken(email):
        errors["email"] = [_("An account already exists with this email address.")]
    if not first_name:
        errors["first_name"] = [_("Enter your first name.")]
    if not last_name:
        errors["last_name"] = [_("Enter your last name.")]
    try:
        validate_cin(cin)
    except ValidationError as exc:
        errors["cin"] = exc.error_list
    else:
        if user_cin_taken(cin):
            errors["cin"] = [_("An account already exists with this national ID number.")]
    phone = _normalised_phone(phone, errors)
    if preferred_language not in {code for code, _name in settings.LANGUAGES}:
        preferred_language = settings.LANGUAGE_CODE
    user = get_user_model()(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        cin=cin,
        phone=phone,
        preferred_language=preferred_language,
        is_email_verified=False,
    )
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        errors["password"] = exc.error_list
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    with transaction.atomic():
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:
            # Another sign-up took the email or the CIN between the check and the insert.
            raise ValidationError(
                {"email": [_("An account already exists with this email address or ID.")]}
            ) from exc
        record(
            actor=user,
            action="accounts.user_signup",
            collectivity=country(),
            obj=user,
            changes={
                "username": user.username,
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "cin": user.cin,
                "phone": user.phone,
                "preferred_language": user.preferred_language,
            },
        )
        _send_verification(user=user, base_url=base_url)
    return user


def _send_verification(*, user: Any, base_url: str) -> None:
    _email_on_commit(
        user=user,
        base_url=base_url,
        viewname="accounts:verify-email",
        token=email_verification_token.make_token(user),
        subject="accounts/email/verify_email_subject.txt",
        body="accounts/email/verify_email_body.txt",
    )


def email_verification_send(*, actor: Any, user: Any, base_url: str) -> None:
    """Send a new verification link to the owner's unverified email; ValidationError when it
    is already verified or missing."""
    _authorize(actor, "accounts.update_profile", user)
    if user.is_email_verified:
        raise ValidationError(_("Your email address is already verified."), code="verified")
    if not user.email:
        raise ValidationError(_("Your account has no email address."), code="no_email")
    with transaction.atomic():
        _send_verification(user=user, base_url=base_url)


def user_email_verify(*, actor: Any, user: Any, token: str) -> bool:
    """Mark the email verified when `token` is valid for it (once: the token dies with the
    change); audited on the national chain. False, and nothing written, otherwise."""
    with transaction.atomic():
        locked = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
        if locked.is_email_verified or not email_verification_token.check_token(locked, token):
            return False
        locked.is_email_verified = True
        locked.save(update_fields=["is_email_verified"])
        record(
            actor=actor if getattr(actor, "is_authenticated", False) else locked,
            action="accounts.email_verify",
            collectivity=country(),
            obj=locked,
            changes={"email": locked.email, "is_email_verified": [False, True]},
        )
    user.is_email_verified = True
    return True


def user_password_set(*, actor: Any, user: Any, password: str, proves_email: bool = False) -> None:
    """Set a new (already validated) password, audited on the national chain without any
    hash; when it came through an emailed link (`proves_email`), the email is verified too."""
    with transaction.atomic():
        before = {"is_email_verified": user.is_email_verified}
        user.set_password(password)
        if proves_email and user.email:
            user.is_email_verified = True
        user.save(update_fields=["password", "is_email_verified"])
        changes = diff(before, {"is_email_verified": user.is_email_verified})
        changes["password"] = "changed"
        record(
            actor=actor if getattr(actor, "is_authenticated", False) else user,
            action="accounts.password_set",
            collectivity=country(),
            obj=user,
            changes=changes,
        )


def user_profile_update(*, actor: Any, user: Any, phone: str, preferred_language: str) -> User:
    """Change the owner's mobile number and preferred language; audited when anything
    changed; ValidationError and nothing written on bad input."""
    _authorize(actor, "accounts.update_profile", user)
    errors: dict[str, list] = {}
    phone = _normalised_phone(phone, errors)
    if preferred_language not in {code for code, _name in settings.LANGUAGES}:
        errors["preferred_language"] = [_("Choose one of the offered languages.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {"phone": user.phone, "preferred_language": user.preferred_language}
        after = {"phone": phone, "preferred_language": preferred_language}
        changes = diff(before, after)
        if not changes:
            return user
        user.phone, user.preferred_language = phone, preferred_language
        user.save(update_fields=list(changes))
        record(
            actor=actor,
            action="accounts.profile_update",
            collectivity=country(),
            obj=user,
            changes=changes,
        )
    return user


def staff_create(
    *,
    actor: Any,
    collectivity: Collectivity,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    phone: str = "",
    base_url: str,
) -> Membership:
    """Create a staff account with `role` at `collectivity` (which must be in the actor's
    reach: Http404, and managed by them: PermissionDenied; the national administrator role
    only by a national administrator), audited on that collectivity's chain; the person gets a
    set-password link on commit and enrols a second factor at first sign-in."""
    _authorize(actor, "accounts.manage_staff", collectivity)
    if role == Role.NATIONAL_ADMIN:
        _authorize(actor, "accounts.grant_national_admin", collectivity)
    errors: dict[str, list] = {}
    user_model = get_user_model()
    username = (username or "").strip().lower()
    email = (email or "").strip().lower()
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not username:
        errors["username"] = [_("Enter a user name.")]
    else:
        try:
            user_model.username_validator(username)
        except ValidationError as exc:
            errors["username"] = exc.error_list
        else:
            if user_username_taken(username):
                errors["username"] = [_("This user name is already taken.")]
    if not email:
        errors["email"] = [_("Enter an email address.")]
    elif user_email_taken(email):
        errors["email"] = [_("An account already exists with this email address.")]
    if not first_name:
        errors["first_name"] = [_("Enter the first name.")]
    if not last_name:
        errors["last_name"] = [_("Enter the last name.")]
    if role not in Role.values:
        errors["role"] = [_("Choose a role.")]
    phone = _normalised_phone(phone, errors)
    if errors:
        raise ValidationError(errors)
    created_by = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        user = user_model(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            preferred_language=translation.get_language() or settings.LANGUAGE_CODE,
            is_email_verified=False,
        )
        if user.preferred_language not in {code for code, _name in settings.LANGUAGES}:
            user.preferred_language = settings.LANGUAGE_CODE
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:
            raise ValidationError(
                {"username": [_("This user name or email address is already taken.")]}
            ) from exc
        membership = Membership.objects.create(
            user=user, collectivity=collectivity, role=role, created_by=created_by
        )
        record(
            actor=actor,
            action="accounts.staff_create",
            collectivity=collectivity,
            obj=membership,
            changes={
                "username": user.username,
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "phone": user.phone,
                "role": role,
                "collectivity": collectivity.code,
            },
        )
        _email_on_commit(
            user=user,
            base_url=base_url,
            viewname="accounts:password-reset-confirm",
            token=set_password_token.make_token(user),
            subject="accounts/email/staff_invite_subject.txt",
            body="accounts/email/staff_invite_body.txt",
        )
    return membership


def membership_revoke(*, actor: Any, membership: Membership) -> Membership:
    """End an active membership in the actor's reach that they manage (Http404 /
    PermissionDenied otherwise; never their own); audited on its collectivity's chain."""
    _authorize(actor, "accounts.manage_staff", membership)
    if membership.role == Role.NATIONAL_ADMIN:
        _authorize(actor, "accounts.grant_national_admin", membership)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("collectivity", "user")
        locked = locked.get(pk=membership.pk)
        if not locked.is_active:
            raise ValidationError(_("This membership is already revoked."), code="revoked")
        if getattr(actor, "pk", None) is not None and locked.user_id == actor.pk:
            raise ValidationError(
                _("You cannot revoke your own membership."), code="own_membership"
            )
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="accounts.membership_revoke",
            collectivity=locked.collectivity,
            obj=locked,
            changes={
                "username": locked.user.username,
                "role": locked.role,
                "is_active": [True, False],
            },
        )
    membership.is_active = False
    forget_grants(membership.user)
    return locked


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


def token_create(*, actor: Any, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new API token for an active `user` (the owner, or the command line); only its
    SHA-256 is stored and the plaintext is returned once; audited on the user's chain."""
    _authorize(actor, "accounts.manage_tokens", user)
    name = (name or "").strip()
    if not name or len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError({"name": [_("Give the token a name of at most 100 characters.")]})
    if not user.is_active:
        raise ValidationError(_("This account is disabled."), code="inactive")
    prefix = secrets.token_hex(TOKEN_PREFIX_LENGTH // 2)
    plaintext = prefix + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, key_hash=ApiToken.hash_key(plaintext)
        )
        record(
            actor=actor,
            action="accounts.token_create",
            collectivity=staff_chain_collectivity_for(user),
            obj=token,
            changes={"user": user.get_username(), "name": name, "prefix": prefix},
        )
    return token, plaintext


def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token (the owner, or the command line) so that it authenticates no more;
    audited on the user's chain; ValidationError when it is already revoked."""
    _authorize(actor, "accounts.manage_tokens", token.user)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("This token is already revoked."), code="revoked")
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record(
            actor=actor,
            action="accounts.token_revoke",
            collectivity=staff_chain_collectivity_for(locked.user),
            obj=locked,
            changes={"user": locked.user.get_username(), "prefix": locked.prefix},
        )
    token.revoked_at = locked.revoked_at
    return locked


def token_mark_used(*, actor: Any, token: ApiToken) -> None:
    """Note when a token was last used, at most once a minute. Bookkeeping like last_login:
    not audited, or every API call would write to the chain."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOKEN_TOUCH_INTERVAL:
        return
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
