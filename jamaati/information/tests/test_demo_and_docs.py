"""The demo command (idempotent, varied states) and docs/information.md (the declared
workflow, every state reachable)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from jamaati.information.models import InformationRequest
from jamaati.information.workflow import INFORMATION_FLOW, OPEN_STATES, RequestState


@pytest.mark.django_db
def test_the_demo_requests_are_filed_once(django_capture_on_commit_callbacks):
    call_command("load_demo", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_information_demo", verbosity=0)
    assert InformationRequest.objects.count() == 8
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_deadlines", verbosity=0)  # as make run does
    states = set(InformationRequest.objects.values_list("state", flat=True))
    assert {"given", "partly_given", "refused", "submitted", "appeal_head", "unanswered"} <= states
    assert InformationRequest.objects.filter(is_urgent=True).exists()
    assert InformationRequest.objects.exclude(extension_reasons="").exists()
    call_command("load_information_demo", verbosity=0)
    assert InformationRequest.objects.count() == 8


def test_the_documented_diagram_is_the_declared_workflow():
    doc = (Path(settings.BASE_DIR) / "docs" / "information.md").read_text()
    assert INFORMATION_FLOW.to_mermaid([RequestState.DRAFT]) in doc, (
        "docs/information.md is out of date: paste INFORMATION_FLOW.to_mermaid(['draft'])"
    )


def test_every_state_is_reachable_from_filing():
    assert INFORMATION_FLOW.reachable_states([RequestState.DRAFT]) == INFORMATION_FLOW.all_states()
    assert INFORMATION_FLOW.all_states() >= OPEN_STATES
