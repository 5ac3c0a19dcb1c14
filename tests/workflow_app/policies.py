"""Who may move a test dossier: agents submit and review, the signatory decides, and deemed
acceptance belongs to the deadline clock alone."""

from typing import Any

from jamaati.core.access.actors import has_role
from jamaati.core.access.policies import policy
from jamaati.core.access.roles import Role


@policy("workflow_testapp.submit")
def can_submit(actor: Any, dossier: Any) -> bool:
    """An agent of the dossier's collectivity (filing at the counter)."""
    return has_role(actor, Role.AGENT, dossier.collectivity)


@policy("workflow_testapp.review")
def can_review(actor: Any, dossier: Any) -> bool:
    """An agent of the dossier's collectivity."""
    return has_role(actor, Role.AGENT, dossier.collectivity)


@policy("workflow_testapp.decide")
def can_decide(actor: Any, dossier: Any) -> bool:
    """The signatory of the dossier's collectivity."""
    return has_role(actor, Role.SIGNATORY, dossier.collectivity)


@policy("workflow_testapp.deem")
def can_deem(actor: Any, dossier: Any) -> bool:
    """No person: silence becomes consent only when the decision clock runs out."""
    return False
