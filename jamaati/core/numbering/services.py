"""Taking the next number of a series."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jamaati.core.numbering.models import YearlySequence


def next_in_sequence(*, collectivity: Any, series: str, year: int | None = None) -> tuple[int, int]:
    """(year, number): the next number of `series` in `collectivity` for `year` (this year).

    Must run inside the transaction that uses the number: the UPDATE locks the counter row
    until that transaction ends, so concurrent callers wait, none gets the same number, and a
    rollback gives the number back (no gap).
    """
    year = year or timezone.localdate().year
    counter = YearlySequence.objects.filter(collectivity=collectivity, series=series, year=year)
    if not counter.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                YearlySequence.objects.create(
                    collectivity=collectivity, series=series, year=year, last=1
                )
        except IntegrityError:  # another transaction created this year's counter first
            counter.update(last=F("last") + 1)
    return year, counter.values_list("last", flat=True).get()
