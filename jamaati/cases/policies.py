"""Who may do what with a case.

Staff rules are reach rules (a membership at the case's collectivity or above). The
applicant's rules are registered public (a citizen has no membership, so reach cannot be the
test): they hold for the applicant's own account, and for an agent of the collectivity acting
at the counter on behalf of a walk-in citizen. Selectors already answer 404 for someone
else's case, so these rules only ever decide between allowed and 403.
"""

from typing import Any

from jamaati.core.access.actors import can_reach
from jamaati.core.access.policies import collectivity_of, policy
from jamaati.core.access.roles import Role

AGENTS = frozenset({Role.AGENT, Role.COLLECTIVITY_ADMIN})
DECIDERS = frozenset({Role.SIGNATORY})
QUEUE_READERS = AGENTS | DECIDERS
CASE_READERS = QUEUE_READERS | {Role.SUPERVISOR, Role.AUDITOR, Role.NATIONAL_ADMIN}
DASHBOARD_READERS = QUEUE_READERS | {Role.SUPERVISOR, Role.AUDITOR, Role.NATIONAL_ADMIN}


def _is_applicant(actor: Any, case: Any) -> bool:
    return (
        getattr(actor, "is_authenticated", False)
        and case.applicant_id is not None
        and case.applicant_id == actor.pk
    )


def _reaches(actor: Any, obj: Any, roles: frozenset) -> bool:
    node = collectivity_of(obj)
    return node is not None and can_reach(actor, node, roles=roles)


@policy("cases.file", public=True)
def can_file(actor: Any, case: Any) -> bool:
    """Online: the applicant's own account. At the counter: an agent of the collectivity."""
    return _is_applicant(actor, case) or _reaches(actor, case, AGENTS)


@policy("cases.applicant_act", public=True)
def can_act_as_applicant(actor: Any, case: Any) -> bool:
    """Complete, answer, appeal, withdraw: the applicant, or an agent at the counter."""
    return _is_applicant(actor, case) or _reaches(actor, case, AGENTS)


@policy("cases.read_own", public=True)
def can_read_own(actor: Any, case: Any) -> bool:
    """The applicant's view of the case (page, receipt, decision, messages, files)."""
    return _is_applicant(actor, case)


@policy("cases.view")
def can_view(actor: Any, case: Any) -> bool:
    """The back-office case page."""
    return _reaches(actor, case, CASE_READERS)


@policy("cases.instruct")
def can_instruct(actor: Any, case: Any) -> bool:
    """Ask for information, extend, assign, consult, write to the applicant."""
    return _reaches(actor, case, AGENTS | DECIDERS)


@policy("cases.decide")
def can_decide(actor: Any, case: Any) -> bool:
    """Sign the decision: the president or the signatory the president delegated."""
    return _reaches(actor, case, DECIDERS)


@policy("cases.supervise")
def can_supervise(actor: Any, case: Any) -> bool:
    """The governor's office of the province (supervision, law 55.19 art. 21)."""
    return _reaches(actor, case, frozenset({Role.SUPERVISOR}))


@policy("cases.clock_only")
def no_person(actor: Any, case: Any) -> bool:
    """Deemed acceptance and returned files belong to the expired clock alone."""
    return False


@policy("cases.view_queue")
def can_view_queue(actor: Any, collectivity: Any) -> bool:
    """The queue of a collectivity and the counter filing."""
    return _reaches(actor, collectivity, QUEUE_READERS)


@policy("cases.view_dashboard")
def can_view_dashboard(actor: Any, collectivity: Any) -> bool:
    """The dashboard: staff of the collectivity, the province's supervisor, the DGCT."""
    return _reaches(actor, collectivity, DASHBOARD_READERS)
