"""Reads of the yearly complaints report: grouped rows in a fixed number of queries.

`complaints_report(node, year)` consolidates the node's subtree (a commune: itself and its
arrondissements; a province: its own complaints and its communes'; the country: all). Three
grouped queries and two small label queries, whatever the number of complaints or communes:
no per-complaint Python. Aggregates only: no personal data leaves these functions.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.complaints.models import (
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintState,
    Outcome,
)
from jamaati.complaints.report.figures import DELAY_BANDS, PENDING, Report, build_report
from jamaati.core.tenancy.models import Collectivity

# The first year a report can be asked for (the decree dates from 2017; the platform later).
FIRST_YEAR = 2018


def report_years(today: date | None = None) -> list[int]:
    """The years a report exists for, newest first (this year included: it is running)."""
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def report_as_of(year: int, today: date | None = None) -> date:
    """The day the report's state is taken at: 31 December, or today while the year runs."""
    today = today or timezone.localdate()
    return min(date(year, 12, 31), today)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _complaints_of(node: Collectivity) -> QuerySet[Complaint]:
    """The complaints of the node's subtree, filed (a row still being filed never counts)."""
    qs = Complaint.objects.exclude(state=ComplaintState.NEW)
    if node.parent_id is None:
        return qs
    return qs.filter(collectivity__path__startswith=node.path)


def _counts(as_of: date) -> dict[str, Any]:
    """The conditional counts of one group, `as_of` (a day) included."""
    end = _local_midnight(as_of + timedelta(days=1))
    answered = Q(answered_at__isnull=False, answered_at__lt=end)
    still_open = ~answered
    return {
        "filed": Count("id"),
        "answered": Count("id", filter=answered),
        "in_time": Count("id", filter=answered & Q(answered_in_time=True)),
        "still_open": Count("id", filter=still_open),
        "overdue": Count("id", filter=still_open & Q(due_on__lt=as_of)),
    }


def report_rows(node: Collectivity, year: int, as_of: date) -> dict[str, list[dict[str, Any]]]:
    """The grouped rows `build_report` takes: `groups` by kind, category, channel and
    outcome; `delays` (answers per category and whole days from filing to answer);
    `places` (counts per collectivity path below the node). Three queries."""
    start = _local_midnight(date(year, 1, 1))
    stop = min(_local_midnight(date(year + 1, 1, 1)), _local_midnight(as_of + timedelta(days=1)))
    filed = _complaints_of(node).filter(filed_at__gte=start, filed_at__lt=stop)
    counts = _counts(as_of)
    groups = [
        {**row, "category": row.pop("category_id")}
        for row in filed.values("kind", "category_id", "channel", "outcome")
        .annotate(**counts)
        .order_by()
    ]
    tz = timezone.get_current_timezone()
    end = _local_midnight(as_of + timedelta(days=1))
    delay = ExpressionWrapper(
        TruncDate("answered_at", tzinfo=tz) - TruncDate("filed_at", tzinfo=tz),
        output_field=DurationField(),
    )
    delays = [
        {"category": row["category_id"], "days": _days(row["delay"]), "n": row["n"]}
        for row in filed.filter(answered_at__isnull=False, answered_at__lt=end)
        .annotate(delay=delay)
        .values("category_id", "delay")
        .annotate(n=Count("id"))
        .order_by()
    ]
    places = [
        {**row, "place": row.pop("collectivity__path")}
        for row in filed.values("collectivity__path").annotate(**counts).order_by()
    ]
    return {"groups": groups, "delays": delays, "places": places}


def _days(value: Any) -> int:
    """Whole days of a database date difference (a timedelta, or a number of days/µs)."""
    if isinstance(value, timedelta):
        return value.days
    return int(value or 0)


def _child_rows(node: Collectivity, places: list[dict[str, Any]]) -> tuple[dict, list[dict]]:
    """Labels of the node's direct children (ordered by code) and the place rows re-keyed
    by the child each path lies in (the node's own complaints are left out)."""
    children = list(Collectivity.objects.filter(parent=node).order_by("code"))
    if not children:
        return {}, []
    depth = node.path.count("/") + 1
    by_path = {c.path: c for c in children}
    rows = []
    for row in places:
        child = by_path.get("/".join(row["place"].split("/")[:depth]) + "/")
        if child is not None:
            rows.append({**row, "place": child.code})
    codes_with_rows = {r["place"] for r in rows}
    labels = {c.code: c.name for c in children if c.code in codes_with_rows}
    return labels, rows


def band_labels() -> dict[str, str]:
    """The delay bands as a reader says them, in the active language."""
    labels = {}
    for key, low, high in DELAY_BANDS:
        if high is None:
            labels[key] = _("More than %(days)s days") % {"days": low - 1}
        elif low == 0:
            labels[key] = _("%(days)s days or less") % {"days": high}
        else:
            labels[key] = _("%(low)s to %(high)s days") % {"low": low, "high": high}
    return labels


def complaints_report(node: Collectivity, year: int, *, today: date | None = None) -> Report:
    """The report of `node` (its subtree) for `year`, labelled in the active language."""
    as_of = report_as_of(year, today)
    rows = report_rows(node, year, as_of)
    category_ids = {r["category"] for r in rows["groups"]}
    found = ComplaintCategory.objects.filter(pk__in=category_ids).order_by("position", "code")
    code_of = {c.pk: c.code for c in found}
    categories = {c.code: c.name for c in found}
    for row in (*rows["groups"], *rows["delays"]):
        row["category"] = code_of.get(row["category"], row["category"])
    place_labels, place_rows = _child_rows(node, rows["places"])
    return build_report(
        year=year,
        as_of=as_of,
        groups=rows["groups"],
        delays=rows["delays"],
        places=place_rows,
        kinds={k.value: str(k.label) for k in ComplaintKind},
        channels={c.value: str(c.label) for c in Channel},
        outcomes={
            **{o.value: str(o.label) for o in Outcome},
            PENDING: _("Still open at the end of the period"),
        },
        categories=categories,
        place_labels=place_labels,
        band_labels=band_labels(),
    )
