"""Writes on people and access: sign-up, email verification, passwords, profile, staff and
memberships, the second factor, API tokens.

Every service takes keyword-only arguments and an `actor`, runs in one transaction and
records its audit event in that transaction. Citizen-level events go on the national chain;
staff events on the chain of the membership's collectivity. No password, hash, TOTP key or
token secret is ever written into an audit event.
"""

from jamaati.accounts.services._common import (
    TOKEN_PREFIX_LENGTH,
    TOKEN_TOUCH_INTERVAL,
    OtpThrottled,
    SystemActor,
)
from jamaati.accounts.services.people import (
    email_verification_send,
    user_email_verify,
    user_password_set,
    user_profile_update,
    user_signup,
)
from jamaati.accounts.services.second_factor import (
    totp_device_confirm,
    totp_device_reset,
    totp_device_start,
    totp_verify,
)
from jamaati.accounts.services.staff import (
    membership_revoke,
    staff_create,
)
from jamaati.accounts.services.tokens import (
    token_create,
    token_mark_used,
    token_revoke,
)

__all__ = [
    "TOKEN_PREFIX_LENGTH",
    "TOKEN_TOUCH_INTERVAL",
    "OtpThrottled",
    "SystemActor",
    "email_verification_send",
    "membership_revoke",
    "staff_create",
    "token_create",
    "token_mark_used",
    "token_revoke",
    "totp_device_confirm",
    "totp_device_reset",
    "totp_device_start",
    "totp_verify",
    "user_email_verify",
    "user_password_set",
    "user_profile_update",
    "user_signup",
]
