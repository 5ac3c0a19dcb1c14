"""Citizens and every user: sign-up, email verification, passwords, profile."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from jamaati.accounts.models import User
from jamaati.accounts.selectors import (
    user_cin_taken,
    user_email_taken,
)
from jamaati.accounts.services._common import _authorize, _email_on_commit, _normalised_phone
from jamaati.accounts.tokens import email_verification_token
from jamaati.accounts.validators import normalize_cin, validate_cin
from jamaati.core.audit.chain import diff, record
from jamaati.core.tenancy.selectors import country


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
