"""Who decides national holidays: the national administration (DGCT)."""

from jamaati.core.access.actors import has_role
from jamaati.core.access.policies import policy
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Kind


@policy("core.manage_holidays")
def can_manage_holidays(actor, node) -> bool:
    """Holidays are national: only a national administrator, and only at the country node."""
    return node.kind == Kind.COUNTRY and has_role(actor, Role.NATIONAL_ADMIN, node)
