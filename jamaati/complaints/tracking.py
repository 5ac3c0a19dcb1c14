"""Anonymous follow-up: a random secret given once at filing, kept only as its SHA-256.

Whoever holds the number and the secret follows the complaint (the tracking link); the
views then act as a `TrackingHolder` of that one complaint, which the policies accept for
the complainant's own actions and nothing else.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass


def new_token() -> str:
    """A fresh URL-safe secret (32 characters, 192 bits)."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def source_digest(address: str) -> str:
    """A keyed digest of a network address (HMAC with the secret key): equal addresses give
    equal digests, and the address cannot be read back from it."""
    from django.conf import settings

    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"complaints-source:{address}".encode(), hashlib.sha256).hexdigest()


def token_matches(token: str | None, digest: str) -> bool:
    """Constant-time comparison; an empty digest (no anonymous follow-up) never matches."""
    if not token or not digest or not isinstance(token, str):
        return False
    return hmac.compare_digest(token_digest(token), digest)


@dataclass(frozen=True)
class TrackingHolder:
    """The anonymous person holding the tracking link of complaint `complaint_id`. Not
    authenticated and without any membership: every staff policy refuses it."""

    complaint_id: int
    is_authenticated: bool = False
    is_active: bool = False
    pk: None = None

    def __str__(self) -> str:
        return "anonymous complainant (tracking link)"
