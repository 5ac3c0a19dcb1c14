"""The test dossier's workflow as declared: complete, reachable, drawable, migrated."""

from django.core.management import call_command

from tests.workflow_app.models import DOSSIER_FLOW, Dossier, State


def test_every_state_is_reachable_from_draft():
    assert DOSSIER_FLOW.reachable_states({State.DRAFT}) == set(State.values)


def test_the_model_carries_its_workflow():
    assert Dossier.workflow is DOSSIER_FLOW
    assert DOSSIER_FLOW.expiry_transitions == {"deem_accepted"}


def test_the_diagram_draws_every_transition_from_every_source():
    text = DOSSIER_FLOW.to_mermaid(initial={State.DRAFT})
    assert text.startswith("stateDiagram-v2\n")
    assert "    [*] --> draft\n" in text
    assert "    incomplete : Awaiting documents\n" in text
    assert "    submitted --> incomplete : request_documents (suspends decision)\n" in text
    assert (
        "    submitted --> deemed_accepted : deem_accepted (stops decision, when decision" in text
    )
    for t in DOSSIER_FLOW.transitions:
        for source in t.sources:
            assert f"    {source} --> {t.target} : {t.name}" in text


def test_the_test_app_migrations_match_its_models(db):
    call_command("makemigrations", "workflow_testapp", "--check", "--dry-run", verbosity=0)
