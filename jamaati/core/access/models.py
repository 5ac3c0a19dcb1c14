"""A membership gives a user one role at one node of the territorial tree and its subtree."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import TenantModel


class MembershipQuerySet(models.QuerySet):
    def active(self) -> "MembershipQuerySet":
        return self.filter(is_active=True)


class Membership(TenantModel):
    """Role `role` for `user` at `collectivity`, reaching every collectivity below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "user", "role"], name="membership_unique_role_at_node"
            )
        ]
        indexes = [models.Index(fields=["collectivity", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.collectivity.code}"
