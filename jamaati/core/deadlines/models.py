"""A legal clock as a row: which delay, on which object, when it falls due, its history."""

from datetime import date

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jamaati.core.deadlines.arithmetic import Period
from jamaati.core.tenancy.models import TenantModel


class DeadlineQuerySet(models.QuerySet):
    def open(self) -> "DeadlineQuerySet":
        """Clocks still counting or standing still (running or suspended)."""
        return self.filter(status__in=Deadline.OPEN)

    def of(self, owner: models.Model) -> "DeadlineQuerySet":
        """The clocks of one object."""
        return self.filter(
            collectivity_id=owner.collectivity_id,
            content_type=ContentType.objects.get_for_model(owner),
            object_id=str(owner.pk),
        )


class Deadline(TenantModel):
    """One legal delay on one object (its owner), with the legal text that sets it.

    `due_on` is the last day of the delay (see `arithmetic`); while the clock is suspended it
    keeps the date computed before the suspension and `remaining_days` holds what is left.
    `history` lists the closed suspensions as `[suspended_on, resumed_on]` ISO dates, so the
    due date can be recomputed from scratch when a holiday moves.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUSPENDED = "suspended", _("Suspended")
        STOPPED = "stopped", _("Stopped")
        EXPIRED = "expired", _("Expired")

    class Calendar(models.TextChoices):
        WORKING = "working", _("Working days")
        CALENDAR = "calendar", _("Calendar days")

    OPEN = (Status.RUNNING, Status.SUSPENDED)

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    owner = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=60)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    calendar = models.CharField(_("counted in"), max_length=10, choices=Calendar.choices)
    days = models.PositiveIntegerField(_("legal delay (days)"))
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    remaining_days = models.PositiveIntegerField(_("days left when suspended"), null=True)
    suspended_days = models.PositiveIntegerField(_("days suspended"), default=0)
    suspensions = models.PositiveSmallIntegerField(_("suspensions"), default=0)
    history = models.JSONField(default=list, blank=True)
    extension_days = models.PositiveIntegerField(_("extension (days)"), default=0)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    on_expiry = models.CharField(_("on expiry"), max_length=60, blank=True)
    # Reminder before the due day (calendar days; 0 = none); `reminded_for` is the due day
    # the last reminder announced, so a clock whose due day moves is reminded again.
    remind_days = models.PositiveSmallIntegerField(_("reminder (days before)"), default=0)
    reminded_for = models.DateField(_("reminded for the due day"), null=True, blank=True)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(status__in=["running", "suspended"]),
                name="deadline_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(legal_basis=""), name="deadline_legal_basis_required"
            ),
            models.CheckConstraint(condition=Q(days__gt=0), name="deadline_days_positive"),
            models.CheckConstraint(
                condition=Q(calendar__in=["working", "calendar"]), name="deadline_calendar_known"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="deadline_due_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="suspended", suspended_on__isnull=False, remaining_days__isnull=False)
                    | (~Q(status="suspended") & Q(suspended_on__isnull=True))
                ),
                name="deadline_suspension_consistent",
            ),
        ]
        indexes = [
            # Agent queues: a collectivity's open clocks by due date.
            models.Index(fields=["collectivity", "status", "due_on"], name="deadline_queue"),
            # The daily sweep across all collectivities: running clocks by due date.
            models.Index(
                fields=["due_on"], condition=Q(status="running"), name="deadline_running_due"
            ),
            models.Index(
                fields=["collectivity", "content_type", "object_id"], name="deadline_owner"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.status} due {self.due_on} ({self.content_type_id}:{self.object_id})"
        )

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_extended(self) -> bool:
        return self.extensions > 0

    @property
    def total_days(self) -> int:
        """The legal delay plus its extension."""
        return self.days + self.extension_days

    @property
    def owner_label(self) -> str:
        """`app_label.model` of the owner, as the audit trail names objects."""
        ct = ContentType.objects.get_for_id(self.content_type_id)
        return f"{ct.app_label}.{ct.model}"

    def suspension_periods(self) -> list[Period]:
        """Closed suspensions in order, then the open one (resumed on None) if any."""
        periods: list[Period] = [
            (date.fromisoformat(start), date.fromisoformat(end)) for start, end in self.history
        ]
        if self.suspended_on is not None:
            periods.append((self.suspended_on, None))
        return periods
