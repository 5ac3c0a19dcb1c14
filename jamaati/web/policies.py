"""Who may see the back office of a collectivity."""

from jamaati.core.access.actors import can_reach
from jamaati.core.access.policies import policy


@policy("core.view_backoffice")
def can_view_backoffice(actor, collectivity) -> bool:
    """Any staff member whose membership covers the collectivity."""
    return can_reach(actor, collectivity)
