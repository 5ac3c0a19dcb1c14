"""Who may do what with the council's record.

Reach rules (a membership at the council's collectivity or above): the council's secretariat,
the president (signatory) and the collectivity administrator prepare and run sessions; the
governor's office (supervisor) sees its communes' councils, adds agenda items, requests
extraordinary sessions and controls decisions; auditors and the DGCT read. Petitions are
filed by a signed-in citizen for themselves, or at the counter by the secretariat. The public
record (published sessions, decisions, votes) needs no rule: its selectors show only what is
public.
"""

from typing import Any

from jamaati.core.access.actors import can_reach
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role

SECRETARIAT = frozenset({Role.COUNCIL_SECRETARY, Role.SIGNATORY, Role.COLLECTIVITY_ADMIN})
SUPERVISORS = frozenset({Role.SUPERVISOR})
READERS = SECRETARIAT | SUPERVISORS | {Role.AUDITOR, Role.NATIONAL_ADMIN}


def _reaches(actor: Any, obj: Any, roles: frozenset) -> bool:
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=roles)


@policy("council.view")
def can_view(actor: Any, obj: Any) -> bool:
    """The back office of a council: its members, sessions, sittings, decisions, petitions."""
    return _reaches(actor, obj, READERS)


@policy("council.manage")
def can_manage(actor: Any, obj: Any) -> bool:
    """Members, committees, sessions, agenda, convocations, sittings, votes, minutes,
    petitions' answers, extraordinary requests' decisions."""
    return _reaches(actor, obj, SECRETARIAT)


@policy("council.transmit")
def can_transmit(actor: Any, decision: Any) -> bool:
    """Post a decision and send it to the governor."""
    return _reaches(actor, decision, SECRETARIAT)


@policy("council.sign_as_president")
def can_sign_as_president(actor: Any, sitting: Any) -> bool:
    return _reaches(actor, sitting, frozenset({Role.SIGNATORY}))


@policy("council.sign_as_secretary")
def can_sign_as_secretary(actor: Any, sitting: Any) -> bool:
    return _reaches(actor, sitting, frozenset({Role.COUNCIL_SECRETARY}))


@policy("council.supervise")
def can_supervise(actor: Any, obj: Any) -> bool:
    """The governor's control: opposition, visa, refusal of the visa."""
    return _reaches(actor, obj, SUPERVISORS)


@policy("council.governor")
def can_act_for_governor(actor: Any, obj: Any) -> bool:
    """Add agenda items within 8 days, request an extraordinary session: the governor's
    office, or the secretariat recording what the governor sent on paper."""
    return _reaches(actor, obj, SUPERVISORS | SECRETARIAT)


@policy("council.petition_file", public=True)
def can_file_petition(actor: Any, petition: Any) -> bool:
    """Online: a signed-in person for their own petition. At the counter: the secretariat."""
    own = (
        getattr(actor, "is_authenticated", False)
        and petition.filed_by_id is not None
        and petition.filed_by_id == actor.pk
    )
    return own or _reaches(actor, petition, SECRETARIAT)


@policy("council.clock_only")
def no_person(actor: Any, obj: Any) -> bool:
    """The lapse of a delay belongs to the expired clock alone."""
    return False
