"""Who decides national holidays: the national administration (DGCT)."""

from jamaati.core.access.actors import has_role
from jamaati.core.access.policies import policy
from jamaati.core.access.roles import Role


@policy("core.manage_holidays")
def can_manage_holidays(actor, country) -> bool:
    """Only a national administrator, whose membership sits at the country node."""
    return has_role(actor, Role.NATIONAL_ADMIN, country)
