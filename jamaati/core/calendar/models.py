"""Administrators' decisions about public holidays, applied over the `holidays` package."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayDecision(models.Model):
    """A national decision on one holiday of one year: confirm its estimated date, move it to
    the announced date, or add an exceptional day off. Keyed by the library holiday's key
    (`eid-al-fitr-1`) or, for an added day, a key of its own."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", _("Confirmed")
        MOVE = "move", _("Moved")
        ADD = "add", _("Added")

    year = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=80)
    action = models.CharField(max_length=10, choices=Action.choices)
    day = models.DateField()
    name_ar = models.CharField(max_length=120, blank=True)
    name_fr = models.CharField(max_length=120, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    decided_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("holiday decision")
        constraints = [
            models.UniqueConstraint(fields=["year", "key"], name="holiday_decision_one_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.key}: {self.action} {self.day}"
