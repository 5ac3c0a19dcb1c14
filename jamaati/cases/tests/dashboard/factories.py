"""A hand-built set of cases whose indicators are worked out by hand in the tests."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from jamaati.cases.tests.factories import CaseFactory, version_in


def at(day: date, hour: int = 11) -> datetime:
    """`day` at `hour`, in the local time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def decided(collectivity, version, *, start: date, days: int, on_time: bool, **kwargs):
    """A case filed and complete on `start`, decided `days` later."""
    state = kwargs.pop("state", "accepted")
    if state == "refused":
        kwargs.setdefault("decision_reasons", "Dossier non conforme")
    return CaseFactory(
        collectivity=collectivity,
        version=version,
        state=state,
        filed_at=at(start, 9),
        complete_on=start,
        decided_at=at(start + timedelta(days=days)),
        decided_on_time=on_time,
        due_on=None,
        **kwargs,
    )


def build_set(commune):
    """Two procedures of `commune` and their cases (see the expected figures in the tests):

    P1 filed this year: decided in 10 days (on time), 20 days (late, counted from the filing:
    no complete_on), 4 days (on time); open and overdue; open, due in 5 days.
    P2 filed this year: decided in 7 days (on time); incomplete and overdue.
    Not counted as filed this year: P1 decided last year; P2 filed last year, still open and
    overdue (counted in today's open and overdue); a draft.
    """
    year = timezone.localdate().year
    today = timezone.localdate()
    p1 = version_in(commune, documents=0)
    p2 = version_in(commune, documents=0)
    decided(commune, p1, start=date(year, 3, 1), days=10, on_time=True)
    CaseFactory(
        collectivity=commune,
        version=p1,
        state="refused",
        decision_reasons="Pièce manquante",
        filed_at=at(date(year, 3, 1), 9),
        complete_on=None,
        decided_at=at(date(year, 3, 21)),
        decided_on_time=False,
        due_on=None,
    )
    decided(commune, p1, start=date(year, 4, 1), days=4, on_time=True)
    CaseFactory(
        collectivity=commune,
        version=p1,
        filed_at=at(date(year, 1, 5)),
        due_on=today - timedelta(days=3),
    )
    CaseFactory(
        collectivity=commune,
        version=p1,
        filed_at=at(date(year, 1, 6)),
        due_on=today + timedelta(days=5),
    )
    decided(commune, p2, start=date(year, 2, 1), days=7, on_time=True)
    CaseFactory(
        collectivity=commune,
        version=p2,
        state="incomplete",
        filed_at=at(date(year, 1, 7)),
        due_on=today - timedelta(days=1),
    )
    # Other years, and a draft.
    decided(commune, p1, start=date(year - 1, 5, 1), days=30, on_time=False)
    CaseFactory(
        collectivity=commune,
        version=p2,
        filed_at=at(date(year - 1, 12, 1)),
        due_on=today - timedelta(days=10),
    )
    CaseFactory(
        collectivity=commune,
        version=p1,
        state="draft",
        filed_at=at(date(year, 1, 8)),
        due_on=today - timedelta(days=2),
    )
    return p1, p2
