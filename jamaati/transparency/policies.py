"""Who may do what with the publication register.

Publishing and withdrawing belong to the collectivity's agents, administrators and
information officers (law 31.13 art. 12 designates the officers). Supervisors, auditors and
the DGCT may read the back-office register. The public pages need no rule: published
information is public.
"""

from typing import Any

from jamaati.core.access.actors import can_reach
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role

PUBLISHERS = frozenset({Role.AGENT, Role.COLLECTIVITY_ADMIN, Role.INFORMATION_OFFICER})
REGISTER_READERS = PUBLISHERS | {Role.SUPERVISOR, Role.AUDITOR, Role.NATIONAL_ADMIN}


def _reaches(actor: Any, obj: Any, roles: frozenset) -> bool:
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=roles)


@policy("transparency.view_register")
def can_view_register(actor: Any, obj: Any) -> bool:
    """The back-office register of a collectivity and its items."""
    return _reaches(actor, obj, REGISTER_READERS)


@policy("transparency.publish")
def can_publish(actor: Any, obj: Any) -> bool:
    """Publish, withdraw or replace an item of a collectivity."""
    return _reaches(actor, obj, PUBLISHERS)
