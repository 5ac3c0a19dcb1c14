"""Shared pieces of the accounts services: the system actor, errors, mail helpers."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from jamaati.accounts.validators import normalize_mobile
from jamaati.core.access.policies import authorize

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
