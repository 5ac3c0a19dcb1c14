"""Who may manage the national templates, who may manage a collectivity's own catalogue."""

from typing import Any

from jamaati.core.access.actors import can_reach, has_role
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Kind

LOCAL_MANAGERS = frozenset({Role.COLLECTIVITY_ADMIN, Role.NATIONAL_ADMIN})
# Who reads a collectivity's catalogue in the back office (writing stays with the managers).
LOCAL_READERS = LOCAL_MANAGERS | {Role.AGENT, Role.SIGNATORY}


@policy("catalogue.manage_templates")
def can_manage_templates(actor: Any, obj: Any) -> bool:
    """Only a national administrator (DGCT), and only for templates at the country node."""
    node = collectivity_of(obj)
    return (
        node is not None
        and node.kind == Kind.COUNTRY
        and has_role(actor, Role.NATIONAL_ADMIN, node)
    )


@policy("catalogue.manage_local")
def can_manage_local(actor: Any, obj: Any) -> bool:
    """A collectivity (or national) administrator whose membership covers the collectivity,
    which must not be the country node (templates have their own rule)."""
    node = collectivity_of(obj)
    return (
        node is not None
        and node.kind != Kind.COUNTRY
        and can_reach(actor, node, roles=LOCAL_MANAGERS)
    )


@policy("catalogue.view_backoffice")
def can_view_backoffice(actor: Any, obj: Any) -> bool:
    """The back-office pages of the catalogue: at the country node a national administrator;
    in a collectivity an administrator, agent or signatory whose membership reaches it."""
    node = collectivity_of(obj)
    if node is None:
        return False
    if node.kind == Kind.COUNTRY:
        return has_role(actor, Role.NATIONAL_ADMIN, node)
    return can_reach(actor, node, roles=LOCAL_READERS)


@policy("catalogue.view", public=True)
def can_view(actor: Any, obj: Any) -> bool:
    """Anyone reads a published version; nothing else is public."""
    return getattr(obj, "status", None) == "published"
