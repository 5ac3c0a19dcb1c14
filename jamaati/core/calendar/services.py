"""National decisions on public holidays; each one recomputes the running legal clocks."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.calendar.holidays import (
    holidays_of_year,
    library_holidays,
    notify_holidays_changed,
)
from jamaati.core.calendar.models import HolidayDecision
from jamaati.core.tenancy.selectors import country


def _library_holiday(year: int, key: str):
    for h in library_holidays(year):
        if h.key == key:
            return h
    raise ValidationError(_("There is no such holiday in %(year)s.") % {"year": year})


def holiday_confirm(*, actor: Any, year: int, key: str) -> HolidayDecision:
    """Confirm the estimated date of an Islamic holiday as announced; audited."""
    holiday = _library_holiday(year, key)
    if not holiday.is_estimated:
        raise ValidationError(_("Only an estimated date can be confirmed."))
    return _decide(actor=actor, year=year, key=key, action="confirm", day=holiday.day)


def holiday_move(*, actor: Any, year: int, key: str, day: date) -> HolidayDecision:
    """Move an estimated Islamic holiday to the announced day of the same year; the running
    clocks whose window covers the old or the new day are recomputed in the same transaction.

    Moving the first day of a feast of several days (`eid-al-adha-1`) moves its following
    days (`eid-al-adha-2`) by the same offset, unless they were decided on their own."""
    holiday = _library_holiday(year, key)
    if not holiday.is_estimated:
        raise ValidationError(_("Only a holiday whose date is estimated can be moved."))
    if day.year != year:
        raise ValidationError(_("The new date must be in %(year)s.") % {"year": year})
    if abs((day - holiday.day).days) > 3:
        raise ValidationError(_("An announced date is at most 3 days from the estimate."))
    with transaction.atomic():
        decision = _decide(actor=actor, year=year, key=key, action="move", day=day)
        for sibling, sibling_day in _following_days(year, key, day - holiday.day):
            _decide(actor=actor, year=year, key=sibling, action="move", day=sibling_day)
    return decision


def _following_days(year: int, key: str, offset) -> list[tuple[str, date]]:
    """For the first day of a feast, its following days not decided yet, moved by `offset`."""
    base, _sep, index = key.rpartition("-")
    if index != "1" or not offset:
        return []
    decided = set(HolidayDecision.objects.filter(year=year).values_list("key", flat=True))
    return [
        (h.key, h.day + offset)
        for h in library_holidays(year)
        if h.key.rpartition("-")[0] == base and h.key != key and h.key not in decided
    ]


def holiday_add(
    *, actor: Any, day: date, name_ar: str, name_fr: str, legal_basis: str
) -> HolidayDecision:
    """Add an exceptional day off decided by the authorities (its decree as legal basis)."""
    if not (name_ar.strip() and name_fr.strip() and legal_basis.strip()):
        raise ValidationError(_("An added holiday needs its names and its legal basis."))
    key = f"added-{slugify(name_fr)[:60] or 'holiday'}-{day.isoformat()}"
    return _decide(
        actor=actor,
        year=day.year,
        key=key,
        action="add",
        day=day,
        names=(name_ar.strip(), name_fr.strip()),
        legal_basis=legal_basis.strip(),
    )


def _decide(
    *,
    actor: Any,
    year: int,
    key: str,
    action: str,
    day: date,
    names: tuple[str, str] = ("", ""),
    legal_basis: str = "",
) -> HolidayDecision:
    root = country()
    authorize(actor, "core.manage_holidays", root)
    with transaction.atomic():
        before = {h.key: h.day for h in holidays_of_year(year)}
        decision, _created = HolidayDecision.objects.select_for_update().update_or_create(
            year=year,
            key=key,
            defaults={
                "action": action,
                "day": day,
                "name_ar": names[0],
                "name_fr": names[1],
                "legal_basis": legal_basis,
                "decided_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        old_day = before.get(key)
        record(
            actor=actor,
            action=f"calendar.holiday_{action}",
            collectivity=root,
            obj=decision,
            changes={"key": key, "day": [old_day, day], "legal_basis": legal_basis},
        )
        changed = {d for d in (old_day, day) if d is not None and old_day != day}
        if changed:
            notify_holidays_changed(changed)
    return decision
