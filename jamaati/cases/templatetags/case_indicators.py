"""Indicators of cases in templates: the public yearly figures of a procedure, and the number
formats the dashboard uses."""

from typing import Any

from django import template
from django.utils.formats import number_format

from jamaati.cases.stats import procedure_yearly_indicators

register = template.Library()


@register.inclusion_tag("cases/dashboard/_procedure_indicators.html")
def procedure_indicators(version: Any) -> dict[str, Any]:
    """The cases filed and decided under the version's procedure this year and last year, the
    median processing time and the share decided within the legal delay (law 55.19, art. 26
    and 28). Aggregates only."""
    years = procedure_yearly_indicators(version.procedure)
    return {
        "version": version,
        "years": years,
        "has_cases": any(y["filed"] or y["decided"] for y in years),
    }


@register.filter
def days(value: Any) -> str:
    """A number of days with at most one decimal (`12`, `12,5`); an em dash when unknown."""
    if value is None or value == "":
        return "—"
    value = float(value)
    places = 0 if value == int(value) else 1
    return number_format(value, decimal_pos=places, use_l10n=True)


@register.filter
def percent(value: Any) -> str:
    """A share in percent (`85%`, no space: it stays whole in right-to-left text); an em dash
    when there is nothing to divide."""
    if value is None or value == "":
        return "—"
    return f"{number_format(int(value), decimal_pos=0, use_l10n=True)}%"
