"""Day arithmetic over the Moroccan calendar: weekends (Saturday, Sunday) and holidays.

A delay of n days starts the day after its start date: `add_working_days(d, 1)` is the first
working day after `d`. The holidays of each year are read once per call.
"""

from collections.abc import Callable
from datetime import date, timedelta

from jamaati.core.calendar.holidays import holiday_days

WEEKEND = frozenset({5, 6})  # Saturday, Sunday
_ONE_DAY = timedelta(days=1)


class _Calendar:
    """Holiday sets by year, fetched at most once for the life of one computation."""

    def __init__(self, fetch: Callable[[int], frozenset[date]] = holiday_days) -> None:
        self._fetch = fetch
        self._years: dict[int, frozenset[date]] = {}

    def is_working_day(self, day: date) -> bool:
        if day.weekday() in WEEKEND:
            return False
        if day.year not in self._years:
            self._years[day.year] = self._fetch(day.year)
        return day not in self._years[day.year]


def is_working_day(day: date) -> bool:
    """True from Monday to Friday when the day is not a public holiday."""
    return _Calendar().is_working_day(day)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    calendar = _Calendar()
    while not calendar.is_working_day(day):
        day += _ONE_DAY
    return day


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself is never counted); 0 gives the
    first working day from `start` on."""
    if days < 0:
        raise ValueError("a legal delay cannot be negative")
    calendar = _Calendar()
    day = start
    if days == 0:
        while not calendar.is_working_day(day):
            day += _ONE_DAY
        return day
    counted = 0
    while counted < days:
        day += _ONE_DAY
        if calendar.is_working_day(day):
            counted += 1
    return day


def add_calendar_days(start: date, days: int) -> date:
    """`start` + `days` calendar days; a delay ending on a weekend or holiday moves to the next
    working day."""
    if days < 0:
        raise ValueError("a legal delay cannot be negative")
    calendar = _Calendar()
    day = start + timedelta(days=days)
    while not calendar.is_working_day(day):
        day += _ONE_DAY
    return day
