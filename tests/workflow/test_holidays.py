"""A holiday confirmed or moved by the DGCT recomputes the open clocks whose window covers it,
through the calendar's own service and callback registry."""

from datetime import date

import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent
from jamaati.core.calendar import is_working_day
from jamaati.core.calendar.services import holiday_move
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.deadlines.services import deadline_start
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.workflow import DeadlineSpec, transition
from tests.workflow_app.factories import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dgct():
    return StaffFactory(collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN)


def test_moving_eid_onto_a_saturday_brings_a_running_due_date_forward(
    agent, dgct, commune_a, today
):
    today(date(2026, 4, 30))
    dossier = transition(DossierFactory(collectivity=commune_a), "submit", actor=agent)
    assert deadlines_of(dossier).get().due_on == date(2026, 6, 17)

    # The second day of Eid al-Adha is announced on Sat 30 May instead of Thu 28 May: 28 May
    # becomes a working day, so day 29 of the delay (was Mon 15 June) is now day 30.
    holiday_move(actor=dgct, year=2026, key="eid-al-adha-2", day=date(2026, 5, 30))
    assert is_working_day(date(2026, 5, 28))

    clock = deadlines_of(dossier).get()
    assert clock.due_on == date(2026, 6, 15)
    event = AuditEvent.objects.get(action="deadline.recompute")
    assert (event.actor_label, event.changes["due_on"]) == (
        "deadline-clock",
        ["2026-06-17", "2026-06-15"],
    )
    assert verify_chain(commune_a) is None


def test_clocks_whose_window_does_not_cover_the_changed_days_are_untouched(agent, dgct, commune_a):
    dossier = DossierFactory(collectivity=commune_a)
    short = DeadlineSpec("reply", days=5, calendar="working", legal_basis="Service charter")
    clock = deadline_start(actor=agent, owner=dossier, spec=short, on=date(2026, 5, 4))
    assert clock.due_on == date(2026, 5, 11)

    holiday_move(actor=dgct, year=2026, key="eid-al-adha-2", day=date(2026, 5, 30))

    assert Deadline.objects.get(pk=clock.pk).due_on == date(2026, 5, 11)
    assert not AuditEvent.objects.filter(action="deadline.recompute").exists()


def test_a_suspended_clock_keeps_the_right_number_of_days_left(agent, dgct, commune_a, today):
    today(date(2026, 3, 16))  # a Monday
    dossier = transition(DossierFactory(collectivity=commune_a), "submit", actor=agent)
    today(date(2026, 3, 27))  # used: 17-19 March (3), Fri 20 is Eid al-Fitr, 23-27 (5) = 8
    transition(dossier, "request_documents", actor=agent, missing=["plan"])
    assert deadlines_of(dossier).get().remaining_days == 22

    # Eid al-Fitr announced a day early, on Thu 19 March (its second day follows, Fri 20):
    # Thu 19 is no longer a working day, so only 7 days were used and 23 are left.
    holiday_move(actor=dgct, year=2026, key="eid-al-fitr-1", day=date(2026, 3, 19))
    assert not is_working_day(date(2026, 3, 19))
    assert not is_working_day(date(2026, 3, 20))

    clock = deadlines_of(dossier).get()
    assert (clock.status, clock.remaining_days) == (Deadline.Status.SUSPENDED, 23)
    assert verify_chain(commune_a) is None
