"""Indicators of cases: pure reads, scoped by collectivity, for the back-office dashboard and the
yearly figures each procedure page publishes (law 55.19, art. 26 and 28).

Conventions, the same everywhere:
- a case counts as *filed* in the year its `filed_at` falls in (drafts are not filed);
- *open* and *overdue* are today's figures, whatever the year the case was filed: an open case
  whose `due_on` is past is overdue;
- *decided* cases are those whose decision was recorded (`decided_at`) in the year; their
  processing time runs from the day the file was complete (or filed) to the decision day, in
  calendar days; *within the legal delay* is `decided_on_time`.

The number of queries never depends on the number of procedures or communes: counts are
grouped in the database, medians are taken in Python over the decided rows of the year.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from jamaati.cases.models import Case
from jamaati.cases.workflow import CaseState
from jamaati.catalogue.models import Procedure
from jamaati.catalogue.selectors import procedure_latest_versions
from jamaati.core.tenancy.models import Collectivity


@dataclass
class Figures:
    """Counts and durations of one slice (a procedure, a commune, everything)."""

    filed: int = 0
    open: int = 0
    overdue: int = 0
    decided: int = 0
    on_time: int = 0
    durations: list[int] = field(default_factory=list, repr=False)

    @property
    def median_days(self) -> float | None:
        """The median processing time in days (None when nothing was decided)."""
        return float(median(self.durations)) if self.durations else None

    @property
    def share_on_time(self) -> int | None:
        """The percentage of decisions that came within the legal delay, rounded."""
        return round(100 * self.on_time / self.decided) if self.decided else None

    def add_decision(self, days: int, on_time: bool | None) -> None:
        self.decided += 1
        self.on_time += 1 if on_time else 0
        self.durations.append(days)


@dataclass
class Row:
    """A labelled slice of a dashboard, with the widths of its bars (percent)."""

    key: Any
    label: Any
    figures: Figures
    link: str = ""
    widths: dict[str, float] = field(default_factory=dict)


@dataclass
class StateCount:
    state: str
    label: str
    count: int
    width: float = 0.0


@dataclass
class Dashboard:
    year: int
    today: date
    total: Figures
    by_state: list[StateCount]
    by_procedure: list[Row]
    communes: list[Row] = field(default_factory=list)


def _year(year: int | None) -> int:
    return year or timezone.localdate().year


def _local_day(moment: Any) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def processing_days(complete_on: date | None, filed_at: Any, decided_at: Any) -> int:
    """Calendar days from the complete file (or the filing) to the decision, never negative."""
    start = complete_on or _local_day(filed_at)
    return max((_local_day(decided_at) - start).days, 0)


def _filed(cases: QuerySet[Case], year: int) -> QuerySet[Case]:
    return cases.filter(filed_at__year=year)


def _decided_rows(cases: QuerySet[Case], year: int, *keys: str) -> list[tuple]:
    """(keys..., days, on_time) for every decision of the year, in one query."""
    rows = cases.filter(decided_at__year=year, decided_at__isnull=False).values_list(
        *keys, "complete_on", "filed_at", "decided_at", "decided_on_time"
    )
    n = len(keys)
    return [(*row[:n], processing_days(row[n], row[n + 1], row[n + 2]), row[n + 3]) for row in rows]


def _widths(rows: list[Row], name: str, value: Any) -> None:
    """Set each row's bar width for `name`, relative to the largest value."""
    values = [value(r.figures) or 0 for r in rows]
    top = max(values, default=0)
    for row, v in zip(rows, values, strict=True):
        row.widths[name] = round(100 * v / top, 1) if top else 0.0


def _procedure_rows(slices: dict[int, Figures]) -> list[Row]:
    """One row per procedure key (the national template when adopted, else the procedure),
    labelled with its latest version's name, in one query."""
    procedures = list(Procedure.objects.filter(pk__in=slices.keys()))
    latest = procedure_latest_versions(procedures)
    rows = [
        Row(key=pk, label=latest[pk].name if pk in latest else str(pk), figures=figures)
        for pk, figures in slices.items()
    ]
    rows.sort(key=lambda r: (-r.figures.filed, -r.figures.decided, str(r.label)))
    _widths(rows, "filed", lambda f: f.filed)
    _widths(rows, "median", lambda f: f.median_days)
    for row in rows:
        row.widths["share"] = float(row.figures.share_on_time or 0)
    return rows


def collectivity_dashboard(
    node: Collectivity, *, year: int | None = None, subtree: bool = False, today: date | None = None
) -> Dashboard:
    """The dashboard of `node` for `year`: counts by state, today's open and overdue cases,
    and per procedure the cases filed, the median processing time and the share decided
    within the legal delay. `subtree` takes the cases of every collectivity below the node
    too (a province seen by its supervisor); procedures adopted from the same national
    template are then counted together."""
    year = _year(year)
    today = today or timezone.localdate()
    cases = (
        Case.objects.filter(collectivity__path__startswith=node.path)
        if subtree
        else Case.objects.filter(collectivity=node)
    ).exclude(state=CaseState.DRAFT)
    overdue = Q(is_open=True, due_on__lt=today)

    counts = _filed(cases, year).values("state", "procedure_id", "procedure__template_id")
    counts = counts.annotate(n=Count("id")).order_by()
    now = cases.filter(is_open=True).values("procedure_id", "procedure__template_id")
    now = now.annotate(n=Count("id"), late=Count("id", filter=overdue)).order_by()

    total = Figures()
    states: dict[str, int] = defaultdict(int)
    slices: dict[int, Figures] = defaultdict(Figures)

    def key(procedure_id: int, template_id: int | None) -> int:
        return (template_id or procedure_id) if subtree else procedure_id

    for row in counts:
        states[row["state"]] += row["n"]
        slices[key(row["procedure_id"], row["procedure__template_id"])].filed += row["n"]
        total.filed += row["n"]
    for row in now:
        for figures in (slices[key(row["procedure_id"], row["procedure__template_id"])], total):
            figures.open += row["n"]
            figures.overdue += row["late"]
    for pid, tid, days, on_time in _decided_rows(
        cases, year, "procedure_id", "procedure__template_id"
    ):
        for figures in (slices[key(pid, tid)], total):
            figures.add_decision(days, on_time)

    top = max(states.values(), default=0)
    by_state = [
        StateCount(
            state=s.value,
            label=str(s.label),
            count=states[s.value],
            width=round(100 * states[s.value] / top, 1) if top else 0.0,
        )
        for s in CaseState
        if s != CaseState.DRAFT and states.get(s.value)
    ]
    return Dashboard(
        year=year,
        today=today,
        total=total,
        by_state=by_state,
        by_procedure=_procedure_rows(slices),
    )


def communes_side_by_side(
    node: Collectivity, *, year: int | None = None, today: date | None = None
) -> list[Row]:
    """One row per collectivity directly below `node` (the communes of a province) with the
    cases of its subtree: filed in the year, open and overdue today, median processing time
    and share within the delay; sorted by overdue cases, most first. Three queries whatever
    the number of communes."""
    year = _year(year)
    today = today or timezone.localdate()
    children = list(Collectivity.objects.filter(parent=node).order_by("code"))
    by_path = {c.path: Row(key=c.code, label=c, figures=Figures()) for c in children}
    # "/MA/07/07.427/" splits in 5 parts; the first 5 parts of a case's path below it end
    # with the code of the child it lies in.
    parts = node.path.count("/") + 1

    def child_of(path: str) -> Row | None:
        return by_path.get("/".join(path.split("/")[:parts]) + "/")

    cases = Case.objects.filter(collectivity__path__startswith=node.path).exclude(
        state=CaseState.DRAFT
    )
    grouped = (
        cases.values("collectivity__path")
        .annotate(
            filed=Count("id", filter=Q(filed_at__year=year)),
            open=Count("id", filter=Q(is_open=True)),
            overdue=Count("id", filter=Q(is_open=True, due_on__lt=today)),
        )
        .order_by()
    )
    for row in grouped:
        target = child_of(row["collectivity__path"])
        if target is not None:
            target.figures.filed += row["filed"]
            target.figures.open += row["open"]
            target.figures.overdue += row["overdue"]
    for path, days, on_time in _decided_rows(cases, year, "collectivity__path"):
        target = child_of(path)
        if target is not None:
            target.figures.add_decision(days, on_time)

    rows = list(by_path.values())
    rows.sort(key=lambda r: (-r.figures.overdue, -r.figures.open, -r.figures.filed, r.key))
    _widths(rows, "filed", lambda f: f.filed)
    _widths(rows, "open", lambda f: f.open)
    _widths(rows, "overdue", lambda f: f.overdue)
    _widths(rows, "median", lambda f: f.median_days)
    for row in rows:
        row.widths["share"] = float(row.figures.share_on_time or 0)
    return rows


def procedure_yearly_indicators(procedure: Procedure, year: int | None = None) -> list[dict]:
    """The public indicators of a procedure for `year` (this year by default) and the year
    before: cases filed, decided, the median processing time in days and the share decided
    within the legal delay. A national template counts the cases of every commune that
    adopted it. Aggregates only, no personal data; two queries."""
    year = _year(year)
    years = (year, year - 1)
    cases = Case.objects.filter(Q(procedure=procedure) | Q(procedure__template=procedure)).exclude(
        state=CaseState.DRAFT
    )
    by_year = {y: Figures() for y in years}
    filed = (
        cases.filter(filed_at__year__in=years)
        .annotate(y=ExtractYear("filed_at"))
        .values("y")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in filed:
        if row["y"] in by_year:
            by_year[row["y"]].filed += row["n"]
    decided = cases.filter(decided_at__year__in=years).values_list(
        "complete_on", "filed_at", "decided_at", "decided_on_time"
    )
    for complete_on, filed_at, decided_at, on_time in decided:
        y = _local_day(decided_at).year
        if y in by_year:
            by_year[y].add_decision(processing_days(complete_on, filed_at, decided_at), on_time)
    return [
        {
            "year": y,
            "filed": f.filed,
            "decided": f.decided,
            "median_days": f.median_days,
            "share_on_time": f.share_on_time,
        }
        for y, f in by_year.items()
    ]
