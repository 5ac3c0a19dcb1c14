"""API bearer tokens: created, revoked, marked used; only their SHA-256 is stored."""

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.accounts.models import ApiToken
from jamaati.accounts.selectors import (
    staff_chain_collectivity_for,
)
from jamaati.accounts.services._common import TOKEN_PREFIX_LENGTH, TOKEN_TOUCH_INTERVAL, _authorize
from jamaati.core.audit.chain import record


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
