"""The kernel's models, defined in their modules and gathered here for Django."""

from jamaati.core.access.models import Membership
from jamaati.core.audit.models import AuditEvent, AuditHead
from jamaati.core.calendar.models import HolidayDecision
from jamaati.core.deadlines.models import Deadline
from jamaati.core.documents.models import IssuedDocument
from jamaati.core.numbering.models import YearlySequence
from jamaati.core.tenancy.models import Collectivity, TenantModel
from jamaati.core.workflow.models import TransitionLog

__all__ = [
    "AuditEvent",
    "AuditHead",
    "Collectivity",
    "Deadline",
    "HolidayDecision",
    "IssuedDocument",
    "Membership",
    "TenantModel",
    "TransitionLog",
    "YearlySequence",
]
