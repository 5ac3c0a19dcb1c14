"""The rules of organic law 113.14 on council sessions, as data with their legal basis.

Every delay, threshold and majority the council app applies is read from here; services never
type a number of days. `docs/council.md` lists them in plain words, and
`tests/test_rules.py` checks each against the text.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

L113 = "Loi organique 113.14"


@dataclass(frozen=True)
class Rule:
    """A number the law sets, with the article that sets it."""

    value: int
    basis: str
    unit: str = ""  # "calendar days", "working days", "members", "signatures", "months"


# --- Sessions (art. 33-37) ---
ORDINARY_MONTHS = (2, 5, 10)  # first week of February, May and October (art. 33)
ORDINARY_MONTHS_BASIS = f"{L113}, art. 33"
ORDINARY_FIRST_WEEK_LAST_DAY = Rule(7, f"{L113}, art. 33", "day of the month")
SESSION_MAX_DAYS = Rule(15, f"{L113}, art. 33", "calendar days")
SESSION_EXTENSION_MAX = Rule(7, f"{L113}, art. 34", "working days")  # once
EXTRAORDINARY_MAX = Rule(7, f"{L113}, art. 37", "working days")
MEMBERS_REQUEST_SHARE = (1, 3)  # a third of the members in office may request (art. 36)
MEMBERS_REQUEST_BASIS = f"{L113}, art. 36"
REFUSAL_REASONS_DAYS = Rule(10, f"{L113}, art. 36", "calendar days")
MAJORITY_REQUEST_SESSION_DAYS = Rule(15, f"{L113}, art. 36", "calendar days")
GOVERNOR_SESSION_DAYS = Rule(10, f"{L113}, art. 36", "calendar days")

# --- Notice and agenda (art. 35, 38-41) ---
NOTICE = Rule(10, f"{L113}, art. 35", "calendar days")
GOVERNOR_NOTICE = Rule(3, f"{L113}, art. 36", "calendar days")
AGENDA_TO_GOVERNOR = Rule(20, f"{L113}, art. 39", "calendar days")
GOVERNOR_ADDITIONS = Rule(8, f"{L113}, art. 39", "calendar days")
MANDATORY_ITEM_SHARE = (1, 2)  # an item requested by half the members in office (art. 40)
MANDATORY_ITEM_BASIS = f"{L113}, art. 40"
WRITTEN_QUESTION_LEAD_MONTHS = Rule(1, f"{L113}, art. 46", "months")

# --- Sittings (art. 42-48) ---
SECOND_CALL_MIN = Rule(3, f"{L113}, art. 42", "calendar days")
SECOND_CALL_MAX = Rule(5, f"{L113}, art. 42", "calendar days")
THIRD_CALL_AFTER = Rule(3, f"{L113}, art. 42", "working days")
GOVERNOR_NO_QUORUM_AFTER = Rule(1, f"{L113}, art. 36", "calendar days")  # "the next day"
CLOSED_SITTING_SHARE = (1, 3)  # the president or a third of the members (art. 48)
CLOSED_SITTING_BASIS = f"{L113}, art. 48"
QUORUM_BASIS = f"{L113}, art. 42"
MAJORITY_BASIS = f"{L113}, art. 43"
# Counted in sessions: a member is absent from a session when at none of its sittings and
# excused at none (art. 67; press report TQ22 in the domain file).
ABSENCES_CONSECUTIVE = Rule(3, f"{L113}, art. 67", "sessions")
ABSENCES_TOTAL = Rule(5, f"{L113}, art. 67", "sessions")

# --- Records and control (art. 47-49, 116-118, 273) ---
MINUTES_TO_MEMBERS = Rule(15, f"{L113}, art. 49", "calendar days")
DECISIONS_POSTED = Rule(8, f"{L113}, art. 273", "calendar days")
TRANSMISSION = Rule(15, f"{L113}, art. 116", "working days")
TRANSMISSION_URBANISM = Rule(5, f"{L113}, art. 116", "working days")
OPPOSITION = Rule(3, f"{L113}, art. 117", "working days")
VISA = Rule(20, f"{L113}, art. 118", "calendar days")

# --- Petitions (art. 121-125) ---
PETITION_SIGNATURES_SMALL = Rule(100, f"{L113}, art. 125", "signatures")
PETITION_SIGNATURES_OTHER = Rule(200, f"{L113}, art. 125", "signatures")
PETITION_SIGNATURES_ARRONDISSEMENTS = Rule(400, f"{L113}, art. 125", "signatures")
PETITION_SMALL_COMMUNE_POPULATION = Rule(35000, f"{L113}, art. 125", "inhabitants")
ASSOCIATION_MIN_AGE = Rule(3, f"{L113}, art. 125", "years")
PETITION_ANSWER = Rule(3, f"{L113}, art. 125", "months")


def share_reached(count: int, of: int, share: tuple[int, int]) -> bool:
    """True when `count` is at least `share` (numerator, denominator) of `of` members."""
    numerator, denominator = share
    return of > 0 and count * denominator >= of * numerator


def months_later(day: date, months: int) -> date:
    """The same day `months` later (or earlier when negative), the month's last day when it
    has no such day: 30 November + 3 months is 28 February (29 in a leap year)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def quorum(in_office: int) -> int:
    """Members who must attend: more than half of the members in office (art. 42)."""
    return in_office // 2 + 1


class ItemSubject(models.TextChoices):
    """What an agenda item decides; the subject sets its majority and its control."""

    ACTION_PROGRAMME = "action_programme", _("Action programme")
    BUDGET = "budget", _("Budget")
    DEVELOPMENT_COMPANY = "development_company", _("Local development company")
    MANAGEMENT_MODE = "management_mode", _("Management mode of a public service")
    PARTNERSHIP = "partnership", _("Partnership or cooperation agreement")
    SHARED_COMPETENCE = "shared_competence", _("Exercise of a shared competence")
    ORGANISATION = "organisation", _("Organisation of the administration")
    FINANCIAL = "financial", _("Loans, guarantees, fees or property")
    STREET_NAMES = "street_names", _("Honorific names of streets and squares")
    TWINNING = "twinning", _("Twinning")
    PUBLIC_SERVICES = "public_services", _("Creation of public services")
    URBANISM = "urbanism", _("Urbanism")
    OTHER = "other", _("Other matter")


# Absolute majority of the members in office; failing it, a second sitting decides by votes
# cast (art. 43 para. 2).
ABSOLUTE_MAJORITY_SUBJECTS = frozenset(
    {
        ItemSubject.ACTION_PROGRAMME,
        ItemSubject.DEVELOPMENT_COMPANY,
        ItemSubject.MANAGEMENT_MODE,
        ItemSubject.PARTNERSHIP,
        ItemSubject.SHARED_COMPETENCE,
    }
)
ABSOLUTE_MAJORITY_BASIS = f"{L113}, art. 43"
# The governor's visa, 20 days, silence counting as the visa (art. 118).
VISA_SUBJECTS = frozenset(
    {
        ItemSubject.ACTION_PROGRAMME,
        ItemSubject.BUDGET,
        ItemSubject.ORGANISATION,
        ItemSubject.FINANCIAL,
        ItemSubject.STREET_NAMES,
        ItemSubject.TWINNING,
        ItemSubject.PUBLIC_SERVICES,
    }
)
VISA_BASIS = f"{L113}, art. 118"
# Transmitted to the governor within 5 working days instead of 15 (art. 116).
URBANISM_SUBJECTS = frozenset({ItemSubject.URBANISM})


def needs_absolute_majority(subject: str) -> bool:
    return subject in ABSOLUTE_MAJORITY_SUBJECTS


def needs_visa(subject: str) -> bool:
    return subject in VISA_SUBJECTS


def transmission_rule(subject: str) -> Rule:
    return TRANSMISSION_URBANISM if subject in URBANISM_SUBJECTS else TRANSMISSION
