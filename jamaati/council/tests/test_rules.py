"""Each number of rules.py against the text of the law (docs: morocco.md §6), and the small
arithmetic of the law: months_later, quorum, share_reached, the subjects' majority and visa."""

from datetime import date

import pytest

from jamaati.council import rules
from jamaati.council.rules import ItemSubject

# (rule, the law's figure, the unit, the article) as written in morocco.md §6.
LAW = [
    (rules.ORDINARY_FIRST_WEEK_LAST_DAY, 7, "day of the month", "art. 33"),
    (rules.SESSION_MAX_DAYS, 15, "calendar days", "art. 33"),
    (rules.SESSION_EXTENSION_MAX, 7, "working days", "art. 34"),
    (rules.EXTRAORDINARY_MAX, 7, "working days", "art. 37"),
    (rules.REFUSAL_REASONS_DAYS, 10, "calendar days", "art. 36"),
    (rules.MAJORITY_REQUEST_SESSION_DAYS, 15, "calendar days", "art. 36"),
    (rules.GOVERNOR_SESSION_DAYS, 10, "calendar days", "art. 36"),
    (rules.NOTICE, 10, "calendar days", "art. 35"),
    (rules.GOVERNOR_NOTICE, 3, "calendar days", "art. 36"),
    (rules.AGENDA_TO_GOVERNOR, 20, "calendar days", "art. 39"),
    (rules.GOVERNOR_ADDITIONS, 8, "calendar days", "art. 39"),
    (rules.WRITTEN_QUESTION_LEAD_MONTHS, 1, "months", "art. 46"),
    (rules.SECOND_CALL_MIN, 3, "calendar days", "art. 42"),
    (rules.SECOND_CALL_MAX, 5, "calendar days", "art. 42"),
    (rules.THIRD_CALL_AFTER, 3, "working days", "art. 42"),
    (rules.GOVERNOR_NO_QUORUM_AFTER, 1, "calendar days", "art. 36"),
    (rules.ABSENCES_CONSECUTIVE, 3, "sessions", "art. 67"),
    (rules.ABSENCES_TOTAL, 5, "sessions", "art. 67"),
    (rules.MINUTES_TO_MEMBERS, 15, "calendar days", "art. 49"),
    (rules.DECISIONS_POSTED, 8, "calendar days", "art. 273"),
    (rules.TRANSMISSION, 15, "working days", "art. 116"),
    (rules.TRANSMISSION_URBANISM, 5, "working days", "art. 116"),
    (rules.OPPOSITION, 3, "working days", "art. 117"),
    (rules.VISA, 20, "calendar days", "art. 118"),
    (rules.PETITION_SIGNATURES_SMALL, 100, "signatures", "art. 125"),
    (rules.PETITION_SIGNATURES_OTHER, 200, "signatures", "art. 125"),
    (rules.PETITION_SIGNATURES_ARRONDISSEMENTS, 400, "signatures", "art. 125"),
    (rules.ASSOCIATION_MIN_AGE, 3, "years", "art. 125"),
    (rules.PETITION_ANSWER, 3, "months", "art. 125"),
]


@pytest.mark.parametrize(("rule", "figure", "unit", "article"), LAW)
def test_each_number_is_the_laws(rule, figure, unit, article):
    assert rule.value == figure
    assert rule.unit == unit
    assert rule.basis == f"Loi organique 113.14, {article}"


def test_every_rule_of_the_module_is_in_the_table():
    declared = {id(v) for v in vars(rules).values() if isinstance(v, rules.Rule)}
    checked = {id(rule) for rule, *_ in LAW}
    # The population threshold of art. 125 comes from the decree, not from §6's text.
    checked.add(id(rules.PETITION_SMALL_COMMUNE_POPULATION))
    assert declared == checked


def test_shares_and_months_are_the_laws():
    assert rules.ORDINARY_MONTHS == (2, 5, 10)
    assert rules.MEMBERS_REQUEST_SHARE == (1, 3)
    assert rules.MANDATORY_ITEM_SHARE == (1, 2)
    assert rules.CLOSED_SITTING_SHARE == (1, 3)
    assert "art. 33" in rules.ORDINARY_MONTHS_BASIS
    assert "art. 36" in rules.MEMBERS_REQUEST_BASIS
    assert "art. 40" in rules.MANDATORY_ITEM_BASIS
    assert "art. 48" in rules.CLOSED_SITTING_BASIS


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),  # leap year
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
        (date(2028, 3, 31), -1, date(2028, 2, 29)),
        (date(2027, 2, 1), -1, date(2027, 1, 1)),
        (date(2027, 1, 15), -1, date(2026, 12, 15)),  # across the year
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2027, 10, 31), 0, date(2027, 10, 31)),
        (date(2027, 5, 31), -3, date(2027, 2, 28)),
        (date(2027, 1, 31), 12, date(2028, 1, 31)),
        (date(2027, 1, 31), -13, date(2025, 12, 31)),
    ],
)
def test_months_later_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert rules.months_later(day, months) == expected


@pytest.mark.parametrize(
    ("in_office", "needed"), [(1, 1), (2, 2), (10, 6), (11, 6), (12, 7), (35, 18), (0, 1)]
)
def test_quorum_is_more_than_half(in_office, needed):
    assert rules.quorum(in_office) == needed
    assert needed * 2 > in_office
    assert (needed - 1) * 2 <= in_office


@pytest.mark.parametrize(
    ("count", "of", "share", "reached"),
    [
        (4, 11, (1, 3), True),
        (3, 11, (1, 3), False),
        (3, 9, (1, 3), True),
        (2, 9, (1, 3), False),
        (6, 11, (1, 2), True),
        (5, 11, (1, 2), False),
        (5, 10, (1, 2), True),
        (0, 0, (1, 3), False),  # no council: nothing is reached
        (0, 5, (1, 3), False),
    ],
)
def test_share_reached_at_the_exact_fraction(count, of, share, reached):
    assert rules.share_reached(count, of, share) is reached


def test_subjects_needing_the_absolute_majority_are_the_five_of_art_43():
    needing = {s for s in ItemSubject if rules.needs_absolute_majority(s)}
    assert needing == {
        ItemSubject.ACTION_PROGRAMME,
        ItemSubject.DEVELOPMENT_COMPANY,
        ItemSubject.MANAGEMENT_MODE,
        ItemSubject.PARTNERSHIP,
        ItemSubject.SHARED_COMPETENCE,
    }


def test_subjects_needing_the_visa_are_the_seven_of_art_118():
    needing = {s for s in ItemSubject if rules.needs_visa(s)}
    assert needing == {
        ItemSubject.ACTION_PROGRAMME,
        ItemSubject.BUDGET,
        ItemSubject.ORGANISATION,
        ItemSubject.FINANCIAL,
        ItemSubject.STREET_NAMES,
        ItemSubject.TWINNING,
        ItemSubject.PUBLIC_SERVICES,
    }


def test_urbanism_is_transmitted_within_five_working_days():
    assert rules.transmission_rule(ItemSubject.URBANISM) is rules.TRANSMISSION_URBANISM
    assert rules.transmission_rule(ItemSubject.BUDGET) is rules.TRANSMISSION
