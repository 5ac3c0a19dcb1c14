"""After the vote: posting (art. 273) and transmission to the governor (art. 116)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from jamaati.core.audit.models import AuditEvent
from jamaati.core.calendar import add_working_days
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.council import rules
from jamaati.council.models import Decision
from jamaati.council.services.decisions import decision_post, decision_transmit
from jamaati.council.services.votes import vote_record
from jamaati.council.tests.factories import AgendaItemFactory
from jamaati.council.tests.test_sittings import open_sitting

pytestmark = pytest.mark.django_db

DAY = timezone.make_aware(datetime(2027, 2, 1, 11, 0))  # a Monday


@pytest.fixture(autouse=True)
def on_the_sitting_day(time_machine):
    """Today is the sitting's day (a sitting opens on its day): what follows the vote (posting,
    transmission, the governor's control) happens on or after it, never before."""
    time_machine.move_to(DAY, tick=False)


def adopt(secretary, council, *, subject="other", needs_visa=False) -> Decision:
    """A decision adopted through the services, its clocks running from DAY."""
    sitting = open_sitting(secretary, council)
    item = AgendaItemFactory(
        collectivity=sitting.collectivity,
        session=sitting.session,
        subject=subject,
        needs_visa=needs_visa,
        needs_absolute_majority=False,
    )
    with time_machine.travel(DAY, tick=False):
        event = vote_record(
            actor=secretary,
            sitting=sitting,
            item=item,
            ballots={m.pk: "for" for m in council[1:7]},
            now=DAY,
        )
    return event.decision


def test_post_stops_the_posting_clock(secretary, council):
    decision = adopt(secretary, council)
    assert deadline_open_of(decision, "posting") is not None
    decision_post(actor=secretary, decision=decision, now=DAY)
    assert decision.posted_at == DAY
    decision.refresh_from_db()
    assert decision.posted_at == DAY
    assert deadline_open_of(decision, "posting") is None
    assert Deadline.objects.of(decision).get(kind="posting").status == "stopped"
    assert AuditEvent.objects.filter(action="council.decision_post").exists()
    with pytest.raises(ValidationError):
        decision_post(actor=secretary, decision=decision, now=DAY)


def test_post_denied_and_other_commune(secretary, council, agent, governor, other_secretary):
    decision = adopt(secretary, council)
    with pytest.raises(PermissionDenied):
        decision_post(actor=agent, decision=decision)
    with pytest.raises(PermissionDenied):
        decision_post(actor=governor, decision=decision)
    with pytest.raises(Http404):
        decision_post(actor=other_secretary, decision=decision)
    decision.refresh_from_db()
    assert decision.posted_at is None


def test_transmit_opens_the_opposition_window(secretary, council):
    decision = adopt(secretary, council)
    with time_machine.travel(DAY, tick=False):
        decision_transmit(actor=secretary, decision=decision, now=DAY)
    decision.refresh_from_db()
    assert decision.state == "transmitted"
    assert decision.transmitted_at == DAY
    assert deadline_open_of(decision, "transmission") is None
    opposition = deadline_open_of(decision, "opposition")
    assert opposition.due_on == add_working_days(date(2027, 2, 1), rules.OPPOSITION.value)
    assert deadline_open_of(decision, "visa") is None


def test_transmit_for_visa(secretary, council):
    decision = adopt(secretary, council, subject="budget", needs_visa=True)
    with time_machine.travel(DAY, tick=False):
        decision_transmit(actor=secretary, decision=decision, now=DAY)
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"
    assert deadline_open_of(decision, "visa").days == rules.VISA.value
    assert deadline_open_of(decision, "opposition_window") is not None
    assert deadline_open_of(decision, "opposition") is None


def test_transmit_twice_is_refused(secretary, council):
    decision = adopt(secretary, council)
    decision_transmit(actor=secretary, decision=decision, now=DAY)
    with pytest.raises(ValidationError):
        decision_transmit(actor=secretary, decision=decision, now=DAY)
    assert AuditEvent.objects.filter(action="council.decision_transmit").count() == 1


def test_transmit_denied_and_other_commune(secretary, council, agent, governor, other_secretary):
    decision = adopt(secretary, council)
    with pytest.raises(PermissionDenied):
        decision_transmit(actor=agent, decision=decision)
    with pytest.raises(PermissionDenied):
        decision_transmit(actor=governor, decision=decision)
    with pytest.raises(Http404):
        decision_transmit(actor=other_secretary, decision=decision)
    decision.refresh_from_db()
    assert decision.state == "adopted"
    assert decision.transmitted_at is None
    assert deadline_open_of(decision, "transmission") is not None


def test_transmission_clock_expires_without_an_outcome(secretary, council):
    """Late transmission is flagged by its expired clock; the decision can still be sent."""
    from jamaati.core.deadlines.sweep import expire_due_deadlines

    decision = adopt(secretary, council, subject="urbanism")
    clock = deadline_open_of(decision, "transmission")
    assert clock.due_on == add_working_days(date(2027, 2, 1), 5)
    expire_due_deadlines(today=clock.due_on)
    assert deadline_open_of(decision, "transmission") is not None  # the due day is within
    expire_due_deadlines(today=date.fromordinal(clock.due_on.toordinal() + 1))
    clock.refresh_from_db()
    assert clock.status == "expired"
    decision.refresh_from_db()
    assert decision.state == "adopted"
    late = timezone.make_aware(datetime.combine(clock.due_on, datetime.min.time()))
    with time_machine.travel(late + timedelta(days=1, hours=9), tick=False):
        decision_transmit(actor=secretary, decision=decision)
    decision.refresh_from_db()
    assert decision.state == "transmitted"
    assert timezone.localdate(decision.transmitted_at) > clock.due_on


def test_transmission_recorded_on_a_past_day_counts_from_that_day(secretary, council):
    """A transmission recorded later with its own day (`now`): the clocks count from it."""
    decision = adopt(secretary, council, subject="budget", needs_visa=True)
    sent = timezone.make_aware(datetime(2027, 2, 3, 9, 0))  # a Wednesday
    with time_machine.travel(timezone.make_aware(datetime(2027, 2, 10, 9, 0)), tick=False):
        decision_transmit(actor=secretary, decision=decision, now=sent)
    visa = deadline_open_of(decision, "visa")
    assert visa.starts_on == date(2027, 2, 3)
    assert visa.due_on >= date(2027, 2, 23)
    window = deadline_open_of(decision, "opposition_window")
    assert window.due_on == add_working_days(date(2027, 2, 3), rules.OPPOSITION.value)
    logged = AuditEvent.objects.filter(action="council_decision.transmit_for_visa").get()
    assert logged.changes["effective_on"] == "2027-02-03"
