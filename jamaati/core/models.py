"""The kernel's models, defined in their modules and gathered here for Django."""

from jamaati.core.access.models import Membership
from jamaati.core.audit.models import AuditEvent, AuditHead
from jamaati.core.calendar.models import HolidayDecision
from jamaati.core.tenancy.models import Collectivity, TenantModel

__all__ = [
    "AuditEvent",
    "AuditHead",
    "Collectivity",
    "HolidayDecision",
    "Membership",
    "TenantModel",
]
