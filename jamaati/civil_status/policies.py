"""Who may do what in the civil-status register.

The register is national (L3621 art. 14-16; DESIGN.md "Civil status is national by law"):
any officer of any office consults any act and person, so the consultation rules are declared
`public` (no reach check) and test the officer role at an office instead: only a grant at a
node that has an active office counts (a commune or arrondissement president or officer), not
the president of a region or a province, which keep no register. Writes are local: an
officer registers, signs and notes only at their own office, i.e. with the officer role at
exactly the office's collectivity (a role higher in the tree is not an office). The commune
president (Role.SIGNATORY) is officer by law (L113.14 art. 102); the officers the president
delegates hold Role.CIVIL_STATUS_OFFICER memberships at the office's collectivity.
Services check `civil_status.consult` first, so that anyone who is not an officer gets 404
and an officer of another office gets 403 on a write.
"""

from typing import Any

from jamaati.core.access.actors import grants_of
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role

OFFICER_ROLES = frozenset({Role.CIVIL_STATUS_OFFICER, Role.SIGNATORY})


def office_nodes_of(actor: Any) -> list[int]:
    """The collectivities where the actor is officer (or president) and an active office
    keeps the register."""
    from jamaati.civil_status.models import Office

    ids = {g.collectivity_id for g in grants_of(actor) if g.role in OFFICER_ROLES}
    if not ids:
        return []
    return list(
        Office.objects.filter(collectivity_id__in=ids, is_active=True)
        .values_list("collectivity_id", flat=True)
        .distinct()
    )


def is_officer_anywhere(actor: Any) -> bool:
    """True when the actor is a civil-status officer (or president) at a node with an active
    office: a region's or a province's president is not an officer."""
    return bool(office_nodes_of(actor))


def is_officer_at(actor: Any, obj: Any) -> bool:
    """True when the actor is officer (or president) at exactly the object's collectivity."""
    node = collectivity_of(obj)
    return node is not None and any(
        g.role in OFFICER_ROLES and g.collectivity_id == node.pk for g in grants_of(actor)
    )


def signing_capacity(actor: Any, obj: Any) -> str:
    """`officer` for a delegated officer, `president` for the president signing himself."""
    node = collectivity_of(obj)
    roles = {g.role for g in grants_of(actor) if node and g.collectivity_id == node.pk}
    return "officer" if Role.CIVIL_STATUS_OFFICER in roles else "president"


@policy("civil_status.consult", public=True)
def can_consult(actor: Any, obj: Any) -> bool:
    """Any officer, nationally, reads any act or person (each read is logged)."""
    return is_officer_anywhere(actor)


@policy("civil_status.register", public=True)
def can_register(actor: Any, obj: Any) -> bool:
    """Register, verify, reject at one's own office."""
    return is_officer_at(actor, obj)


@policy("civil_status.sign", public=True)
def can_sign(actor: Any, act: Any) -> bool:
    """Sign the acts of one's own office."""
    return is_officer_at(actor, act)


@policy("civil_status.note", public=True)
def can_note(actor: Any, act: Any) -> bool:
    """Record marginal notes on the acts one's own office holds."""
    return is_officer_at(actor, act)


@policy("civil_status.predeclare", public=True)
def can_predeclare(actor: Any, predeclaration: Any) -> bool:
    """A facility's account for its facility, a signed-in citizen for themselves, an officer
    at their office's counter."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if predeclaration.source == "facility":
        facility = predeclaration.facility
        return facility is not None and facility.accounts.filter(pk=actor.pk).exists()
    if predeclaration.source == "counter":
        return is_officer_at(actor, predeclaration)
    return predeclaration.filed_by_id == actor.pk


@policy("civil_status.read_own", public=True)
def can_read_own(actor: Any, predeclaration: Any) -> bool:
    """The person or account who filed a pre-declaration follows it."""
    return getattr(actor, "is_authenticated", False) and predeclaration.filed_by_id == actor.pk


@policy("civil_status.offices_manage")
def can_manage_offices(actor: Any, obj: Any) -> bool:
    """The national administration opens the offices of the territory."""
    return any(g.role == Role.NATIONAL_ADMIN for g in grants_of(actor))
