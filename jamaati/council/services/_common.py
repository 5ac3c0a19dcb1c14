"""Input helpers the council's services share: a refusal on one field, a person's text, a
date from a form or an API, a day as people read it. Each raises before anything is written."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def refusal(field: str, message: Any, code: str = "invalid") -> ValidationError:
    """A ValidationError on `field` with `code` (the caller raises it)."""
    return ValidationError({field: [ValidationError(message, code=code)]})


def person_text(value: Any, field: str, limit: int) -> str:
    """A person's text, stripped and cut to `limit`; refused when it holds a NUL character
    (which PostgreSQL cannot store)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    if "\x00" in value:
        raise refusal(field, _("The text contains a character that is not allowed."), "null")
    return value.strip()[:limit]


def as_date(value: Any, field: str) -> date:
    """A date given as a date or an ISO string; a datetime or anything else is refused."""
    if isinstance(value, datetime):
        raise refusal(field, _("Enter a valid date."), "date")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise refusal(field, _("Enter a valid date."), "date") from None


def day_text(day: date) -> str:
    """A day as the messages print it ("1 February 2027", in the active language)."""
    return date_format(day, "j F Y")


def now_or(now: datetime | None) -> datetime:
    """`now` when a service was given the moment of a step, else the current time."""
    return now if now is not None else timezone.now()


def local_day(moment: datetime) -> date:
    """The day of `moment` in Morocco's time zone."""
    return timezone.localdate(moment)
