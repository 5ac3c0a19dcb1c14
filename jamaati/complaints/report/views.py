"""The public yearly complaints report of a collectivity (decree 2.17.265, art. 15): a page
with charts, a CSV and a PDF. The same URL at a province, a region or the country (code
`MA`) consolidates everything below it.

Aggregates only: no complaint, no person appears. The report is public (transparency of the
handling of complaints), so these views need no sign-in and check no role.
"""

import csv
import io
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from jamaati.complaints.report.figures import Report, Tally
from jamaati.complaints.report.selectors import complaints_report, report_years
from jamaati.core.charts import Bar, bar_chart_svg

CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PDF_LANGUAGES = ("ar", "fr")


def _checked_year(year: int) -> int:
    if year not in report_years():
        raise Http404
    return year


def _days(value: float | None) -> str:
    """A number of days with at most one decimal; an em dash when unknown."""
    if value is None:
        return "—"
    places = 0 if value == int(value) else 1
    return number_format(value, decimal_pos=places, use_l10n=True)


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{number_format(value, decimal_pos=0, use_l10n=True)}%"


def _count(value: int) -> str:
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _charts(report: Report) -> dict[str, Any]:
    """The page's SVG charts, mirrored for right-to-left languages."""
    rtl = get_language_bidi()

    def lines(items: list, title: str) -> Any:
        return bar_chart_svg(
            [Bar(label=i.label, width=i.width, value=_count(i.count)) for i in items],
            title=title,
            rtl=rtl,
        )

    def slices(items: list, title: str, width: str, value: Any) -> Any:
        return bar_chart_svg(
            [Bar(label=s.label, width=s.widths[width], value=value(s.tally)) for s in items],
            title=title,
            rtl=rtl,
        )

    return {
        "kind": lines(report.by_kind, _("Filed, by kind")),
        "channel": lines(report.by_channel, _("Filed, by channel")),
        "outcome": lines(report.by_outcome, _("Outcome")),
        "delay": lines(report.delay_bands, _("Answers, by delay")),
        "category": slices(
            report.by_category, _("Filed, by category"), "filed", lambda t: _count(t.filed)
        ),
        "category_share": slices(
            report.by_category,
            _("Answered within the legal delay, by category"),
            "share",
            lambda t: _percent(t.share_in_time),
        ),
        "place": slices(
            report.by_place, _("Filed, by collectivity"), "filed", lambda t: _count(t.filed)
        ),
    }


def report_latest(request: HttpRequest, code: str) -> HttpResponse:
    """The report of the last complete year (the one the decree asks for; the running year
    is one link away on that page)."""
    return redirect(
        "public:complaint-report", code=code, year=timezone.localdate().year - 1, permanent=False
    )


def report_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The report as a page with charts and tables; `?format=csv` or `?format=pdf` gives the
    same figures as a file."""
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        return report_csv(request, code, year)
    if fmt == "pdf":
        return report_pdf(request, code, year)
    node = request.collectivity
    year = _checked_year(year)
    report = complaints_report(node, year)
    return render(
        request,
        "complaints/report/report.html",
        {
            "node": node,
            "has_children": node.children.exists(),
            "ancestors": node.ancestors() if node.parent_id else [],
            "report": report,
            "year": year,
            "years": report_years(),
            "charts": _charts(report) if not report.is_empty else {},
            "running": report.as_of < date(year, 12, 31),
        },
    )


def _tally_cells(t: Tally) -> list[Any]:
    return [
        t.filed,
        t.answered,
        t.in_time,
        "" if t.share_in_time is None else t.share_in_time,
        t.still_open,
        t.overdue,
        _plain(t.delays.median_days),
        _plain(t.delays.mean_days),
    ]


def _plain(value: float | None) -> Any:
    """A number for a CSV cell: `30` rather than `30.0`; blank when unknown."""
    if value is None:
        return ""
    return int(value) if value == int(value) else value


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_START) else text


def report_csv_rows(report: Report, node: Any) -> list[list[Any]]:
    """The report as rows: one header, then `section, key, label, figures...` lines; a
    section's blank figures mean they do not apply to it."""
    rows: list[list[Any]] = [
        [
            "section",
            "key",
            "label",
            "filed",
            "answered",
            "answered_in_time",
            "share_in_time_percent",
            "still_open",
            "overdue",
            "median_days",
            "mean_days",
        ]
    ]
    blank = [""] * 7
    rows.append(["total", node.code, node.name, *_tally_cells(report.total)])
    for section, lines in (
        ("kind", report.by_kind),
        ("channel", report.by_channel),
    ):
        rows += [[section, line.key, line.label, line.count, *blank] for line in lines]
    rows += [
        ["outcome", line.key, line.label, "", line.count, *[""] * 6] for line in report.by_outcome
    ]
    rows += [
        ["delay", line.key, line.label, "", line.count, *[""] * 6] for line in report.delay_bands
    ]
    rows += [["category", s.key, s.label, *_tally_cells(s.tally)] for s in report.by_category]
    rows += [["collectivity", s.key, s.label, *_tally_cells(s.tally)] for s in report.by_place]
    return rows


def report_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The report's figures as CSV (UTF-8 with a BOM, so that a spreadsheet reads Arabic)."""
    node = request.collectivity
    year = _checked_year(year)
    report = complaints_report(node, year)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in report_csv_rows(report, node):
        writer.writerow([_cell(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="complaints-report-{node.code}-{year}.csv"'
    )
    return response


def report_pdf(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The report as a PDF document (Arabic shaped, right to left; French on a French page)."""
    from jamaati.core.documents import render_pdf

    node = request.collectivity
    year = _checked_year(year)
    language = get_language() if get_language() in PDF_LANGUAGES else "ar"
    with translation.override(language):
        report = complaints_report(node, year)
    titles = {}
    for lang in PDF_LANGUAGES:
        with translation.override(lang):
            titles[f"title_{lang}"] = _("Yearly report on complaints %(year)s") % {"year": year}
    pdf = render_pdf(
        "complaints/report/pdf.html",
        {
            **titles,
            "collectivity": node,
            "node": node,
            "has_children": node.children.exists(),
            "report": report,
            "year": year,
            "generated_at": timezone.now(),
        },
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="complaints-report-{node.code}-{year}.pdf"'
    return response
