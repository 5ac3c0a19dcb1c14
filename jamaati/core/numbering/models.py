"""The counter row behind a series of numbers."""

from django.db import models

from jamaati.core.tenancy.models import TenantModel


class YearlySequence(TenantModel):
    """The last number given in `series` by a collectivity in a year."""

    series = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "series", "year"], name="yearly_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"
