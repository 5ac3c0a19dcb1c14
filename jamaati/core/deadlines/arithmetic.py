"""The day arithmetic of legal delays, as pure functions.

Counting convention: a delay starts the day AFTER its start date. Day 1 is the first counted
day after the start (the next working day for working-day delays, the next day for
calendar-day delays), and the delay ends at the end of its last counted day: the due day is
still within the delay, the clock expires the day after.

- Working-day delays count Monday to Friday minus public holidays.
- Calendar-day delays count every day; one that ends on a weekend or a holiday moves to the
  next working day.
- A suspension on day S consumes the days counted up to and including S; the clock restarts
  the day after the resumption day R, with the remaining days: due = add(R, remaining).

Every function takes an optional `is_working_day(day) -> bool` predicate, so the rules can be
tested without a database; by default it is the Moroccan calendar of `jamaati.core.calendar`
(weekends and holidays, administrators' decisions included), each year's holidays read once.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from jamaati.core.deadlines.specs import CALENDAR, WORKING

WorkingDayTest = Callable[[date], bool]
Period = tuple[date, date | None]  # a suspension: (suspended on, resumed on or None if open)
_ONE_DAY = timedelta(days=1)


def moroccan_working_day() -> WorkingDayTest:
    """The Moroccan calendar's working-day test, reading each year's holidays at most once."""
    from jamaati.core.calendar.days import WEEKEND
    from jamaati.core.calendar.holidays import holiday_days

    years: dict[int, frozenset[date]] = {}

    def is_working_day(day: date) -> bool:
        if day.weekday() in WEEKEND:
            return False
        if day.year not in years:
            years[day.year] = holiday_days(day.year)
        return day not in years[day.year]

    return is_working_day


def _check(calendar: str) -> None:
    if calendar not in (WORKING, CALENDAR):
        raise ValueError(f"unknown calendar {calendar!r}")


def due_date(
    start: date, days: int, calendar: str, *, is_working_day: WorkingDayTest | None = None
) -> date:
    """The last day of a delay of `days` counted from the day after `start`.

    Working days: the `days`-th working day after `start` (0: the first working day from
    `start` on). Calendar days: `start + days`, moved to the next working day when it is not
    one.
    """
    _check(calendar)
    if days < 0:
        raise ValueError("a legal delay cannot be negative")
    works = is_working_day or moroccan_working_day()
    day = start
    if calendar == WORKING and days > 0:
        counted = 0
        while counted < days:
            day += _ONE_DAY
            if works(day):
                counted += 1
        return day
    day = start + timedelta(days=days) if calendar == CALENDAR else start
    while not works(day):
        day += _ONE_DAY
    return day


def days_counted(
    after: date, until: date, calendar: str, *, is_working_day: WorkingDayTest | None = None
) -> int:
    """How many delay days lie in (`after`, `until`]: working days, or calendar days."""
    _check(calendar)
    if until <= after:
        return 0
    if calendar == CALENDAR:
        return (until - after).days
    works = is_working_day or moroccan_working_day()
    count, day = 0, after
    while day < until:
        day += _ONE_DAY
        if works(day):
            count += 1
    return count


def remaining_days(
    today: date, due_on: date, calendar: str, *, is_working_day: WorkingDayTest | None = None
) -> int:
    """Delay days left after `today` up to `due_on` (0 on the due day); negative when overdue."""
    if due_on >= today:
        return days_counted(today, due_on, calendar, is_working_day=is_working_day)
    return -days_counted(due_on, today, calendar, is_working_day=is_working_day)


@dataclass(frozen=True)
class Schedule:
    """A clock's dates given its suspension history.

    `due_on` is None while a suspension is open; `remaining_days` is what is left when the
    last suspension began (the whole delay when there was none); `consumed_days` is what was
    used before it.
    """

    due_on: date | None
    remaining_days: int
    consumed_days: int


def schedule(
    starts_on: date,
    days: int,
    calendar: str,
    suspensions: Sequence[Period] = (),
    *,
    is_working_day: WorkingDayTest | None = None,
) -> Schedule:
    """Replay a clock: run from `starts_on`, stand still during each suspension, then finish.

    Each running stretch consumes the days counted in (restart, suspension day]; a resumption
    on R restarts the count the day after R. Days consumed past the end of the delay (a
    calendar-day delay whose end moved over a weekend) leave zero remaining, never less.
    """
    works = is_working_day or moroccan_working_day()
    cursor, consumed = starts_on, 0
    for suspended_on, resumed_on in suspensions:
        if suspended_on < cursor:
            raise ValueError("suspensions must be in order and after the start")
        consumed += days_counted(cursor, suspended_on, calendar, is_working_day=works)
        if resumed_on is None:
            return Schedule(None, max(days - consumed, 0), consumed)
        if resumed_on < suspended_on:
            raise ValueError("a suspension cannot end before it began")
        cursor = resumed_on
    remaining = max(days - consumed, 0)
    return Schedule(
        due_date(cursor, remaining, calendar, is_working_day=works), remaining, consumed
    )
