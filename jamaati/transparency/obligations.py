"""What a collectivity must publish of its own motion (law 31.13 art. 10), as data.

Each obligation names its legal basis and its periodicity, and an annual one its due rule:
in calendar year Y the item covering year `Y + period_offset` is due on `due_month/due_day`
of Y (so the 2026 budget is due on 31 January 2026; the 2025 accounts on 30 June 2026).
The due rules are the platform's reading of the texts; docs/transparency.md explains each.

Status of an obligation at a date (`obligation_status`, pure):
- annual: PUBLISHED when an item covers the expected period (or a later one); LATE when the
  due date of the expected period has passed without it.
- permanent and per-event: PUBLISHED when at least one item is in force; MISSING otherwise.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ART_10 = _("Law 31.13, art. 10")


class Periodicity(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    EVENT = "event", _("Per event")
    PERMANENT = "permanent", _("Permanent")


class Status(models.TextChoices):
    PUBLISHED = "published", _("Published")
    LATE = "late", _("Late")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class Obligation:
    key: str
    label: Promise
    legal_basis: Promise
    periodicity: str
    due_rule: Promise | str = ""
    period_offset: int = 0  # annual only: the item due in year Y covers year Y + offset
    due_month: int = 0  # annual only
    due_day: int = 0  # annual only

    @property
    def is_annual(self) -> bool:
        return self.periodicity == Periodicity.ANNUAL

    def periodicity_label(self) -> str:
        return str(Periodicity(self.periodicity).label)

    def expected(self, today: date) -> tuple[int, date] | None:
        """Annual obligations: (period year, due date) of the latest period due on or before
        `today`; None for the others."""
        if not self.is_annual:
            return None
        year = today.year
        due = date(year, self.due_month, self.due_day)
        if due > today:
            year -= 1
            due = date(year, self.due_month, self.due_day)
        return year + self.period_offset, due

    def next_expected(self, today: date) -> tuple[int, date] | None:
        """Annual obligations: (period year, due date) of the first period due after `today`."""
        if not self.is_annual:
            return None
        year, due = self.expected(today)
        return year + 1, date(due.year + 1, self.due_month, self.due_day)


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "budget",
        _("Budget"),
        _("Law 31.13, art. 10; organic law 113.14 (budget of the commune)"),
        Periodicity.ANNUAL,
        _("The budget of year Y by 31 January of year Y."),
        period_offset=0,
        due_month=1,
        due_day=31,
    ),
    Obligation(
        "accounts",
        _("Budget execution and financial statements"),
        _("Law 31.13, art. 10; organic law 113.14 (closing of accounts)"),
        Periodicity.ANNUAL,
        _("The accounts of year Y by 30 June of year Y+1."),
        period_offset=-1,
        due_month=6,
        due_day=30,
    ),
    Obligation(
        "procurement_plan",
        _("Procurement plan"),
        _("Law 31.13, art. 10; public procurement decree (forecast programme of the year)"),
        Periodicity.ANNUAL,
        _("The plan of year Y by 31 March of year Y."),
        period_offset=0,
        due_month=3,
        due_day=31,
    ),
    Obligation(
        "procurement_results",
        _("Procurement results and awardees"),
        ART_10,
        Periodicity.EVENT,
    ),
    Obligation(
        "recruitment",
        _("Recruitment notices and results"),
        ART_10,
        Periodicity.EVENT,
    ),
    Obligation(
        "council_calendar",
        _("Council session calendar"),
        _("Law 31.13, art. 10; organic law 113.14, art. 33 (sessions of February, May, October)"),
        Periodicity.ANNUAL,
        _("The calendar of year Y by 31 January of year Y."),
        period_offset=0,
        due_month=1,
        due_day=31,
    ),
    Obligation(
        "council_decisions",
        _("Council decisions"),
        _("Law 31.13, art. 10; organic law 113.14 (publication of deliberations)"),
        Periodicity.EVENT,
    ),
    Obligation(
        "reports",
        _("Reports and statistics"),
        ART_10,
        Periodicity.ANNUAL,
        _("The activity report of year Y by 30 June of year Y+1."),
        period_offset=-1,
        due_month=6,
        due_day=30,
    ),
    Obligation(
        "services",
        _("Services offered and the documents they require"),
        ART_10,
        Periodicity.PERMANENT,
    ),
    Obligation(
        "licence_conditions",
        _("Conditions for licences and permits"),
        ART_10,
        Periodicity.PERMANENT,
    ),
    Obligation(
        "organisation",
        _("Missions, structure and contacts"),
        ART_10,
        Periodicity.PERMANENT,
    ),
    Obligation(
        "rights",
        _("Users' rights and means of redress"),
        ART_10,
        Periodicity.PERMANENT,
    ),
)

BY_KEY: dict[str, Obligation] = {o.key: o for o in OBLIGATIONS}
OBLIGATION_CHOICES = [(o.key, o.label) for o in OBLIGATIONS]


def obligation_get(key: str) -> Obligation | None:
    return BY_KEY.get(key)


def obligation_status(obligation: Obligation, periods: Iterable[int | None], today: date) -> str:
    """The status of `obligation` at `today`, given the period years of its items in force
    (None for items without a period). Pure: no database."""
    periods = list(periods)
    expected = obligation.expected(today)
    if expected is None:
        return Status.PUBLISHED if periods else Status.MISSING
    year, _due = expected
    if any(p is not None and p >= year for p in periods):
        return Status.PUBLISHED
    return Status.LATE
