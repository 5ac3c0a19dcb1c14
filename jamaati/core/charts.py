"""Horizontal bar charts as inline SVG, drawn on the server (no script, no library); used by
every page that shows figures people compare (complaints report, council attendance and votes).

The bars mirror with the page: in Arabic the labels stand on the right and the bars grow
leftwards, in French the other way round. Every chart sits beside a table with the same
figures (the table is what screen readers read; the SVG carries a short label only).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
VALUE_WIDTH = 56
LABEL_HEIGHT = 22
BAR_HEIGHT = 16
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + 12
PAD = 4
LABEL_CHARS = 52


@dataclass(frozen=True)
class Bar:
    label: str
    width: float  # percent of the longest bar
    value: str  # the figure written at the end of the bar


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart_svg(bars: Iterable[Bar], *, title: str, rtl: bool) -> SafeString:
    """An SVG of one bar per item, each under its label, scaled to the longest (`width` is in
    percent of it). Labels stand above the bars so that they keep their whole width (and a
    readable size) on a phone; the bars start on the side the text starts."""
    bars = list(bars)
    height = max(len(bars), 1) * ROW_HEIGHT
    track = WIDTH - VALUE_WIDTH - 2 * PAD
    parts = [
        format_html(
            '<svg class="report-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
            'aria-label="{}" xmlns="http://www.w3.org/2000/svg" font-size="15" '
            'style="max-inline-size: 100%; block-size: auto; display: block">',
            WIDTH,
            height,
            WIDTH,
            height,
            title,
        )
    ]
    for index, bar in enumerate(bars):
        top = index * ROW_HEIGHT
        label_y = top + LABEL_HEIGHT - 7
        bar_y = top + LABEL_HEIGHT
        length = round(track * max(min(bar.width, 100.0), 0.0) / 100, 1)
        if rtl:
            label_x, direction = WIDTH - PAD, "rtl"
            bar_x = round(WIDTH - PAD - length, 1)
            value_x, value_anchor = round(bar_x - PAD, 1), "end"
        else:
            label_x, direction = PAD, "ltr"
            bar_x = PAD
            value_x, value_anchor = round(PAD + length + PAD, 1), "start"
        parts.append(
            format_html(
                "<g><title>{} — {}</title>"
                '<text x="{}" y="{}" direction="{}" text-anchor="start" '
                'class="report-chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="2" class="report-chart-bar" '
                'style="fill: var(--c-bar, #006233)"/>'
                '<text x="{}" y="{}" direction="ltr" text-anchor="{}" '
                'dominant-baseline="middle" class="report-chart-value">{}</text></g>',
                bar.label,
                bar.value,
                label_x,
                label_y,
                direction,
                _short(bar.label),
                bar_x,
                bar_y,
                length,
                BAR_HEIGHT,
                value_x,
                bar_y + BAR_HEIGHT // 2,
                value_anchor,
                bar.value,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))  # noqa: S308 (every part is format_html output)
