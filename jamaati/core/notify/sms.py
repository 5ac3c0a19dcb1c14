"""SMS backends. The console backend prints; a real gateway implements the same send()."""

import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsBackend(Protocol):
    def send(self, *, to: str, body: str) -> None: ...


class ConsoleSmsBackend:
    """Writes each SMS to standard output, like Django's console email backend."""

    def send(self, *, to: str, body: str) -> None:
        sys.stdout.write(f"[SMS to {to}] {body}\n")


class MemorySmsBackend:
    """Keeps sent messages in `outbox`, for tests."""

    outbox: list[dict[str, str]] = []

    def send(self, *, to: str, body: str) -> None:
        MemorySmsBackend.outbox.append({"to": to, "body": body})


def sms_backend() -> SmsBackend:
    """The configured SMS backend (settings.SMS_BACKEND)."""
    return import_string(settings.SMS_BACKEND)()
