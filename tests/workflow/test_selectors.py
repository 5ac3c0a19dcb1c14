"""Reads of clocks: the agent's queue is scoped to reach and costs a fixed number of queries."""

from datetime import date

import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.deadlines.selectors import deadline_list_for, deadlines_due, deadlines_of
from jamaati.core.deadlines.services import deadline_start, deadline_stop
from tests.workflow_app.factories import DossierFactory
from tests.workflow_app.models import DECISION

pytestmark = pytest.mark.django_db


def _clocks(actor, commune, starts):
    for day in starts:
        deadline_start(
            actor=actor, owner=DossierFactory(collectivity=commune), spec=DECISION, on=day
        )


def test_the_queue_holds_open_clocks_in_reach_soonest_first(agent, commune_a, commune_b):
    _clocks(agent, commune_a, [date(2026, 5, 4), date(2026, 4, 1)])
    _clocks(agent, commune_b, [date(2026, 4, 1)])
    closed = DossierFactory(collectivity=commune_a)
    deadline_stop(
        actor=agent,
        deadline=deadline_start(actor=agent, owner=closed, spec=DECISION, on=date(2026, 3, 2)),
    )

    queue = list(deadline_list_for(agent))

    assert [d.collectivity for d in queue] == [commune_a, commune_a]
    assert [d.starts_on for d in queue] == [date(2026, 4, 1), date(2026, 5, 4)]
    assert queue[0].due_on < queue[1].due_on
    assert [d.starts_on for d in deadline_list_for(agent, statuses=["stopped"])] == [
        date(2026, 3, 2)
    ]


def test_a_governor_sees_the_clocks_of_the_province(commune_a, commune_b, agent):
    _clocks(agent, commune_a, [date(2026, 4, 1)])
    _clocks(agent, commune_b, [date(2026, 4, 1)])
    governor = StaffFactory(collectivity=commune_a.parent, role=Role.SUPERVISOR)
    assert [d.collectivity for d in deadline_list_for(governor)] == [commune_a]


def test_the_queue_costs_three_queries_whatever_its_length(
    agent, commune_a, django_assert_num_queries
):
    _clocks(agent, commune_a, [date(2026, 4, d) for d in range(1, 11)])
    reader = StaffFactory(collectivity=commune_a, role=Role.AGENT)

    # The reader's grants, the clocks with their collectivity, their owners (one model).
    with django_assert_num_queries(3):
        queue = list(deadline_list_for(reader))
        owners = [d.owner.title for d in queue]
        places = [d.collectivity.code for d in queue]

    assert len(owners) == len(places) == 10


def test_deadlines_of_and_deadlines_due(agent, commune_a):
    dossier = DossierFactory(collectivity=commune_a)
    clock = deadline_start(actor=agent, owner=dossier, spec=DECISION, on=date(2026, 4, 30))
    assert list(deadlines_of(dossier)) == [clock]
    assert list(deadlines_due(date(2026, 6, 17))) == []
    assert list(deadlines_due(date(2026, 6, 18))) == [clock]
