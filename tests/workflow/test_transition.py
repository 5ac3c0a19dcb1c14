"""transition(): lock, authorize, state and guards, save, log, audit, hooks on commit."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import Http404

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.models import Deadline
from jamaati.core.workflow import TransitionNotAllowed, on_transition, transition
from jamaati.core.workflow.engine import _HOOKS
from jamaati.core.workflow.models import TransitionLog
from tests.workflow_app.factories import DossierFactory
from tests.workflow_app.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def hook_calls():
    """Calls received by a hook registered on the dossier workflow for this test."""
    calls = []
    saved = {name: list(hooks) for name, hooks in _HOOKS.items()}
    on_transition("dossier", lambda obj, name, actor, data: calls.append((obj.pk, name, data)))
    yield calls
    _HOOKS.clear()
    _HOOKS.update(saved)


def _written(dossier):
    """What a transition writes, to show that a refusal wrote nothing."""
    return (
        type(dossier).objects.get(pk=dossier.pk).state,
        TransitionLog.objects.count(),
        AuditEvent.objects.count(),
        Deadline.objects.count(),
    )


def test_submit_moves_the_state_and_writes_the_log_and_the_audit_event_when_allowed(
    agent, commune_a
):
    dossier = DossierFactory(collectivity=commune_a)

    result = transition(dossier, "submit", actor=agent, channel="counter")

    assert result.state == State.SUBMITTED
    assert type(dossier).objects.get(pk=dossier.pk).state == State.SUBMITTED
    log = TransitionLog.objects.get()
    assert (log.workflow, log.transition, log.source, log.target) == (
        "dossier",
        "submit",
        "draft",
        "submitted",
    )
    assert (log.actor_id, log.actor_label, log.data) == (
        agent.pk,
        agent.username,
        {"channel": "counter"},
    )
    assert log.owner == dossier
    assert log.collectivity == commune_a
    event = AuditEvent.objects.get(action="dossier.submit")
    assert event.actor_id == agent.pk
    assert (event.object_type, event.object_id) == ("workflow_testapp.dossier", str(dossier.pk))
    assert event.changes == {"state": ["draft", "submitted"], "channel": "counter"}
    assert verify_chain(commune_a) is None


def test_a_wrong_source_state_is_refused_and_writes_nothing(signatory, commune_a):
    dossier = DossierFactory(collectivity=commune_a)
    before = _written(dossier)

    with pytest.raises(TransitionNotAllowed) as refused:
        transition(dossier, "decide", actor=signatory)

    assert isinstance(refused.value, ValidationError)
    assert refused.value.messages == ["“decide” is not possible while the file is “Draft”."]
    assert _written(dossier) == before


def test_a_guard_refusal_shows_its_message_and_writes_nothing(agent, commune_a):
    dossier = transition(DossierFactory(collectivity=commune_a), "submit", actor=agent)
    before = _written(dossier)

    with pytest.raises(TransitionNotAllowed) as refused:
        transition(dossier, "request_documents", actor=agent, missing=[])

    assert refused.value.messages == ["List the missing documents."]
    assert _written(dossier) == before


def test_permission_denied_when_the_role_is_missing(agent, commune_a):
    dossier = transition(DossierFactory(collectivity=commune_a), "submit", actor=agent)
    before = _written(dossier)

    with pytest.raises(PermissionDenied):
        transition(dossier, "decide", actor=agent)

    assert _written(dossier) == before


def test_the_allowed_role_passes_the_same_check(agent, signatory, commune_a):
    dossier = transition(DossierFactory(collectivity=commune_a), "submit", actor=agent)
    assert transition(dossier, "decide", actor=signatory).state == State.DECIDED


def test_another_communes_dossier_answers_404_before_its_state_is_read(commune_a, commune_b):
    stranger = StaffFactory(collectivity=commune_b, role=Role.AGENT)
    dossier = DossierFactory(collectivity=commune_a, state=State.DECIDED)
    before = _written(dossier)

    with pytest.raises(Http404):
        transition(dossier, "submit", actor=stranger)

    assert _written(dossier) == before


def test_hooks_run_after_the_commit_with_the_transition_input(
    agent, commune_a, hook_calls, django_capture_on_commit_callbacks
):
    dossier = DossierFactory(collectivity=commune_a)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition(dossier, "submit", actor=agent, channel="web")
        assert hook_calls == []  # nothing before the commit

    assert len(callbacks) == 1
    assert hook_calls == [(dossier.pk, "submit", {"channel": "web"})]


def test_no_hook_is_queued_when_the_transition_is_refused(
    signatory, commune_a, hook_calls, django_capture_on_commit_callbacks
):
    dossier = DossierFactory(collectivity=commune_a)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(TransitionNotAllowed),
    ):
        transition(dossier, "decide", actor=signatory)
    assert callbacks == []
    assert hook_calls == []


def test_an_unknown_transition_is_a_programming_error(agent, commune_a):
    with pytest.raises(LookupError, match="no transition 'approve'"):
        transition(DossierFactory(collectivity=commune_a), "approve", actor=agent)


def test_an_object_without_a_workflow_is_refused(agent, commune_a):
    with pytest.raises(ImproperlyConfigured, match="TenantModel"):
        transition(commune_a, "submit", actor=agent)


def test_a_self_loop_transition_logs_the_same_state(agent, commune_a):
    dossier = transition(DossierFactory(collectivity=commune_a), "submit", actor=agent)
    transition(dossier, "extend", actor=agent, reason="expert study")
    log = TransitionLog.objects.get(transition="extend")
    assert (log.source, log.target, log.data) == (
        "submitted",
        "submitted",
        {"reason": "expert study"},
    )


def test_a_step_recorded_later_starts_its_clocks_on_its_own_day(agent, commune_a):
    """`effective_on`: a request received on paper on 2 November and recorded on 9 November
    counts its delay from 2 November; the log and the audit event keep the day."""
    from datetime import date

    dossier = DossierFactory(collectivity=commune_a)

    transition(dossier, "submit", actor=agent, effective_on=date(2026, 11, 2))

    clock = Deadline.objects.get()
    assert clock.starts_on == date(2026, 11, 2)
    assert TransitionLog.objects.get().data["effective_on"] == "2026-11-02"
    assert AuditEvent.objects.filter(changes__effective_on="2026-11-02").exists()


def test_a_step_cannot_be_dated_in_the_future(agent, commune_a):
    """`effective_on` after today is refused before anything is written."""
    from datetime import timedelta

    from django.utils import timezone

    dossier = DossierFactory(collectivity=commune_a)
    before = _written(dossier)

    with pytest.raises(TransitionNotAllowed):
        transition(
            dossier,
            "submit",
            actor=agent,
            effective_on=timezone.localdate() + timedelta(days=1),
        )

    assert _written(dossier) == before
