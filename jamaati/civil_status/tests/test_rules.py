"""The declaration limits of D3621 art. 40-41 on the Moroccan calendar."""

from datetime import date

import pytest

from jamaati.civil_status import rules
from jamaati.civil_status.services import declaration_limit, is_late

pytestmark = pytest.mark.django_db


def test_thirty_days_after_the_birth():
    # 2 March 2026 + 30 days = Wednesday 1 April, a working day.
    assert rules.DECLARATION.last_day(date(2026, 3, 2)) == date(2026, 4, 1)


def test_a_limit_on_a_holiday_moves_to_the_next_working_day():
    # 1 April + 30 = Friday 1 May 2026 (Labour Day), then the weekend: Monday 4 May.
    assert rules.DECLARATION.last_day(date(2026, 4, 1)) == date(2026, 5, 4)


def test_a_limit_on_a_weekend_moves_to_monday():
    # 6 February 2026 + 30 = Sunday 8 March.
    assert rules.DECLARATION.last_day(date(2026, 2, 6)) == date(2026, 3, 9)


def test_one_year_abroad_moved_off_a_holiday():
    assert rules.DECLARATION_ABROAD.last_day(date(2025, 5, 1)) == date(2026, 5, 4)
    assert rules.DECLARATION_ABROAD.last_day(date(2025, 3, 2)) == date(2026, 3, 2)


def test_one_year_from_29_february():
    assert rules.DECLARATION_ABROAD.last_day(date(2024, 2, 29)) == date(2025, 2, 28)


def test_the_officer_has_sixty_days_for_a_death():
    assert declaration_limit("death", "officer", False) is rules.DEATH_BY_OFFICER
    assert declaration_limit("death", "child", False) is rules.DECLARATION
    assert declaration_limit("birth", "father", True) is rules.DECLARATION_ABROAD
    assert rules.DEATH_BY_OFFICER.last_day(date(2026, 3, 2)) == date(2026, 5, 4)


@pytest.mark.parametrize(
    ("declared_on", "late"),
    [(date(2026, 5, 1), False), (date(2026, 5, 4), False), (date(2026, 5, 5), True)],
)
def test_late_on_both_sides_of_the_limit(declared_on, late):
    assert is_late("birth", "father", False, date(2026, 4, 1), declared_on) is late


def test_every_limit_cites_its_article():
    for limit in (rules.DECLARATION, rules.DECLARATION_ABROAD, rules.DEATH_BY_OFFICER):
        assert "art." in limit.basis
    assert rules.LATE_AUTHORISATION_DAYS == 60
    assert "art. 41" in rules.LATE_AUTHORISATION_BASIS


def test_parents_come_first_in_the_legal_order():
    order = rules.BIRTH_DECLARANTS
    assert order["father"] == order["mother"] == 1
    assert order["father"] < order["guardian"] < order["brother"] < order["nephew"]
    assert "officer" not in order
    assert rules.DEATH_DECLARANTS["officer"] == max(rules.DEATH_DECLARANTS.values())
