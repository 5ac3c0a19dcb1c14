"""Who may do what with a complaint.

Staff rules are reach rules (a membership at the collectivity in charge or above): agents and
collectivity administrators instruct and answer; the province's supervisor, auditors and the
DGCT read. The complainant's rules are registered public (a citizen has no membership): they
hold for the complainant's own account, for the holder of the anonymous tracking link, and
for an agent of the collectivity acting at the counter. Selectors already answer 404 for
someone else's complaint, so these rules only decide between allowed and 403.
"""

from typing import Any

from jamaati.complaints.models import Channel
from jamaati.complaints.tracking import TrackingHolder
from jamaati.core.access.actors import can_reach
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role

AGENTS = frozenset({Role.AGENT, Role.COLLECTIVITY_ADMIN})
READERS = AGENTS | {Role.SUPERVISOR, Role.AUDITOR, Role.NATIONAL_ADMIN}


def _is_complainant(actor: Any, complaint: Any) -> bool:
    if isinstance(actor, TrackingHolder):
        return complaint.pk is not None and actor.complaint_id == complaint.pk
    return bool(
        getattr(actor, "is_authenticated", False)
        and complaint.applicant_id is not None
        and complaint.applicant_id == actor.pk
    )


def _reaches(actor: Any, obj: Any, roles: frozenset) -> bool:
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=roles)


@policy("complaints.file", public=True)
def can_file(actor: Any, complaint: Any) -> bool:
    """Online: the signed-in complainant, or anyone for an anonymous observation or
    suggestion. At the counter: an agent of the collectivity. API and Open311: the client's
    authenticated account."""
    if complaint.channel == Channel.COUNTER:
        return _reaches(actor, complaint, AGENTS)
    if complaint.is_anonymous:
        return complaint.kind != "complaint"
    if complaint.channel in (Channel.API, Channel.OPEN311):
        return bool(getattr(actor, "is_authenticated", False))
    return _is_complainant(actor, complaint)


@policy("complaints.complainant_act", public=True)
def can_act_as_complainant(actor: Any, complaint: Any) -> bool:
    """Add information, complete, reopen, rate: the complainant (or the tracking link's
    holder), or an agent at the counter."""
    return _is_complainant(actor, complaint) or _reaches(actor, complaint, AGENTS)


@policy("complaints.read_own", public=True)
def can_read_own(actor: Any, complaint: Any) -> bool:
    """The complainant's view (page, history, answer, photos)."""
    return _is_complainant(actor, complaint)


@policy("complaints.view")
def can_view(actor: Any, complaint: Any) -> bool:
    """The back-office page of a complaint, its photos and location."""
    return _reaches(actor, complaint, READERS)


@policy("complaints.instruct")
def can_instruct(actor: Any, complaint: Any) -> bool:
    """Ask the complainant to complete or clarify."""
    return _reaches(actor, complaint, AGENTS)


@policy("complaints.answer")
def can_answer(actor: Any, complaint: Any) -> bool:
    """Answer, redirect, transfer, close under article 12."""
    return _reaches(actor, complaint, AGENTS)


@policy("complaints.view_queue")
def can_view_queue(actor: Any, collectivity: Any) -> bool:
    """The queue of a collectivity (staff who read it)."""
    return _reaches(actor, collectivity, READERS)


@policy("complaints.file_counter")
def can_file_at_counter(actor: Any, collectivity: Any) -> bool:
    """Counter filing for a walk-in person."""
    return _reaches(actor, collectivity, AGENTS)
