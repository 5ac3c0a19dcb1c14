"""What an actor reaches: its active memberships, read once per request and cached on it."""

from dataclasses import dataclass

from django.db.models import Q

from jamaati.core.access.models import Membership
from jamaati.core.tenancy.models import Collectivity


@dataclass(frozen=True)
class Grant:
    role: str
    collectivity_id: int
    path: str


def grants_of(actor) -> tuple[Grant, ...]:
    """The actor's active grants (empty for anonymous users and citizens); one query, cached."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return ()
    cached = getattr(actor, "_jamaati_grants", None)
    if cached is None:
        cached = tuple(
            Grant(role=m.role, collectivity_id=m.collectivity_id, path=m.collectivity.path)
            for m in Membership.objects.active()
            .filter(user_id=actor.pk)
            .select_related("collectivity")
        )
        actor._jamaati_grants = cached
    return cached


def forget_grants(actor) -> None:
    """Drop the cached grants after memberships change."""
    if actor is not None and hasattr(actor, "_jamaati_grants"):
        del actor._jamaati_grants


def is_staff_member(actor) -> bool:
    """True when the actor holds at least one active membership."""
    return bool(grants_of(actor))


def can_reach(actor, collectivity: Collectivity, roles=None) -> bool:
    """True when one of the actor's grants (optionally limited to `roles`) covers the node."""
    return any(
        collectivity.path.startswith(g.path)
        for g in grants_of(actor)
        if roles is None or g.role in roles
    )


def has_role(actor, role: str, collectivity: Collectivity) -> bool:
    """True when the actor holds `role` at the node or one of its ancestors."""
    return can_reach(actor, collectivity, roles={role})


def reach_filter(actor, field: str = "collectivity", roles=None) -> Q:
    """A Q matching rows whose `field` collectivity lies in the actor's reach (none: no rows)."""
    q = Q(pk__in=[])
    for g in grants_of(actor):
        if roles is None or g.role in roles:
            q |= Q(**{f"{field}__path__startswith": g.path})
    return q


def reachable_collectivities(actor, roles=None):
    """The grant nodes themselves (not their subtrees), for the collectivity switcher."""
    ids = {g.collectivity_id for g in grants_of(actor) if roles is None or g.role in roles}
    return Collectivity.objects.filter(pk__in=ids).order_by("depth", "code")
