"""The declaration of a legal clock, as data: what a workflow transition starts."""

from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import ImproperlyConfigured

WORKING = "working"
# The longest reminder the daily sweep looks ahead for (a bound on the rows it reads).
MAX_REMIND_DAYS = 60
CALENDAR = "calendar"
CalendarKind = Literal["working", "calendar"]


@dataclass(frozen=True)
class DeadlineSpec:
    """A legal delay: `days` counted in working or calendar days from the day after its start.

    `on_expiry` names the workflow transition applied when the delay runs out (deemed
    acceptance, escalation), or None when expiry only flags the file as overdue.
    Suspension and extension rules are those of the text: law 55.19 art. 14 allows one
    suspension within the first half of the delay (`max_suspensions=1`,
    `suspend_within_first_half=True`); art. 17 one extension. `extension_days` is the length
    of an extension; None means an extension equal to the delay (law 31.13 art. 16).
    `remind_days_before` asks the daily sweep to send `deadline_reminder` that many calendar
    days before the due day (again after the due day moves); None sends no reminder.
    """

    kind: str
    days: int
    calendar: CalendarKind
    legal_basis: str
    on_expiry: str | None = None
    max_suspensions: int = 1
    suspend_within_first_half: bool = False
    max_extensions: int = 1
    extension_days: int | None = None
    remind_days_before: int | None = None

    def __post_init__(self) -> None:
        if (
            not self.kind
            or not self.kind.replace("_", "").isalnum()
            or self.kind != self.kind.lower()
        ):
            raise ImproperlyConfigured(f"deadline kind {self.kind!r}: use lowercase letters and _")
        if self.days <= 0:
            raise ImproperlyConfigured(f"deadline {self.kind!r}: days must be positive")
        if self.calendar not in (WORKING, CALENDAR):
            raise ImproperlyConfigured(
                f"deadline {self.kind!r}: calendar must be 'working' or 'calendar'"
            )
        if not self.legal_basis.strip():
            raise ImproperlyConfigured(f"deadline {self.kind!r}: a legal basis is required")
        if self.max_suspensions < 0 or self.max_extensions < 0:
            raise ImproperlyConfigured(f"deadline {self.kind!r}: limits cannot be negative")
        if self.extension_days is not None and self.extension_days <= 0:
            raise ImproperlyConfigured(f"deadline {self.kind!r}: extension_days must be positive")
        if self.remind_days_before is not None and not (
            0 < self.remind_days_before < self.days and self.remind_days_before <= MAX_REMIND_DAYS
        ):
            raise ImproperlyConfigured(
                f"deadline {self.kind!r}: remind_days_before must be between 1 and days - 1, "
                f"and at most {MAX_REMIND_DAYS}"
            )

    @property
    def extension_length(self) -> int:
        """The days one extension adds."""
        return self.extension_days if self.extension_days is not None else self.days
