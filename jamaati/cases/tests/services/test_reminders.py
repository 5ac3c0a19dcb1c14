"""Reminders before a due day (the kernel's sweep, on a case as the clock's owner): sent once
per due day, again when the day moves, audited, and not for stopped clocks."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.cases.tests.factories import file_case, version_in
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.services import deadline_extend, deadline_start, deadline_stop
from jamaati.core.deadlines.signals import deadline_reminder
from jamaati.core.deadlines.sweep import send_due_reminders
from jamaati.core.workflow import CALENDAR, SYSTEM, DeadlineSpec

pytestmark = pytest.mark.django_db

NOTICE = DeadlineSpec(
    "notice", days=10, calendar=CALENDAR, legal_basis="Test, art. 1", remind_days_before=3
)


@pytest.fixture
def received():
    calls = []

    def receiver(sender, deadline, owner, today, **kwargs):
        calls.append((deadline.kind, owner.pk, today))

    deadline_reminder.connect(receiver, dispatch_uid="test-reminders")
    yield calls
    deadline_reminder.disconnect(dispatch_uid="test-reminders")


@pytest.fixture
def case(commune_a):
    return file_case(citizen=CitizenFactory(), version=version_in(commune_a, documents=0))


def test_reminder_is_sent_once_from_its_day_and_again_when_the_due_day_moves(case, received):
    clock = deadline_start(actor=SYSTEM, owner=case, spec=NOTICE, on=date(2026, 11, 2))
    assert clock.due_on == date(2026, 11, 12)
    assert clock.remind_days == 3

    assert send_due_reminders(date(2026, 11, 8)).reminded == 0
    assert send_due_reminders(date(2026, 11, 9)).reminded == 1
    assert received == [("notice", case.pk, date(2026, 11, 9))]
    assert send_due_reminders(date(2026, 11, 10)).reminded == 0  # once per due day
    assert AuditEvent.objects.filter(action="deadline.remind", object_id=str(case.pk)).count() == 1

    deadline_extend(actor=SYSTEM, deadline=clock, days=5, on=date(2026, 11, 10))
    assert send_due_reminders(date(2026, 11, 13)).reminded == 0
    assert send_due_reminders(date(2026, 11, 14)).reminded == 1  # due on the 17th now
    assert received[-1] == ("notice", case.pk, date(2026, 11, 14))


def test_stopped_or_unreminded_clocks_send_nothing(case, received):
    silent = DeadlineSpec("silent", days=10, calendar=CALENDAR, legal_basis="Test, art. 2")
    deadline_start(actor=SYSTEM, owner=case, spec=silent, on=date(2026, 11, 2))
    stopped = deadline_start(actor=SYSTEM, owner=case, spec=NOTICE, on=date(2026, 11, 2))
    deadline_stop(actor=SYSTEM, deadline=stopped, on=date(2026, 11, 3))
    assert send_due_reminders(date(2026, 11, 11)).reminded == 0
    assert received == []


def test_a_reminder_must_fall_inside_the_delay_and_the_sweep_s_look_ahead():
    with pytest.raises(ImproperlyConfigured):
        DeadlineSpec("x", days=3, calendar=CALENDAR, legal_basis="Test", remind_days_before=3)
    with pytest.raises(ImproperlyConfigured):
        DeadlineSpec("x", days=90, calendar=CALENDAR, legal_basis="Test", remind_days_before=61)
