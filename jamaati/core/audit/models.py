"""Audit events and the head of each collectivity's chain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jamaati.core.tenancy.models import TenantModel


class AuditEvent(TenantModel):
    """One write (or a sensitive read), chained to the previous event of its collectivity.

    `hash` = SHA-256(canonical content ∥ `prev_hash`). Actor and object are stored by value
    so the trail outlives them.
    """

    seq = models.PositiveBigIntegerField()
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "seq"], name="audit_event_seq_unique")
        ]
        indexes = [models.Index(fields=["collectivity", "object_type", "object_id"])]
        ordering = ["collectivity_id", "seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(TenantModel):
    """The last link of a collectivity's chain; its row lock keeps the chain linear."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collectivity"], name="audit_head_one_per_collectivity")
        ]
