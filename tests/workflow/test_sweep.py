"""The daily sweep: expired clocks apply their legal outcome through transition() as SYSTEM."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.deadlines.services import deadline_start
from jamaati.core.deadlines.sweep import expire_due_deadlines
from jamaati.core.workflow import SYSTEM, DeadlineSpec, SystemActor, transition
from jamaati.core.workflow.models import TransitionLog
from tests.workflow_app.factories import DossierFactory
from tests.workflow_app.models import DECISION, State

pytestmark = pytest.mark.django_db

Status = Deadline.Status
DUE = date(2026, 6, 17)  # 30 working days after Thu 30 April 2026 (see test_deadlines)


def _submitted(agent, commune, today):
    today(date(2026, 4, 30))
    return transition(DossierFactory(collectivity=commune), "submit", actor=agent)


def test_the_due_day_is_still_within_the_delay(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    today(DUE)

    report = expire_due_deadlines()

    assert (report.found, report.expired) == (0, 0)
    assert deadlines_of(dossier).get().status == Status.RUNNING


def test_the_sweep_applies_deemed_acceptance_as_the_deadline_clock(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    today(date(2026, 6, 18))

    report = expire_due_deadlines()

    assert (report.found, report.expired, report.outcomes, report.failed) == (1, 1, 1, [])
    dossier.refresh_from_db()
    assert dossier.state == State.DEEMED_ACCEPTED
    clock = deadlines_of(dossier).get()
    assert clock.status == Status.EXPIRED
    assert clock.expired_at is not None
    log = TransitionLog.objects.get(transition="deem_accepted")
    assert (log.actor_id, log.actor_label, log.source) == (None, "deadline-clock", "submitted")
    expire, outcome = AuditEvent.objects.filter(
        action__in=["deadline.expire", "dossier.deem_accepted"]
    ).order_by("seq")
    assert (expire.action, outcome.action) == ("deadline.expire", "dossier.deem_accepted")
    assert (outcome.actor_id, outcome.actor_label) == (None, "deadline-clock")
    assert outcome.changes == {"state": ["submitted", "deemed_accepted"]}
    assert verify_chain(commune_a) is None


def test_a_second_sweep_finds_nothing_more(agent, commune_a, today):
    _submitted(agent, commune_a, today)
    today(date(2026, 6, 18))
    expire_due_deadlines()
    assert expire_due_deadlines().found == 0


def test_a_clock_without_an_outcome_only_expires(agent, commune_a, today):
    dossier = DossierFactory(collectivity=commune_a, state=State.SUBMITTED)
    reminder = DeadlineSpec("reminder", days=2, calendar="working", legal_basis="Service charter")
    deadline_start(actor=agent, owner=dossier, spec=reminder, on=date(2026, 4, 30))

    report = expire_due_deadlines(date(2026, 5, 6))  # due Tue 5 May

    assert (report.expired, report.outcomes) == (1, 0)
    assert deadlines_of(dossier).get().status == Status.EXPIRED
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_a_suspended_clock_does_not_expire(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    today(date(2026, 5, 5))
    transition(dossier, "request_documents", actor=agent, missing=["plan"])

    assert expire_due_deadlines(date(2026, 9, 1)).found == 0


def test_system_cannot_apply_a_transition_that_is_no_expiry_outcome(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    with pytest.raises(PermissionDenied):
        transition(dossier, "decide", actor=SYSTEM)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_system_cannot_apply_an_outcome_before_its_clock_expired(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    with pytest.raises(PermissionDenied):
        transition(dossier, "deem_accepted", actor=SYSTEM)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_another_system_actor_gets_no_exception(agent, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    today(date(2026, 6, 18))
    Deadline.objects.filter(kind="decision").update(status=Status.EXPIRED)
    with pytest.raises(PermissionDenied):
        transition(dossier, "deem_accepted", actor=SystemActor("importer"))


def test_no_person_may_deem_a_dossier_accepted(agent, signatory, commune_a, today):
    dossier = _submitted(agent, commune_a, today)
    with pytest.raises(PermissionDenied):
        transition(dossier, "deem_accepted", actor=signatory)


def test_the_sweep_goes_on_after_a_failing_owner(agent, commune_a, commune_b, today):
    first = _submitted(agent, commune_a, today)
    # A dossier whose clock runs while it is still a draft: deemed acceptance is refused.
    broken = DossierFactory(collectivity=commune_b, state=State.DRAFT)
    deadline_start(actor=agent, owner=broken, spec=DECISION, on=date(2026, 4, 30))
    last = _submitted(agent, commune_a, today)
    today(date(2026, 6, 18))

    report = expire_due_deadlines()

    assert (report.found, report.expired, report.outcomes) == (3, 2, 2)
    assert [pk for pk, _error in report.failed] == [deadlines_of(broken).get().pk]
    assert "TransitionNotAllowed" in report.failed[0][1]
    for dossier in (first, last):
        dossier.refresh_from_db()
        assert dossier.state == State.DEEMED_ACCEPTED
    # The failing clock is rolled back whole: still running, retried by the next sweep.
    assert deadlines_of(broken).get().status == Status.RUNNING
    assert not AuditEvent.objects.filter(collectivity=commune_b, action="deadline.expire").exists()
    assert verify_chain(commune_a) is None
    assert verify_chain(commune_b) is None


def test_run_deadlines_command_sweeps_as_of_a_given_day(agent, commune_a, today, capsys):
    dossier = _submitted(agent, commune_a, today)

    call_command("run_deadlines", "--date", "2026-06-18")

    assert "1 due, 1 expired, 1 outcomes applied, 0 reminders, 0 failed" in capsys.readouterr().out
    dossier.refresh_from_db()
    assert dossier.state == State.DEEMED_ACCEPTED


def test_run_deadlines_command_refuses_a_malformed_date(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--date"):
        call_command("run_deadlines", "--date", "18/06/2026")
