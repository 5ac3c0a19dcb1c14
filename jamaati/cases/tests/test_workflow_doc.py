"""docs/cases.md shows the workflow as it is declared."""

from pathlib import Path

from django.conf import settings

from jamaati.cases.workflow import CASE_FLOW, OPEN_STATES, CaseState


def test_the_documented_diagram_is_the_declared_workflow():
    doc = (Path(settings.BASE_DIR) / "docs" / "cases.md").read_text()
    assert CASE_FLOW.to_mermaid([CaseState.DRAFT]) in doc, (
        "docs/cases.md is out of date: paste CASE_FLOW.to_mermaid(['draft']) into it"
    )


def test_every_state_is_reachable_from_filing_and_open_states_are_declared():
    assert CASE_FLOW.reachable_states([CaseState.DRAFT]) == CASE_FLOW.all_states()
    assert CASE_FLOW.all_states() >= OPEN_STATES
