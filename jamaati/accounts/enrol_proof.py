"""Proof of the staff email before a first authenticator app is set up.

A stolen password alone must not be enough to attach an attacker's phone to a staff account
that has no second factor yet (a new account, or one whose app an administrator reset). So
enrolment needs proof that the person also holds the account's email: a signed link mailed
from the enrolment page (valid 30 minutes, for this sign-in only), or having just chosen the
password through the emailed set-password link. The proof lives in the session.
"""

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

SALT = "jamaati.accounts.enrol-proof"
MAX_AGE_SECONDS = 30 * 60
RESEND_AFTER_SECONDS = 60
SESSION_KEY = "accounts_enrol_proof"
SENT_AT_KEY = "accounts_enrol_proof_sent_at"


def _login_stamp(user: Any) -> str:
    return user.last_login.isoformat() if user.last_login else ""


def proof_token(user: Any) -> str:
    """A signed token naming the user and this sign-in (a later sign-in voids it)."""
    return signing.dumps({"u": user.pk, "l": _login_stamp(user)}, salt=SALT)


def proof_token_is_valid(user: Any, token: str) -> bool:
    """True when the token was made for this user, this sign-in, less than 30 minutes ago."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    return data.get("u") == user.pk and data.get("l") == _login_stamp(user)


def grant(session: SessionBase, user: Any) -> None:
    """Record in the session that `user` proved their email."""
    session[SESSION_KEY] = user.pk


def is_granted(session: SessionBase, user: Any) -> bool:
    """True when this session holds the email proof of `user`."""
    return session.get(SESSION_KEY) == user.pk


def send_link(*, session: SessionBase, user: Any, base_url: str) -> bool:
    """Email the proof link unless one was sent less than a minute ago; True when sent."""
    now = timezone.now().timestamp()
    if now - session.get(SENT_AT_KEY, 0) < RESEND_AFTER_SECONDS:
        return False
    language = user.preferred_language
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        link = base_url.rstrip("/") + reverse(
            "accounts:otp-enrol-confirm", kwargs={"token": proof_token(user)}
        )
        context = {"user": user, "link": link, "minutes": MAX_AGE_SECONDS // 60}
        subject = "".join(
            render_to_string("accounts/email/enrol_proof_subject.txt", context).splitlines()
        )
        body = render_to_string("accounts/email/enrol_proof_body.txt", context)
    send_mail(subject, body, None, [user.email])
    session[SENT_AT_KEY] = now
    return True
