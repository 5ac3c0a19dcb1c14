"""The cases dashboard of a collectivity (request.collectivity), for a year.

Staff of the collectivity see its own cases; at a province or prefecture, its supervisor (and
the DGCT) see the whole province, and its communes side by side. Read only.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.cases.stats import collectivity_dashboard, communes_side_by_side
from jamaati.core.access.actors import can_reach
from jamaati.core.access.policies import authorize
from jamaati.core.access.roles import Role
from jamaati.core.forms import NamedErrorsMixin
from jamaati.core.tenancy.models import PROVINCIAL_KINDS

YEARS_SHOWN = 6
PROVINCE_READERS = frozenset({Role.SUPERVISOR, Role.NATIONAL_ADMIN})


class YearForm(NamedErrorsMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            (y, str(y)) for y in range(this_year, this_year - YEARS_SHOWN, -1)
        ]
        self.fields["year"].initial = this_year
        self.fields["year"].error_messages["invalid_choice"] = _("Choose a year from the list.")

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return timezone.localdate().year


def case_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    """Cases by state, overdue cases, processing times and the share decided within the legal
    delay, per procedure; at a province, its communes side by side."""
    node = request.collectivity
    authorize(request.user, "cases.view_dashboard", node)
    form = YearForm(request.GET or None)
    year = form.chosen_year()
    whole_province = node.kind in PROVINCIAL_KINDS and can_reach(
        request.user, node, roles=PROVINCE_READERS
    )
    dashboard = collectivity_dashboard(node, year=year, subtree=whole_province)
    communes = communes_side_by_side(node, year=year) if whole_province else []
    return render(
        request,
        "cases/dashboard/dashboard.html",
        {
            "node": node,
            "form": form,
            "year": year,
            "dashboard": dashboard,
            "whole_province": whole_province,
            "communes": communes,
        },
    )
