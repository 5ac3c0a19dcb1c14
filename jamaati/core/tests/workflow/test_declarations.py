"""Workflow declarations are validated when they are declared, and draw themselves."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from jamaati.core.workflow import DeadlineSpec, Transition, Workflow, WorkflowError


class S(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


CLOCK = DeadlineSpec("answer", days=20, calendar="working", legal_basis="Law 31.13, art. 16")


def _flow(*transitions, **kwargs):
    return Workflow(name="thing", states=S, transitions=list(transitions), **kwargs)


def test_a_valid_declaration_keeps_states_as_plain_strings():
    flow = _flow(
        Transition("open", {S.NEW}, S.OPEN, permission="x.open", starts=CLOCK),
        Transition("close", {S.OPEN}, S.CLOSED, permission="x.close", stops=("answer",)),
    )
    t = flow.get("open")
    assert t.sources == frozenset({"new"})
    assert type(next(iter(t.sources))) is str
    assert t.starts == (CLOCK,)
    assert flow.specs == {"answer": CLOCK}


def test_unknown_state_is_refused_when_states_are_declared():
    with pytest.raises(WorkflowError, match=r"unknown states \['archived'\]"):
        _flow(Transition("archive", {S.CLOSED}, "archived", permission="x.archive"))


def test_duplicate_transition_names_are_refused():
    with pytest.raises(WorkflowError, match="declared twice"):
        _flow(
            Transition("open", {S.NEW}, S.OPEN, permission="x.open"),
            Transition("open", {S.CLOSED}, S.OPEN, permission="x.open"),
        )


def test_on_expiry_must_name_a_transition_of_the_workflow():
    clock = DeadlineSpec("answer", 20, "working", "Law 31.13, art. 16", on_expiry="escalate")
    with pytest.raises(WorkflowError, match="'escalate', which is not a transition"):
        _flow(Transition("open", {S.NEW}, S.OPEN, permission="x.open", starts=clock))


def test_a_transition_cannot_touch_a_clock_nobody_starts():
    with pytest.raises(WorkflowError, match="suspends clock 'answer', which no transition"):
        _flow(Transition("pause", {S.OPEN}, S.OPEN, permission="x.pause", suspends=("answer",)))


def test_one_clock_kind_has_one_declaration():
    other = DeadlineSpec("answer", days=3, calendar="working", legal_basis="Law 31.13, art. 17")
    with pytest.raises(WorkflowError, match="two different declarations"):
        _flow(
            Transition("open", {S.NEW}, S.OPEN, permission="x.open", starts=CLOCK),
            Transition("reopen", {S.CLOSED}, S.OPEN, permission="x.open", starts=other),
        )


def test_transition_needs_sources_permission_and_a_verb_name():
    with pytest.raises(WorkflowError, match="no source"):
        Transition("open", frozenset(), S.OPEN, permission="x.open")
    with pytest.raises(WorkflowError, match="needs a permission"):
        Transition("open", {S.NEW}, S.OPEN, permission="")
    with pytest.raises(WorkflowError, match="lowercase verb"):
        Transition("Open it", {S.NEW}, S.OPEN, permission="x.open")


def test_a_deadline_needs_its_legal_basis_and_a_positive_delay():
    with pytest.raises(ImproperlyConfigured, match="legal basis"):
        DeadlineSpec("answer", days=20, calendar="working", legal_basis=" ")
    with pytest.raises(ImproperlyConfigured, match="positive"):
        DeadlineSpec("answer", days=0, calendar="working", legal_basis="Law 31.13, art. 16")
    with pytest.raises(ImproperlyConfigured, match="calendar"):
        DeadlineSpec("answer", days=20, calendar="lunar", legal_basis="Law 31.13, art. 16")


def test_reachable_states_follow_the_transitions():
    flow = _flow(
        Transition("open", {S.NEW}, S.OPEN, permission="x.open"),
        Transition("close", {S.OPEN}, S.CLOSED, permission="x.close"),
    )
    assert flow.reachable_states({S.NEW}) == {"new", "open", "closed"}
    assert flow.reachable_states({S.OPEN}) == {"open", "closed"}


def test_mermaid_diagram_lists_states_edges_and_clocks():
    clock = DeadlineSpec("answer", 20, "working", "Law 31.13, art. 16", on_expiry="close")
    flow = _flow(
        Transition("open", {S.NEW}, S.OPEN, permission="x.open", starts=clock),
        Transition("close", {S.OPEN}, S.CLOSED, permission="x.close", stops=("answer",)),
    )
    assert flow.to_mermaid(initial={S.NEW}) == (
        "stateDiagram-v2\n"
        "    new : New\n"
        "    open : Open\n"
        "    closed : Closed\n"
        "    [*] --> new\n"
        "    new --> open : open (starts answer)\n"
        "    open --> closed : close (stops answer, when answer expires)\n"
    )
