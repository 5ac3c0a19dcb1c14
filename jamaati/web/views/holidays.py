"""The national administration confirms, moves or adds public holidays (back office, MA)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.calendar import holidays_of_year
from jamaati.core.calendar.services import holiday_add, holiday_confirm, holiday_move
from jamaati.web.forms import HolidayAddForm, HolidayMoveForm, year_from


def holidays(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the year's holidays; POST: one decision (confirm, move, add), then back here."""
    node = request.collectivity
    authorize(request.user, "core.manage_holidays", node)
    today = timezone.localdate()
    year = year_from(request.POST.get("year") or request.GET.get("year"), today)
    add_form = HolidayAddForm(prefix="add")
    if request.method == "POST":
        add_form, done = _decide(request, year)
        if done:
            return redirect(f"{reverse('bo:holidays', kwargs={'code': node.code})}?year={year}")
    context = {
        "node": node,
        "year": year,
        "years": [today.year - 1, today.year, today.year + 1, today.year + 2],
        "holidays": holidays_of_year(year),
        "add_form": add_form,
    }
    return render(request, "web/bo/holidays.html", context, status=400 if add_form.errors else 200)


def _decide(request: HttpRequest, year: int) -> tuple[HolidayAddForm, bool]:
    """Apply the posted decision; (the add form to show again, whether it was applied)."""
    action = request.POST.get("action")
    add_form = HolidayAddForm(request.POST if action == "add" else None, prefix="add")
    try:
        if action == "confirm":
            holiday_confirm(actor=request.user, year=year, key=request.POST.get("key", ""))
        elif action == "move":
            form = HolidayMoveForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errs in form.errors.values() for e in errs])
            holiday_move(actor=request.user, year=year, **form.cleaned_data)
        elif action == "add":
            if not add_form.is_valid():
                return add_form, False
            holiday_add(actor=request.user, **add_form.cleaned_data)
        else:
            raise ValidationError(_("Choose what to do."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return add_form, False
    messages.success(request, _("The decision is recorded. Running delays are recomputed."))
    return HolidayAddForm(prefix="add"), True
