"""The transition log: every state change of every workflow, by whom and with what input."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamaati.core.tenancy.models import TenantModel


class TransitionLog(TenantModel):
    """One applied transition. Written only by `jamaati.core.workflow.transition()`, in the
    same transaction as the state change and its audit event."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    owner = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField(_("workflow"), max_length=60)
    transition = models.CharField(_("transition"), max_length=60)
    source = models.CharField(_("from"), max_length=60)
    target = models.CharField(_("to"), max_length=60)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(
                fields=["collectivity", "content_type", "object_id", "at"],
                name="transition_log_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.workflow}.{self.transition}: {self.source} -> {self.target}"
