"""Staff accounts and memberships, created and revoked within the actor's reach."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from jamaati.accounts.selectors import (
    user_email_taken,
    user_username_taken,
)
from jamaati.accounts.services._common import _authorize, _email_on_commit, _normalised_phone
from jamaati.accounts.tokens import set_password_token
from jamaati.core.access.actors import forget_grants
from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import record
from jamaati.core.tenancy.models import Collectivity


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
