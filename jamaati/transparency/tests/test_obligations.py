"""The register's rules on fixed dates: published, late, missing; every obligation is data
with a legal basis."""

from datetime import date

import pytest

from jamaati.transparency.obligations import (
    BY_KEY,
    OBLIGATIONS,
    Periodicity,
    Status,
    obligation_status,
)
from jamaati.transparency.selectors import register_of
from jamaati.transparency.tests.factories import make_publication

BUDGET = BY_KEY["budget"]
ACCOUNTS = BY_KEY["accounts"]
PLAN = BY_KEY["procurement_plan"]


def test_every_obligation_has_basis_and_rule():
    assert len(OBLIGATIONS) >= 10
    for obligation in OBLIGATIONS:
        assert "31.13" in str(obligation.legal_basis)
        if obligation.periodicity == Periodicity.ANNUAL:
            assert obligation.due_month
            assert obligation.due_day
            assert str(obligation.due_rule)
            date(2026, obligation.due_month, obligation.due_day)  # a real date


@pytest.mark.parametrize(
    ("obligation", "today", "expected"),
    [
        (BUDGET, date(2026, 1, 31), (2026, date(2026, 1, 31))),
        (BUDGET, date(2026, 1, 30), (2025, date(2025, 1, 31))),
        (ACCOUNTS, date(2026, 7, 1), (2025, date(2026, 6, 30))),
        (ACCOUNTS, date(2026, 6, 29), (2024, date(2025, 6, 30))),
        (PLAN, date(2026, 4, 1), (2026, date(2026, 3, 31))),
    ],
)
def test_expected_period_and_due_date(obligation, today, expected):
    assert obligation.expected(today) == expected


def test_annual_statuses_on_fixed_dates():
    # No 2026 budget on 1 February 2026: late; the 2025 one does not count.
    assert obligation_status(BUDGET, [2025], date(2026, 2, 1)) == Status.LATE
    # Before its due date, last year's budget is what is expected.
    assert obligation_status(BUDGET, [2025], date(2026, 1, 15)) == Status.PUBLISHED
    assert obligation_status(BUDGET, [2026], date(2026, 2, 1)) == Status.PUBLISHED
    # Published early for next year also satisfies this year's check.
    assert obligation_status(BUDGET, [2027], date(2026, 12, 1)) == Status.PUBLISHED
    # The procurement plan of the year is late after March.
    assert obligation_status(PLAN, [], date(2026, 3, 31)) == Status.LATE
    assert obligation_status(PLAN, [None], date(2026, 4, 2)) == Status.LATE


def test_permanent_and_event_statuses():
    services, recruitment = BY_KEY["services"], BY_KEY["recruitment"]
    assert obligation_status(services, [], date(2026, 5, 1)) == Status.MISSING
    assert obligation_status(services, [None], date(2026, 5, 1)) == Status.PUBLISHED
    assert obligation_status(recruitment, [], date(2026, 5, 1)) == Status.MISSING
    assert obligation_status(recruitment, [None], date(2026, 5, 1)) == Status.PUBLISHED


@pytest.mark.django_db
def test_register_completeness(commune_a, commune_b, agent):
    make_publication(commune_a, agent, obligation="budget", period_year=2026)
    make_publication(commune_a, agent, obligation="services", period_year=None)
    make_publication(commune_b, agent, obligation="rights", period_year=None)  # not counted
    register = register_of(commune_a, today=date(2026, 11, 22))
    statuses = {line.obligation.key: line.status for line in register.lines}
    assert statuses["budget"] == Status.PUBLISHED
    assert statuses["services"] == Status.PUBLISHED
    assert statuses["accounts"] == Status.LATE
    assert statuses["rights"] == Status.MISSING
    assert register.published_count == 2
    assert register.completeness == (200 // len(OBLIGATIONS))
