"""The policy registry and the one authorize(): every access rule goes through here.

Apps register rules with `@policy("app.action")`. `authorize(actor, action, obj)` raises
Http404 when the object lies outside the actor's reach (indistinguishable from a missing
object) and PermissionDenied when it is visible but the rule says no.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jamaati.core.access.actors import can_reach
from jamaati.core.tenancy.models import Collectivity

Rule = Callable[[Any, Any], bool]
_REGISTRY: dict[str, Rule] = {}
# Actions anyone may perform on anything (public reads); their objects need no reach.
_PUBLIC: set[str] = set()


def policy(action: str, *, public: bool = False) -> Callable[[Rule], Rule]:
    """Register `rule(actor, obj) -> bool` as the rule for `action` (once per action)."""

    def register(rule: Rule) -> Rule:
        if action in _REGISTRY:
            raise ValueError(f"policy {action!r} is registered twice")
        _REGISTRY[action] = rule
        if public:
            _PUBLIC.add(action)
        return rule

    return register


def registered_actions() -> list[str]:
    """Every action with a rule, sorted."""
    return sorted(_REGISTRY)


def collectivity_of(obj: Any) -> Collectivity | None:
    """The collectivity an object belongs to (itself for a Collectivity), or None."""
    if isinstance(obj, Collectivity):
        return obj
    return getattr(obj, "collectivity", None)


def is_allowed(actor: Any, action: str, obj: Any = None) -> bool:
    """The rule's answer, after the reach check; False for unknown actions (deny by default)."""
    rule = _REGISTRY.get(action)
    if rule is None:
        return False
    node = collectivity_of(obj)
    if node is not None and action not in _PUBLIC and not can_reach(actor, node):
        return False
    return bool(rule(actor, obj))


def authorize(actor: Any, action: str, obj: Any = None) -> None:
    """Return when `actor` may do `action` on `obj`; raise Http404 or PermissionDenied."""
    rule = _REGISTRY.get(action)
    if rule is None:
        raise PermissionDenied(f"no policy for {action}")
    node = collectivity_of(obj)
    if node is not None and action not in _PUBLIC and not can_reach(actor, node):
        raise Http404
    if not rule(actor, obj):
        raise PermissionDenied(action)
