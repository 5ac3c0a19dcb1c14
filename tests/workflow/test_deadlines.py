"""Legal clocks driven by transitions: start, suspend and resume, extend, stop, and the rules
of law 55.19 (one suspension, within the first half of the delay; one extension)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent
from jamaati.core.calendar import add_working_days
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.deadlines.services import DeadlineRefused, deadline_start
from jamaati.core.workflow import CALENDAR, DeadlineSpec, TransitionNotAllowed, transition
from tests.workflow_app.factories import DossierFactory
from tests.workflow_app.models import DECISION, State

pytestmark = pytest.mark.django_db

Status = Deadline.Status


def _submitted(agent, commune, today, day=date(2026, 4, 30)):
    today(day)
    return transition(DossierFactory(collectivity=commune), "submit", actor=agent)


def _clock(dossier):
    return deadlines_of(dossier).get(kind="decision")


def test_submit_starts_the_decision_clock_skipping_weekends_and_holidays(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))  # a Thursday

    clock = _clock(dossier)
    # 30 working days from Thu 30 April 2026, day 1 being the next working day:
    #   Fri 1 May is Labour Day, so May 4-8 = days 1-5, 11-15 = 6-10, 18-22 = 11-15,
    #   Mon 25 and Tue 26 = 16-17, Wed 27 and Thu 28 are Eid al-Adha (estimated),
    #   Fri 29 = 18, June 1-5 = 19-23, 8-12 = 24-28, Mon 15 = 29,
    #   Tue 16 is the Islamic New Year (estimated), Wed 17 June = day 30.
    assert clock.due_on == date(2026, 6, 17)
    assert (clock.starts_on, clock.days, clock.calendar) == (date(2026, 4, 30), 30, "working")
    assert (clock.status, clock.legal_basis, clock.on_expiry) == (
        Status.RUNNING,
        DECISION.legal_basis,
        "deem_accepted",
    )
    start = AuditEvent.objects.get(action="deadline.start")
    assert start.changes["due_on"] == [None, "2026-06-17"]
    assert start.object_id == str(dossier.pk)
    assert verify_chain(commune_a) is None


def test_a_calendar_day_delay_ending_on_a_sunday_moves_to_monday(agent, commune_a, today):
    dossier = DossierFactory(collectivity=commune_a)
    today(date(2026, 10, 1))
    reply = DeadlineSpec(
        "reply", days=10, calendar=CALENDAR, legal_basis="Decree 2.17.265, art. 11"
    )

    clock = deadline_start(actor=agent, owner=dossier, spec=reply)

    # Thu 1 Oct + 10 days = Sun 11 Oct, not a working day -> Mon 12 Oct.
    assert clock.due_on == date(2026, 10, 12)


def test_a_calendar_day_delay_ending_on_a_sunday_before_a_holiday_moves_past_both(agent, commune_a):
    dossier = DossierFactory(collectivity=commune_a)
    reply = DeadlineSpec(
        "reply", days=10, calendar=CALENDAR, legal_basis="Decree 2.17.265, art. 11"
    )

    clock = deadline_start(actor=agent, owner=dossier, spec=reply, on=date(2026, 12, 31))

    # Thu 31 Dec + 10 = Sun 10 Jan 2027; Mon 11 Jan is Proclamation of Independence Day.
    assert clock.due_on == date(2027, 1, 12)


def test_request_documents_suspends_and_complete_resumes_with_the_days_left(
    agent, commune_a, today
):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))

    today(date(2026, 5, 8))  # a Friday: May 4-8 used 5 of the 30 working days
    dossier = transition(dossier, "request_documents", actor=agent, missing=["plan"])
    clock = _clock(dossier)
    assert (clock.status, clock.suspended_on, clock.remaining_days) == (
        Status.SUSPENDED,
        date(2026, 5, 8),
        25,
    )
    assert dossier.state == State.INCOMPLETE

    today(date(2026, 5, 20))  # a Wednesday
    dossier = transition(dossier, "complete", actor=agent)
    clock = _clock(dossier)
    # 25 working days after Wed 20 May: 21-22 (2), 25-26 (4), 27-28 Eid, 29 (5),
    # June 1-5 (10), 8-12 (15), 15 (16), 16 New Year, 17-19 (19), 22-26 (24), Mon 29 June (25).
    assert clock.due_on == date(2026, 6, 29)
    assert (clock.status, clock.suspended_on, clock.remaining_days) == (Status.RUNNING, None, None)
    assert clock.history == [["2026-05-08", "2026-05-20"]]
    assert (clock.suspensions, clock.suspended_days) == (1, 12)
    assert dossier.state == State.SUBMITTED
    actions = list(
        AuditEvent.objects.filter(collectivity=commune_a)
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "dossier.submit",
        "deadline.start",
        "dossier.request_documents",
        "deadline.suspend",
        "dossier.complete",
        "deadline.resume",
    ]
    assert verify_chain(commune_a) is None


def test_a_second_suspension_is_refused_and_nothing_changes(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))
    today(date(2026, 5, 5))
    dossier = transition(dossier, "request_documents", actor=agent, missing=["plan"])
    today(date(2026, 5, 6))
    dossier = transition(dossier, "complete", actor=agent)
    clock_before = _clock(dossier)
    events_before = AuditEvent.objects.count()

    today(date(2026, 5, 7))
    with pytest.raises(TransitionNotAllowed) as refused:
        transition(dossier, "request_documents", actor=agent, missing=["deed"])

    assert refused.value.messages == ["The “decision” delay can be suspended only 1 time(s)."]
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    clock = _clock(dossier)
    assert (clock.status, clock.suspensions, clock.due_on) == (
        Status.RUNNING,
        1,
        clock_before.due_on,
    )
    assert AuditEvent.objects.count() == events_before


def test_a_suspension_in_the_first_half_is_allowed_up_to_its_last_day(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))
    today(date(2026, 5, 22))  # day 15 of 30 (see the first test): exactly half used
    dossier = transition(dossier, "request_documents", actor=agent, missing=["plan"])
    assert _clock(dossier).remaining_days == 15


def test_a_suspension_after_the_first_half_is_refused(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))
    today(date(2026, 5, 25))  # day 16 of 30

    with pytest.raises(TransitionNotAllowed) as refused:
        transition(dossier, "request_documents", actor=agent, missing=["plan"])

    assert refused.value.messages == [
        "The “decision” delay can be suspended only in the first half of the delay "
        "(16 of 30 days are used)."
    ]
    assert _clock(dossier).status == Status.RUNNING
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_one_extension_of_the_length_of_the_delay_and_no_second(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))
    today(date(2026, 6, 1))

    dossier = transition(dossier, "extend", actor=agent, reason="expert study")

    clock = _clock(dossier)
    assert (clock.extension_days, clock.extensions, clock.is_extended) == (30, 1, True)
    assert clock.due_on == add_working_days(date(2026, 4, 30), 60)
    with pytest.raises(TransitionNotAllowed) as refused:
        transition(dossier, "extend", actor=agent, reason="again")
    assert refused.value.messages == ["The “decision” delay can be extended only 1 time(s)."]
    assert _clock(dossier).extension_days == 30


def test_an_extension_after_the_due_day_is_refused(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))
    today(date(2026, 6, 18))  # the day after the due day, before the sweep ran

    with pytest.raises(TransitionNotAllowed, match="ran out"):
        transition(dossier, "extend", actor=agent)


def test_decide_stops_the_clock(agent, signatory, commune_a, today):
    dossier = _submitted(agent, commune_a, today, date(2026, 4, 30))
    today(date(2026, 5, 12))

    transition(dossier, "decide", actor=signatory, outcome="granted")

    clock = _clock(dossier)
    assert (clock.status, clock.stopped_on) == (Status.STOPPED, date(2026, 5, 12))
    assert AuditEvent.objects.filter(action="deadline.stop").count() == 1


def test_a_clock_kind_runs_once_per_object(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    with pytest.raises(DeadlineRefused):
        deadline_start(actor=agent, owner=dossier, spec=DECISION)
    clock = _clock(dossier)
    duplicate = Deadline(
        collectivity=commune_a,
        content_type=clock.content_type,
        object_id=clock.object_id,
        kind="decision",
        legal_basis="x",
        calendar="working",
        days=5,
        starts_on=clock.starts_on,
        due_on=clock.due_on,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_database_refuses_a_clock_without_a_legal_basis(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    clock = _clock(dossier)
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.filter(pk=clock.pk).update(legal_basis="")


def test_a_resumption_needs_a_suspended_clock(agent, commune_a, today):
    dossier = DossierFactory(collectivity=commune_a, state=State.INCOMPLETE)
    today(date(2026, 5, 4))
    deadline_start(actor=agent, owner=dossier, spec=DECISION)
    with pytest.raises(TransitionNotAllowed, match="not suspended"):
        transition(dossier, "complete", actor=agent)
