"""The public holidays of a year: the `holidays` package's, with administrators' decisions."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays as holidays_lib
from django.utils.text import slugify

from jamaati.core.calendar.models import HolidayDecision

COUNTRY = "MA"
_ESTIMATED_EN = " (estimated)"
_CALLBACKS: list[Callable[[set[date]], None]] = []


@dataclass(frozen=True)
class Holiday:
    key: str
    day: date
    name_ar: str
    name_fr: str
    is_estimated: bool  # an Islamic date from the package that no administrator confirmed yet
    decision: str = ""  # "", "confirm", "move" or "add"
    library_day: date | None = None  # where the package put it, when it was moved


def _strip(name: str) -> str:
    for suffix in (_ESTIMATED_EN, " (estimé)", " (تقديري)"):
        name = name.replace(suffix, "")
    return name.strip()


@lru_cache(maxsize=64)
def library_holidays(year: int) -> tuple[Holiday, ...]:
    """The package's holidays of `year`, each with a stable key (`eid-al-fitr-2`)."""
    en = holidays_lib.country_holidays(COUNTRY, years=year, language="en_US")
    ar = holidays_lib.country_holidays(COUNTRY, years=year, language="ar")
    fr = holidays_lib.country_holidays(COUNTRY, years=year, language="fr")
    seen: dict[str, int] = {}
    result = []
    for day, names in sorted(en.items()):
        ar_names = ar.get(day, "").split("; ")
        fr_names = fr.get(day, "").split("; ")
        for i, name in enumerate(names.split("; ")):
            base = slugify(_strip(name))
            seen[base] = seen.get(base, 0) + 1
            result.append(
                Holiday(
                    key=f"{base}-{seen[base]}",
                    day=day,
                    name_ar=_strip(ar_names[i] if i < len(ar_names) else ar_names[0]),
                    name_fr=_strip(fr_names[i] if i < len(fr_names) else fr_names[0]),
                    is_estimated=_ESTIMATED_EN in name,
                )
            )
    return tuple(result)


def holidays_of_year(year: int) -> list[Holiday]:
    """The effective holidays of `year`, in date order: the package's, confirmed, moved or
    added by administrators (one query)."""
    decisions = {d.key: d for d in HolidayDecision.objects.filter(year=year)}
    effective = []
    for h in library_holidays(year):
        d = decisions.pop(h.key, None)
        if d is None:
            effective.append(h)
        elif d.action == HolidayDecision.Action.CONFIRM:
            effective.append(Holiday(h.key, h.day, h.name_ar, h.name_fr, False, d.action))
        else:
            effective.append(Holiday(h.key, d.day, h.name_ar, h.name_fr, False, d.action, h.day))
    for d in decisions.values():
        if d.action == HolidayDecision.Action.ADD:
            effective.append(Holiday(d.key, d.day, d.name_ar, d.name_fr, False, d.action))
    return sorted(effective, key=lambda h: (h.day, h.key))


def holiday_days(year: int) -> frozenset[date]:
    """The days off for holidays in `year` (weekends are not included)."""
    return frozenset(h.day for h in holidays_of_year(year))


def on_holidays_changed(callback: Callable[[set[date]], None]) -> Callable[[set[date]], None]:
    """Register `callback(changed_days)`, run inside the transaction that changes a holiday."""
    _CALLBACKS.append(callback)
    return callback


def notify_holidays_changed(changed: set[date]) -> None:
    """Run every registered callback with the days that stopped or started being holidays."""
    for callback in list(_CALLBACKS):
        callback(set(changed))
