"""Who may do what with the council's record.

A council is its collectivity's own: its secretariat, president (signatory) and the
collectivity administrator prepare and run sessions only with a membership AT that
collectivity (a province's secretariat serves the provincial council, not the communes
below). The governor's office (supervisor), the auditors and the DGCT reach down the tree:
the governor's office sees its communes' councils, adds agenda items, requests
extraordinary sessions and controls decisions; auditors and the DGCT read. Petitions are
filed by a signed-in citizen for themselves, or at the counter by the secretariat. The public
record (published sessions, decisions, votes) needs no rule: its selectors show only what is
public.
"""

from typing import Any

from jamaati.core.access.actors import can_reach, grants_of
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role

SECRETARIAT = frozenset({Role.COUNCIL_SECRETARY, Role.SIGNATORY, Role.COLLECTIVITY_ADMIN})
SUPERVISORS = frozenset({Role.SUPERVISOR})
# Who reads a council's record from above it: the governor's office, auditors, the DGCT.
OVERSIGHT = SUPERVISORS | {Role.AUDITOR, Role.NATIONAL_ADMIN}


def _at_node(actor: Any, obj: Any, roles: frozenset) -> bool:
    """A membership with one of `roles` at the object's own collectivity (not above it)."""
    node = collectivity_of(obj)
    return node is not None and any(
        g.collectivity_id == node.pk and g.role in roles for g in grants_of(actor)
    )


def is_secretariat_of(actor: Any, collectivity: Any) -> bool:
    """True when the actor serves the council of `collectivity` itself (secretariat,
    president or administrator there): what the counter of petitions checks."""
    return _at_node(actor, collectivity, SECRETARIAT)


def _reaches(actor: Any, obj: Any, roles: frozenset) -> bool:
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=roles)


@policy("council.view")
def can_view(actor: Any, obj: Any) -> bool:
    """The back office of a council: its members, sessions, sittings, decisions, petitions."""
    return _at_node(actor, obj, SECRETARIAT) or _reaches(actor, obj, OVERSIGHT)


@policy("council.manage")
def can_manage(actor: Any, obj: Any) -> bool:
    """Members, committees, sessions, agenda, convocations, sittings, votes, minutes,
    petitions' answers, extraordinary requests' decisions."""
    return _at_node(actor, obj, SECRETARIAT)


@policy("council.transmit")
def can_transmit(actor: Any, decision: Any) -> bool:
    """Post a decision and send it to the governor."""
    return _at_node(actor, decision, SECRETARIAT)


@policy("council.sign_as_president")
def can_sign_as_president(actor: Any, sitting: Any) -> bool:
    return _at_node(actor, sitting, frozenset({Role.SIGNATORY}))


@policy("council.sign_as_secretary")
def can_sign_as_secretary(actor: Any, sitting: Any) -> bool:
    return _at_node(actor, sitting, frozenset({Role.COUNCIL_SECRETARY}))


@policy("council.supervise")
def can_supervise(actor: Any, obj: Any) -> bool:
    """The governor's control: opposition, visa, refusal of the visa."""
    return _reaches(actor, obj, SUPERVISORS)


@policy("council.governor")
def can_act_for_governor(actor: Any, obj: Any) -> bool:
    """Add agenda items within 8 days, request an extraordinary session: the governor's
    office, or the secretariat recording what the governor sent on paper."""
    return _reaches(actor, obj, SUPERVISORS) or _at_node(actor, obj, SECRETARIAT)


@policy("council.petition_file", public=True)
def can_file_petition(actor: Any, petition: Any) -> bool:
    """Online: a signed-in person for their own petition. At the counter: the secretariat."""
    own = (
        getattr(actor, "is_authenticated", False)
        and petition.filed_by_id is not None
        and petition.filed_by_id == actor.pk
    )
    return own or _at_node(actor, petition, SECRETARIAT)


@policy("council.clock_only")
def no_person(actor: Any, obj: Any) -> bool:
    """The lapse of a delay belongs to the expired clock alone."""
    return False
