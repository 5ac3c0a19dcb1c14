"""The figures of the yearly complaints report (decree 2.17.265, art. 15), from grouped rows.

Conventions (docs/complaints-report.md), the same at every level:
- the report of a year covers the complaints FILED in that calendar year (all three kinds:
  observations, suggestions, complaints), in the collectivity and every collectivity below it
  (a province consolidates its communes, the country everything);
- `as_of` is the end of the year, or today while the year runs;
- a complaint is *answered* when its reasoned reply (any closing outcome) was given on or
  before `as_of`; otherwise it is *still open at year end*; so filed = answered + still open;
- *overdue* are those still open whose answer was due before `as_of` (the due date in force);
- the answer delay is counted in calendar days from the filing day to the answer day
  (Morocco's time), as decree art. 8 counts its 60 days; `answered_in_time` is the share of
  answers given on or before the due date in force at that moment;
- outcomes are those of the answered complaints, plus one line for those still open.

`build_report` is pure: it takes the rows the selectors group in the database (counts per
kind, category, channel and outcome; a histogram of delays in whole days; counts per
collectivity) and never sees a complaint, so a national report costs the same few queries as
a commune's.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Answer delay bands, in calendar days: (key, lowest day, highest day or None).
DELAY_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-15", 0, 15),
    ("16-30", 16, 30),
    ("31-60", 31, 60),
    ("61+", 61, None),
)
PENDING = "pending"


@dataclass
class Delays:
    """A histogram of answer delays (whole days → number of answers)."""

    histogram: Counter = field(default_factory=Counter)

    def add(self, days: int, n: int) -> None:
        self.histogram[max(int(days), 0)] += n

    @property
    def count(self) -> int:
        return sum(self.histogram.values())

    @property
    def mean_days(self) -> float | None:
        """The mean delay in days, to one decimal; None without an answer."""
        n = self.count
        if not n:
            return None
        return round(sum(d * k for d, k in self.histogram.items()) / n, 1)

    @property
    def median_days(self) -> float | None:
        """The median delay in days (the mean of the two middle values for an even count)."""
        n = self.count
        if not n:
            return None
        wanted = (n - 1) // 2, n // 2
        found: list[int] = []
        seen = 0
        for days in sorted(self.histogram):
            k = self.histogram[days]
            for index in wanted:
                if seen <= index < seen + k:
                    found.append(days)
            seen += k
        return (found[0] + found[1]) / 2

    def band_counts(self) -> dict[str, int]:
        """How many answers fall in each of DELAY_BANDS."""
        counts = dict.fromkeys((key for key, _, _ in DELAY_BANDS), 0)
        for days, k in self.histogram.items():
            for key, low, high in DELAY_BANDS:
                if days >= low and (high is None or days <= high):
                    counts[key] += k
                    break
        return counts


@dataclass
class Tally:
    """The counts of one slice (everything, a category, a collectivity)."""

    filed: int = 0
    answered: int = 0
    in_time: int = 0
    still_open: int = 0
    overdue: int = 0
    delays: Delays = field(default_factory=Delays)

    @property
    def share_in_time(self) -> int | None:
        """The percentage of answers given in time, rounded; None without an answer."""
        return round(100 * self.in_time / self.answered) if self.answered else None

    def add(self, row: Mapping[str, Any]) -> None:
        self.filed += row["filed"]
        self.answered += row["answered"]
        self.in_time += row["in_time"]
        self.still_open += row["still_open"]
        self.overdue += row["overdue"]


@dataclass
class Line:
    """One bar of a chart / one line of a table: a key, its label, a count and a width."""

    key: str
    label: str
    count: int
    width: float = 0.0
    share: int | None = None


@dataclass
class Slice:
    """A labelled Tally (a category, a collectivity)."""

    key: Any
    label: str
    tally: Tally = field(default_factory=Tally)
    widths: dict[str, float] = field(default_factory=dict)


@dataclass
class Report:
    year: int
    as_of: date
    total: Tally
    by_kind: list[Line]
    by_channel: list[Line]
    by_outcome: list[Line]
    delay_bands: list[Line]
    by_category: list[Slice]
    by_place: list[Slice]

    @property
    def is_empty(self) -> bool:
        return self.total.filed == 0


def _lines(counts: Mapping[str, int], labels: Mapping[str, str], *, keep_zero: bool) -> list[Line]:
    """Lines in the order of `labels` (the choices' order), widths relative to the largest,
    shares of the total in percent."""
    total = sum(counts.values())
    top = max(counts.values(), default=0)
    lines = []
    for key, label in labels.items():
        n = counts.get(key, 0)
        if n or keep_zero:
            lines.append(
                Line(
                    key=key,
                    label=str(label),
                    count=n,
                    width=round(100 * n / top, 1) if top else 0.0,
                    share=round(100 * n / total) if total else None,
                )
            )
    return lines


def _widths(slices: list[Slice], name: str, value: Callable[[Tally], float | None]) -> None:
    values = [value(s.tally) or 0 for s in slices]
    top = max(values, default=0)
    for s, v in zip(slices, values, strict=True):
        s.widths[name] = round(100 * v / top, 1) if top else 0.0


def build_report(
    *,
    year: int,
    as_of: date,
    groups: Iterable[Mapping[str, Any]],
    delays: Iterable[Mapping[str, Any]],
    places: Iterable[Mapping[str, Any]] = (),
    kinds: Mapping[str, str],
    channels: Mapping[str, str],
    outcomes: Mapping[str, str],
    categories: Mapping[Any, str],
    place_labels: Mapping[Any, str] | None = None,
    band_labels: Mapping[str, str] | None = None,
) -> Report:
    """The report of one year from grouped rows.

    `groups`: rows with `kind`, `category`, `channel`, `outcome` and the counts `filed`,
    `answered`, `in_time`, `still_open`, `overdue` (an `outcome` only counts for the
    answered ones). `delays`: rows with `category`, `days`, `n` (answers per delay).
    `places`: rows with `place` and the same counts (one per collectivity below the node).
    The label mappings give the order of the lines (the choices' order); `outcomes` may
    label PENDING (still open at year end). Categories and places are sorted by count.
    """
    total = Tally()
    by_kind: Counter = Counter()
    by_channel: Counter = Counter()
    by_outcome: Counter = Counter()
    by_category: dict[Any, Tally] = defaultdict(Tally)
    for row in groups:
        total.add(row)
        by_category[row["category"]].add(row)
        by_kind[row["kind"]] += row["filed"]
        by_channel[row["channel"]] += row["filed"]
        if row["answered"]:
            by_outcome[row["outcome"] or PENDING] += row["answered"]
        if row["still_open"]:
            by_outcome[PENDING] += row["still_open"]
    for row in delays:
        total.delays.add(row["days"], row["n"])
        by_category[row["category"]].delays.add(row["days"], row["n"])

    category_slices = [
        Slice(key=key, label=str(label), tally=by_category[key])
        for key, label in categories.items()
        if by_category.get(key) and by_category[key].filed
    ]
    category_slices.sort(key=lambda s: (-s.tally.filed, s.label))
    _widths(category_slices, "filed", lambda t: t.filed)
    _widths(category_slices, "median", lambda t: t.delays.median_days)
    for s in category_slices:
        s.widths["share"] = float(s.tally.share_in_time or 0)

    place_tallies: dict[Any, Tally] = defaultdict(Tally)
    for row in places:
        place_tallies[row["place"]].add(row)
    place_slices = [
        Slice(key=key, label=str(label), tally=place_tallies[key])
        for key, label in (place_labels or {}).items()
    ]
    place_slices.sort(key=lambda s: (-s.tally.filed, -s.tally.overdue, str(s.key)))
    _widths(place_slices, "filed", lambda t: t.filed)
    _widths(place_slices, "overdue", lambda t: t.overdue)

    default_bands = {key: key for key, _, _ in DELAY_BANDS}
    return Report(
        year=year,
        as_of=as_of,
        total=total,
        by_kind=_lines(by_kind, kinds, keep_zero=True),
        by_channel=_lines(by_channel, channels, keep_zero=True),
        by_outcome=_lines(
            by_outcome, {**outcomes, PENDING: outcomes.get(PENDING, PENDING)}, keep_zero=False
        ),
        delay_bands=_lines(
            total.delays.band_counts(), band_labels or default_bands, keep_zero=True
        ),
        by_category=category_slices,
        by_place=place_slices,
    )
