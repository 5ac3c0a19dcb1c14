"""The workflows are valid data: every state reachable, every permission a registered policy."""

from jamaati.civil_status import policies  # noqa: F401  (registers the rules)
from jamaati.civil_status.workflow import ACT_FLOW, PREDECLARATION_FLOW, ActState, PreState
from jamaati.core.access.policies import registered_actions


def test_every_act_state_is_reachable_from_draft():
    assert ACT_FLOW.reachable_states([ActState.DRAFT]) == frozenset(ActState.values)


def test_every_predeclaration_state_is_reachable_from_filed():
    assert PREDECLARATION_FLOW.reachable_states([PreState.FILED]) == frozenset(PreState.values)


def test_every_transition_names_a_registered_policy():
    actions = set(registered_actions())
    for flow in (ACT_FLOW, PREDECLARATION_FLOW):
        for t in flow.transitions:
            assert t.permission in actions, t.name


def test_the_authorisation_clock_cites_article_41():
    spec = PREDECLARATION_FLOW.specs["authorisation"]
    assert (spec.days, spec.calendar) == (60, "calendar")
    assert spec.legal_basis.endswith("art. 41")
