from datetime import date

import pytest

from jamaati.core.calendar import (
    add_calendar_days,
    add_working_days,
    is_working_day,
    next_working_day,
)

pytestmark = pytest.mark.django_db


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2026, 4, 30))  # Thursday
    assert not is_working_day(date(2026, 5, 1))  # Labour Day (Friday)
    assert not is_working_day(date(2026, 5, 2))  # Saturday
    assert not is_working_day(date(2026, 5, 3))  # Sunday
    assert not is_working_day(date(2026, 11, 18))  # Independence Day


def test_working_days_start_counting_the_day_after_and_skip_a_holiday_weekend():
    # Thursday 30 April 2026: Fri 1 May (Labour Day), Sat 2, Sun 3 are off -> Mon 4 May.
    assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 4)


def test_thirty_working_days_skip_labour_day_and_eid_al_adha():
    # From Wed 30 April 2025: May has 22 weekdays, minus 1 May = 21; then June 2-5 (4),
    # Fri 6 June is Eid al-Adha (estimated), June 9-13 (5): 21 + 4 + 5 = 30 -> Fri 13 June.
    assert add_working_days(date(2025, 4, 30), 30) == date(2025, 6, 13)


def test_zero_working_days_gives_the_first_working_day_from_the_start():
    assert add_working_days(date(2026, 4, 29), 0) == date(2026, 4, 29)
    assert add_working_days(date(2026, 5, 1), 0) == date(2026, 5, 4)


def test_calendar_delay_ending_on_a_holiday_or_weekend_moves_to_the_next_working_day():
    # Thu 5 Nov 2026 + 1 day = Fri 6 Nov (Green March), then the weekend -> Mon 9 Nov.
    assert add_calendar_days(date(2026, 11, 5), 1) == date(2026, 11, 9)
    # A delay ending on a working day stays there.
    assert add_calendar_days(date(2026, 11, 2), 2) == date(2026, 11, 4)


def test_a_delay_crosses_the_year_end():
    # Wed 30 Dec 2026 + 2 working days: Thu 31 Dec, Fri 1 Jan (New Year) off -> Mon 4 Jan.
    assert add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_next_working_day():
    assert next_working_day(date(2026, 5, 1)) == date(2026, 5, 4)
    assert next_working_day(date(2026, 5, 4)) == date(2026, 5, 4)


@pytest.mark.parametrize("fn", [add_working_days, add_calendar_days])
def test_negative_delays_are_refused(fn):
    with pytest.raises(ValueError, match="negative"):
        fn(date(2026, 1, 5), -1)


def test_a_year_of_holidays_is_read_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(date(2026, 1, 5), 200)
