"""Moroccan working days and public holidays, and the day arithmetic of legal delays.

    add_working_days(start, days)   the days-th working day after start
    add_calendar_days(start, days)  start + days, moved to the next working day if it is not one
    is_working_day(day)             Monday to Friday and not a public holiday
    on_holidays_changed(callback)   called with the changed days when an administrator
                                    confirms, moves or adds a holiday (running clocks recompute)

Holidays come from the `holidays` package (Islamic ones are estimated there); administrators'
decisions, stored as HolidayDecision rows, are applied on top.
"""

from jamaati.core.calendar.days import (
    add_calendar_days,
    add_working_days,
    is_working_day,
    next_working_day,
)
from jamaati.core.calendar.holidays import Holiday, holidays_of_year, on_holidays_changed

__all__ = [
    "Holiday",
    "add_calendar_days",
    "add_working_days",
    "holidays_of_year",
    "is_working_day",
    "next_working_day",
    "on_holidays_changed",
]
