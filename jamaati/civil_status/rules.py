"""The rules of law 36.21 on civil status and of its decree 2.22.04, as data with their basis.

Services never type a number of days: they read the limits here. `docs/civil-status.md`
lists them in plain words. Abbreviations: L3621 = law 36.21, D3621 = decree 2.22.04.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from jamaati.core.calendar import add_calendar_days, next_working_day

L3621 = "Loi 36.21"
D3621 = "Décret 2.22.04"


@dataclass(frozen=True)
class Limit:
    """A declaration delay counted in calendar days (or whole years) from the day after the
    event; a limit falling on a weekend or a public holiday moves to the next working day."""

    days: int
    basis: str
    years: int = 0

    def last_day(self, event_on: date) -> date:
        """The last day on which a declaration of an event of `event_on` is on time."""
        if self.years:
            try:
                end = event_on.replace(year=event_on.year + self.years)
            except ValueError:  # 29 February: a year later is the 28th
                end = event_on.replace(year=event_on.year + self.years, day=28)
            return next_working_day(end)
        return add_calendar_days(event_on, self.days)


# Declaration of a birth or a death: 30 days after the event (D3621 art. 40; L3621 art. 21).
DECLARATION = Limit(days=30, basis=f"{D3621}, art. 40; {L3621}, art. 21")
# For Moroccans abroad, before the consulate: one year (D3621 art. 40).
DECLARATION_ABROAD = Limit(days=0, years=1, basis=f"{D3621}, art. 40")
# When the relatives fail to declare a death, the officer records it within 60 days
# (D3621 art. 41).
DEATH_BY_OFFICER = Limit(days=60, basis=f"{D3621}, art. 41")
# A late declaration needs the central authorisation, decided within 60 days (D3621 art. 41).
LATE_AUTHORISATION_DAYS = 60
LATE_AUTHORISATION_BASIS = f"{D3621}, art. 41"
# Acts are numbered by the office's yearly sequence, the office code and the year
# (L3621 art. 19; D3621 art. 15).
NUMBERING_BASIS = f"{L3621}, art. 19; {D3621}, art. 15"
# The digital civil-social identifier, assigned at birth registration (L3621 art. 30;
# D3621 art. 17).
IDCS_BASIS = f"{L3621}, art. 30; {D3621}, art. 17"
# Marginal notes: marriage and divorce sent by courts or consulates within 15 days
# (L3621 art. 22).
NOTES_BASIS = f"{L3621}, art. 22, 36"
NOTE_TRANSMISSION_DAYS = 15
# The president of the commune is civil-status officer and may delegate (L113.14 art. 102).
OFFICER_BASIS = "Loi organique 113.14, art. 102"
# The earliest date of birth the register accepts for a person (older records are paper).
EARLIEST_BIRTH = date(1900, 1, 1)


class Relation(models.TextChoices):
    """Who declares, relative to the person the act is about."""

    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    GUARDIAN = "guardian", _("Testamentary guardian")
    BROTHER = "brother", _("Brother")
    NEPHEW = "nephew", _("Nephew (brother's son)")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Brother or sister")
    RELATIVE = "relative", _("Other relative")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    PROSECUTOR = "prosecutor", _("Public prosecutor")
    OFFICER = "officer", _("The civil-status officer (ex officio)")


R = Relation
# The legal order of declarants: rank 1 first. A declarant of a later rank declares only when
# those before could not, which the declaration must say (L3621 art. 20, 24; D3621 art. 16;
# the birth order father or mother, guardian, brother, nephew is kept from law 37.99 art. 16).
BIRTH_DECLARANTS: dict[str, int] = {
    R.FATHER: 1,
    R.MOTHER: 1,
    R.GUARDIAN: 2,
    R.BROTHER: 3,
    R.NEPHEW: 4,
    # A foundling, or a child without any relative present.
    R.LOCAL_AUTHORITY: 5,
    R.PROSECUTOR: 5,
}
DEATH_DECLARANTS: dict[str, int] = {
    R.SPOUSE: 1,
    R.CHILD: 1,
    R.FATHER: 1,
    R.MOTHER: 1,
    R.SIBLING: 2,
    R.GUARDIAN: 3,
    R.RELATIVE: 3,
    R.LOCAL_AUTHORITY: 4,
    # When the relatives fail: the officer records the death (D3621 art. 41).
    R.OFFICER: 5,
}
DECLARANTS_BASIS = f"{L3621}, art. 20, 24; {D3621}, art. 16"
