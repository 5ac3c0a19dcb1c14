"""The day arithmetic of legal delays, without a database (a fixed calendar), then checked
against the real Moroccan calendar."""

from datetime import date, timedelta

import pytest

from jamaati.core.calendar import add_calendar_days, add_working_days
from jamaati.core.deadlines.arithmetic import (
    days_counted,
    due_date,
    remaining_days,
    schedule,
)

# A fixed calendar for the pure tests: weekends, Labour Day and two Eid days of 2026.
HOLIDAYS = {date(2026, 5, 1), date(2026, 5, 27), date(2026, 5, 28)}


def works(day: date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def test_working_day_delay_starts_the_day_after_and_skips_holidays():
    # Thu 30 April; Fri 1 May is off, Sat 2 and Sun 3 too: day 1 is Mon 4 May.
    assert due_date(date(2026, 4, 30), 1, "working", is_working_day=works) == date(2026, 5, 4)
    # Days 1-5 on 4-8 May, 6-10 on 11-15, 11-15 on 18-22: day 15 is Fri 22 May.
    assert due_date(date(2026, 4, 30), 15, "working", is_working_day=works) == date(2026, 5, 22)
    # Days 16-17 on 25-26 May, 27-28 off, day 18 on Fri 29 May.
    assert due_date(date(2026, 4, 30), 18, "working", is_working_day=works) == date(2026, 5, 29)


def test_calendar_day_delay_ending_on_a_weekend_moves_to_monday():
    # Thu 1 Oct + 10 days = Sun 11 Oct -> Mon 12 Oct.
    assert due_date(date(2026, 10, 1), 10, "calendar", is_working_day=works) == date(2026, 10, 12)
    # Sat 18 Apr + 13 days = Fri 1 May (holiday), then the weekend -> Mon 4 May.
    assert due_date(date(2026, 4, 18), 13, "calendar", is_working_day=works) == date(2026, 5, 4)


def test_zero_days_gives_the_first_working_day_from_the_start():
    assert due_date(date(2026, 5, 1), 0, "working", is_working_day=works) == date(2026, 5, 4)
    assert due_date(date(2026, 5, 4), 0, "working", is_working_day=works) == date(2026, 5, 4)


def test_days_counted_excludes_the_first_day_and_includes_the_last():
    assert days_counted(date(2026, 4, 30), date(2026, 5, 8), "working", is_working_day=works) == 5
    assert days_counted(date(2026, 4, 30), date(2026, 5, 8), "calendar") == 8
    assert days_counted(date(2026, 5, 8), date(2026, 5, 8), "working", is_working_day=works) == 0
    assert days_counted(date(2026, 5, 8), date(2026, 5, 1), "calendar") == 0


def test_remaining_days_is_zero_on_the_due_day_and_negative_when_overdue():
    due = date(2026, 5, 29)
    assert remaining_days(date(2026, 5, 29), due, "working", is_working_day=works) == 0
    # After Mon 25 May: Tue 26 and Fri 29 (27, 28 are Eid).
    assert remaining_days(date(2026, 5, 25), due, "working", is_working_day=works) == 2
    # Overdue on Tue 2 June by Mon 1 and Tue 2 June.
    assert remaining_days(date(2026, 6, 2), due, "working", is_working_day=works) == -2
    assert remaining_days(date(2026, 5, 20), due, "calendar") == 9


def test_schedule_without_suspension_is_the_plain_due_date():
    plan = schedule(date(2026, 4, 30), 15, "working", is_working_day=works)
    assert (plan.due_on, plan.remaining_days, plan.consumed_days) == (date(2026, 5, 22), 15, 0)


def test_suspension_keeps_the_days_left_and_the_count_restarts_after_resumption():
    # 15 working days from Thu 30 April. Suspended on Fri 8 May: 5 days used (4-8 May), 10
    # left. Resumed on Wed 20 May: day 1 is Thu 21, 2 Fri 22, 3-4 Mon 25-Tue 26, (27-28 Eid),
    # 5 Fri 29, 6-10 Mon 1-Fri 5 June -> due Fri 5 June.
    open_plan = schedule(
        date(2026, 4, 30), 15, "working", [(date(2026, 5, 8), None)], is_working_day=works
    )
    assert (open_plan.due_on, open_plan.remaining_days, open_plan.consumed_days) == (None, 10, 5)
    plan = schedule(
        date(2026, 4, 30),
        15,
        "working",
        [(date(2026, 5, 8), date(2026, 5, 20))],
        is_working_day=works,
    )
    assert plan.due_on == date(2026, 6, 5)


def test_two_suspensions_are_replayed_in_order():
    # 10 calendar days from 1 Oct: suspended 3 Oct (2 used), resumed 10 Oct, suspended 12 Oct
    # (2 more), resumed 20 Oct: 6 left -> 26 Oct (a Monday).
    plan = schedule(
        date(2026, 10, 1),
        10,
        "calendar",
        [(date(2026, 10, 3), date(2026, 10, 10)), (date(2026, 10, 12), date(2026, 10, 20))],
        is_working_day=works,
    )
    assert (plan.due_on, plan.consumed_days) == (date(2026, 10, 26), 4)


def test_days_used_past_a_moved_end_leave_zero_not_a_negative_delay():
    # 10 calendar days from Thu 1 Oct end Sun 11 -> Mon 12; a suspension on Mon 12 has used 11.
    plan = schedule(
        date(2026, 10, 1),
        10,
        "calendar",
        [(date(2026, 10, 12), date(2026, 10, 14))],
        is_working_day=works,
    )
    assert plan.remaining_days == 0
    assert plan.due_on == date(2026, 10, 14)


def test_a_resumption_before_the_suspension_is_refused():
    with pytest.raises(ValueError, match="before it began"):
        schedule(date(2026, 10, 1), 10, "calendar", [(date(2026, 10, 5), date(2026, 10, 4))])


def test_unknown_calendar_and_negative_delay_are_refused():
    with pytest.raises(ValueError, match="calendar"):
        due_date(date(2026, 10, 1), 10, "lunar", is_working_day=works)
    with pytest.raises(ValueError, match="negative"):
        due_date(date(2026, 10, 1), -1, "working", is_working_day=works)


@pytest.mark.django_db
def test_default_calendar_agrees_with_the_calendar_module_for_a_whole_year():
    start = date(2026, 1, 1)
    for offset in range(0, 366, 3):
        day = start + timedelta(days=offset)
        for n in (1, 10, 30):
            assert due_date(day, n, "working") == add_working_days(day, n), (day, n)
            assert due_date(day, n, "calendar") == add_calendar_days(day, n), (day, n)
