"""Who may see and manage staff, and who may act on an account of their own."""

from typing import Any

from jamaati.core.access.actors import can_reach, has_role
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import STAFF_MANAGERS, Role

# Roles that may read the staff list of their subtree (managers, supervision and audit).
STAFF_VIEWERS = STAFF_MANAGERS | {Role.SUPERVISOR, Role.AUDITOR}


def _is_owner(actor: Any, user: Any) -> bool:
    return (
        user is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.pk == user.pk
    )


@policy("accounts.view_staff")
def can_view_staff(actor: Any, obj: Any) -> bool:
    """Administrators, supervisors and auditors whose membership covers the node (or the
    membership's node)."""
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=STAFF_VIEWERS)


@policy("accounts.manage_staff")
def can_manage_staff(actor: Any, obj: Any) -> bool:
    """Collectivity and national administrators whose membership covers the node (or the
    membership's node)."""
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=STAFF_MANAGERS)


@policy("accounts.grant_national_admin")
def can_grant_national_admin(actor: Any, obj: Any) -> bool:
    """Only a national administrator covering the node grants or revokes that same role."""
    node = collectivity_of(obj)
    return node is not None and has_role(actor, Role.NATIONAL_ADMIN, node)


@policy("accounts.update_profile")
def can_update_profile(actor: Any, user: Any) -> bool:
    """Only the account's owner changes its phone and language."""
    return _is_owner(actor, user)


@policy("accounts.manage_tokens")
def can_manage_tokens(actor: Any, user: Any) -> bool:
    """Only the account's owner creates or revokes its API tokens (the CLI is trusted apart)."""
    return _is_owner(actor, user)
