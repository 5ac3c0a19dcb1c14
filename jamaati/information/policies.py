"""Who may do what with an information request.

Staff rules are reach rules (a membership at the request's collectivity or above): the
designated information officers (art. 12) and the agents of the body handle requests, the
head of the body (signatory) answers complaints, the supervisor and the DGCT read. The
requester's rules are public (a citizen has no membership): they hold for the requester's own
account, and for an officer or agent filing at the counter for a walk-in person. Selectors
already answer 404 for someone else's request, so these rules decide between allowed and 403.
"""

from typing import Any

from jamaati.core.access.actors import can_reach
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role

HANDLERS = frozenset({Role.INFORMATION_OFFICER, Role.AGENT, Role.COLLECTIVITY_ADMIN})
HEADS = frozenset({Role.SIGNATORY})
READERS = HANDLERS | HEADS | {Role.SUPERVISOR, Role.AUDITOR, Role.NATIONAL_ADMIN}


def _is_requester(actor: Any, request: Any) -> bool:
    return (
        getattr(actor, "is_authenticated", False)
        and request.requester_id is not None
        and request.requester_id == actor.pk
    )


def _reaches(actor: Any, obj: Any, roles: frozenset) -> bool:
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=roles)


@policy("information.file", public=True)
def can_file(actor: Any, request: Any) -> bool:
    """Online: the requester's own account. At the counter: an officer or agent of the body."""
    return _is_requester(actor, request) or _reaches(actor, request, HANDLERS)


@policy("information.requester_act", public=True)
def can_act_as_requester(actor: Any, request: Any) -> bool:
    """Complain to the head or the CDAI: the requester, or an officer recording it."""
    return _is_requester(actor, request) or _reaches(actor, request, HANDLERS)


@policy("information.read_own", public=True)
def can_read_own(actor: Any, request: Any) -> bool:
    return _is_requester(actor, request)


@policy("information.view")
def can_view(actor: Any, request: Any) -> bool:
    """The back-office page of a request."""
    return _reaches(actor, request, READERS)


@policy("information.handle")
def can_handle(actor: Any, request: Any) -> bool:
    """Extend, answer, mask for the register, record the CDAI's decision."""
    return _reaches(actor, request, HANDLERS)


@policy("information.head")
def can_answer_complaint(actor: Any, request: Any) -> bool:
    """The head of the body (the president, or the signatory) answers complaints (art. 19)."""
    return _reaches(actor, request, HEADS)


@policy("information.clock_only")
def no_person(actor: Any, request: Any) -> bool:
    """The lapse of a delay belongs to the expired clock alone."""
    return False


@policy("information.view_queue")
def can_view_queue(actor: Any, collectivity: Any) -> bool:
    """The requests of a collectivity (queue and counter)."""
    return _reaches(actor, collectivity, READERS)
