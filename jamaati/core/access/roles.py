"""The roles a membership can give, at one node of the territorial tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COLLECTIVITY_ADMIN = "collectivity_admin", _("Collectivity administrator")
    AGENT = "agent", _("Agent")
    CIVIL_STATUS_OFFICER = "civil_status_officer", _("Civil-status officer")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    # Designated by the head of the body to receive information requests (law 31.13 art. 12).
    INFORMATION_OFFICER = "information_officer", _("Information officer")
    SIGNATORY = "signatory", _("Signatory (president)")
    SUPERVISOR = "supervisor", _("Supervisor (governor or wali)")
    NATIONAL_ADMIN = "national_admin", _("National administrator (DGCT)")
    AUDITOR = "auditor", _("Auditor (read only)")


# Roles that may manage staff memberships in their subtree.
STAFF_MANAGERS = frozenset({Role.COLLECTIVITY_ADMIN, Role.NATIONAL_ADMIN})
