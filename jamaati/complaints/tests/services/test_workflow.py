"""The life of a complaint: the clarification request within 15 days (art. 11) and the
suspended answer clock, every outcome with its reasons (art. 8, 12), redirect and transfer,
reopen once, rating, reminders and overdue, and the permission of each move."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.complaints.models import Complaint
from jamaati.complaints.selectors import complaint_get_tracked, complaint_queue
from jamaati.complaints.services import (
    complaint_add_information,
    complaint_answer,
    complaint_exclude,
    complaint_rate,
    complaint_redirect_external,
    complaint_reopen,
    complaint_request_clarification,
    complaint_transfer,
)
from jamaati.complaints.tests.factories import file_complaint, png_upload
from jamaati.complaints.workflow import COMPLAINT_FLOW
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.arithmetic import due_date
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.deadlines.sweep import expire_due_deadlines, send_due_reminders
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.workflow.models import TransitionLog

pytestmark = pytest.mark.django_db

FILED = date(2026, 3, 2)


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT, email="agent@example.ma")


@pytest.fixture
def citizen():
    return CitizenFactory(email="amina@example.ma")


@pytest.fixture
def complaint(commune_a, citizen):
    with time_machine.travel(FILED, tick=False):
        return file_complaint(commune_a, citizen)


def _at(day):
    return time_machine.travel(
        datetime.combine(day, datetime.min.time()).replace(hour=10), tick=False
    )


def _answer_clock(complaint):
    return deadlines_of(complaint).filter(kind="answer").order_by("-pk").first()


def test_request_within_15_days_suspends_the_answer_clock_which_resumes(complaint, agent, citizen):
    with _at(FILED + timedelta(days=10)):
        complaint = complaint_request_clarification(
            actor=agent, complaint=complaint, request="Précisez le numéro de la rue."
        )
    assert complaint.state == "awaiting_complainant"
    clock = _answer_clock(complaint)
    assert clock.status == "suspended"
    assert clock.remaining_days == 50
    with _at(FILED + timedelta(days=30)):  # the complainant answers 20 days later
        complaint = complaint_add_information(
            actor=citizen, complaint=complaint, text="Rue 5, devant l'école."
        )
    assert complaint.state == "received"
    clock = _answer_clock(complaint)
    assert clock.status == "running"
    assert clock.due_on == due_date(FILED + timedelta(days=30), 50, "calendar")
    assert complaint.due_on == clock.due_on
    assert complaint.additions.get().text == "Rue 5, devant l'école."


def test_request_after_15_days_is_refused(complaint, agent):
    with _at(FILED + timedelta(days=16)):
        expire_due_deadlines(FILED + timedelta(days=16))
        with pytest.raises(ValidationError, match="within 15 days"):
            complaint_request_clarification(actor=agent, complaint=complaint, request="Précisez")
    complaint.refresh_from_db()
    assert complaint.state == "received"


def test_request_needs_its_reasons_and_comes_once(complaint, agent, citizen):
    with _at(FILED + timedelta(days=2)):
        with pytest.raises(ValidationError, match="what must be completed"):
            complaint_request_clarification(actor=agent, complaint=complaint, request=" ")
        complaint_request_clarification(actor=agent, complaint=complaint, request="Précisez")
        complaint_add_information(actor=citizen, complaint=complaint, text="Voilà")
        with pytest.raises(ValidationError, match="within 15 days"):
            complaint_request_clarification(actor=agent, complaint=complaint, request="Encore")


@pytest.mark.parametrize("outcome", ["resolved", "answered", "rejected", "not_competent"])
def test_every_answer_outcome_closes_with_its_reasons(complaint, agent, outcome):
    with _at(FILED + timedelta(days=20)):
        complaint = complaint_answer(
            actor=agent, complaint=complaint, outcome=outcome, reasons="Motifs de la réponse."
        )
    assert (complaint.state, complaint.outcome) == ("closed", outcome)
    assert complaint.answer_text == "Motifs de la réponse."
    assert complaint.answered_in_time is True
    assert not complaint.is_open
    assert not deadlines_of(complaint).open().exists()


@pytest.mark.parametrize(
    ("outcome", "reasons"), [("", "Motifs"), ("resolved", ""), ("redirected", "Motifs")]
)
def test_an_answer_without_outcome_or_reasons_is_refused(complaint, agent, outcome, reasons):
    with pytest.raises(ValidationError):
        complaint_answer(actor=agent, complaint=complaint, outcome=outcome, reasons=reasons)
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.answer_text) == ("received", "", "")


def test_a_late_answer_is_recorded_as_late(complaint, agent):
    late = _answer_clock(complaint).due_on + timedelta(days=1)
    with _at(late):
        expire_due_deadlines(late)
        complaint.refresh_from_db()
        assert complaint.is_overdue()
        complaint = complaint_answer(
            actor=agent, complaint=complaint, outcome="answered", reasons="Réponse tardive."
        )
    assert complaint.answered_in_time is False


def test_answer_during_the_suspension_counts_as_in_time(complaint, agent):
    with _at(FILED + timedelta(days=5)):
        complaint_request_clarification(actor=agent, complaint=complaint, request="Précisez")
    with _at(FILED + timedelta(days=200)):
        complaint = complaint_answer(
            actor=agent,
            complaint=complaint,
            outcome="answered",
            reasons="Sans réponse de votre part.",
        )
    assert complaint.answered_in_time is True
    assert complaint.state == "closed"


@pytest.mark.parametrize("outcome", ["excluded_court", "excluded_abusive"])
def test_article_12_exclusions_need_reasons(complaint, agent, outcome):
    with pytest.raises(ValidationError, match="reasons"):
        complaint_exclude(actor=agent, complaint=complaint, outcome=outcome, reasons="")
    with pytest.raises(ValidationError, match="article 12"):
        complaint_exclude(actor=agent, complaint=complaint, outcome="resolved", reasons="Motifs")
    complaint = complaint_exclude(
        actor=agent, complaint=complaint, outcome=outcome, reasons="Affaire pendante."
    )
    assert (complaint.state, complaint.outcome) == ("closed", outcome)


def test_redirect_to_an_external_body(
    complaint, agent, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError, match="competent body"):
        complaint_redirect_external(actor=agent, complaint=complaint, body="", reasons="Motifs")
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_redirect_external(
            actor=agent,
            complaint=complaint,
            body="ONEE - Branche Eau",
            reasons="Le réseau d'eau relève du délégataire.",
        )
    assert (complaint.outcome, complaint.redirected_to_body) == ("redirected", "ONEE - Branche Eau")
    assert any("ONEE - Branche Eau" in m.body for m in mailoutbox if m.to == ["amina@example.ma"])


def test_transfer_moves_the_complaint_and_restarts_its_clocks(
    complaint, agent, citizen, commune_a, mailoutbox, django_capture_on_commit_callbacks
):
    province = Collectivity.objects.get(code="07.427")
    with _at(FILED + timedelta(days=10)):
        with pytest.raises(ValidationError, match="already"):
            complaint_transfer(actor=agent, complaint=complaint, to=commune_a, reasons="Motifs")
        with pytest.raises(ValidationError, match="reasons"):
            complaint_transfer(actor=agent, complaint=complaint, to=province, reasons="")
        with django_capture_on_commit_callbacks(execute=True):
            complaint = complaint_transfer(
                actor=agent, complaint=complaint, to=province, reasons="Compétence provinciale."
            )
    assert complaint.collectivity == province
    assert complaint.state == "received"
    clock = _answer_clock(complaint)
    assert clock.collectivity_id == province.pk
    assert clock.due_on == due_date(FILED + timedelta(days=10), 60, "calendar")
    assert deadlines_of(complaint).filter(kind="answer").count() == 2
    assert (
        TransitionLog.objects.filter(collectivity=province, object_id=str(complaint.pk)).count()
        == 2
    )
    assert any("Compétence provinciale." in m.body for m in mailoutbox)
    # The commune's agent no longer reaches it; the province's does.
    with pytest.raises(Http404):
        complaint_answer(actor=agent, complaint=complaint, outcome="answered", reasons="x")
    provincial = StaffFactory(collectivity=province, role=Role.AGENT)
    complaint_answer(actor=provincial, complaint=complaint, outcome="answered", reasons="Réponse")


def test_reopen_once_within_30_days_of_a_resolved_answer(complaint, agent, citizen):
    with _at(FILED + timedelta(days=10)):
        complaint = complaint_answer(
            actor=agent, complaint=complaint, outcome="resolved", reasons="Réparé."
        )
    with _at(FILED + timedelta(days=20)):
        with pytest.raises(ValidationError, match="why"):
            complaint_reopen(actor=citizen, complaint=complaint, reasons="")
        complaint = complaint_reopen(actor=citizen, complaint=complaint, reasons="Toujours éteint.")
    assert complaint.state == "received"
    assert complaint.reopen_count == 1
    assert complaint.outcome == ""
    assert complaint.due_on == due_date(FILED + timedelta(days=20), 60, "calendar")
    with _at(FILED + timedelta(days=25)):
        complaint = complaint_answer(
            actor=agent, complaint=complaint, outcome="resolved", reasons="Réparé, vraiment."
        )
        with pytest.raises(ValidationError, match="only once"):
            complaint_reopen(actor=citizen, complaint=complaint, reasons="Encore éteint.")


def test_reopen_is_refused_late_or_for_another_outcome(commune_a, citizen, agent):
    with _at(FILED):
        first = file_complaint(commune_a, citizen)
        second = file_complaint(commune_a, citizen)
        complaint_answer(actor=agent, complaint=first, outcome="resolved", reasons="Réparé.")
        complaint_answer(actor=agent, complaint=second, outcome="rejected", reasons="Infondé.")
    with _at(FILED + timedelta(days=31)), pytest.raises(ValidationError, match="within 30 days"):
        complaint_reopen(actor=citizen, complaint=first, reasons="Toujours éteint.")
    with _at(FILED + timedelta(days=2)), pytest.raises(ValidationError, match="resolved"):
        complaint_reopen(actor=citizen, complaint=second, reasons="Je conteste.")


def test_rating_only_once_closed_and_once(complaint, agent, citizen):
    with pytest.raises(ValidationError, match="once the complaint is closed"):
        complaint_rate(actor=citizen, complaint=complaint, score=4)
    complaint = complaint_answer(actor=agent, complaint=complaint, outcome="answered", reasons="R")
    for bad in (0, 6, "abc", None):
        with pytest.raises(ValidationError, match="1 to 5"):
            complaint_rate(actor=citizen, complaint=complaint, score=bad)
    complaint = complaint_rate(actor=citizen, complaint=complaint, score="4")
    assert complaint.rating == 4
    with pytest.raises(ValidationError, match="already"):
        complaint_rate(actor=citizen, complaint=complaint, score=5)
    assert AuditEvent.objects.filter(action="complaint.rate").count() == 1


def test_adding_information_is_checked(complaint, agent, citizen):
    with pytest.raises(ValidationError, match="Write something"):
        complaint_add_information(actor=citizen, complaint=complaint, text="  ")
    complaint_add_information(
        actor=citizen, complaint=complaint, text="", photos=[png_upload(), png_upload("b.png")]
    )
    with pytest.raises(ValidationError, match="At most 3"):
        complaint_add_information(
            actor=citizen, complaint=complaint, text="", photos=[png_upload(), png_upload()]
        )
    other = CitizenFactory()
    with pytest.raises(PermissionDenied):
        complaint_add_information(actor=other, complaint=complaint, text="Moi aussi")
    complaint = complaint_answer(actor=agent, complaint=complaint, outcome="answered", reasons="R")
    with pytest.raises(ValidationError, match="open"):
        complaint_add_information(actor=citizen, complaint=complaint, text="Trop tard")


def test_roles_who_may_answer(complaint, commune_a, commune_b, citizen):
    supervisor = StaffFactory(
        collectivity=Collectivity.objects.get(code="07.427"), role=Role.SUPERVISOR
    )
    with pytest.raises(PermissionDenied):
        complaint_answer(actor=supervisor, complaint=complaint, outcome="answered", reasons="R")
    with pytest.raises(Http404):
        complaint_answer(
            actor=StaffFactory(collectivity=commune_b, role=Role.AGENT),
            complaint=complaint,
            outcome="answered",
            reasons="R",
        )
    with pytest.raises(Http404):  # a citizen reaches no collectivity's back office
        complaint_answer(actor=citizen, complaint=complaint, outcome="answered", reasons="R")
    with pytest.raises(PermissionDenied):
        complaint_answer(
            actor=StaffFactory(collectivity=commune_a, role=Role.CIVIL_STATUS_OFFICER),
            complaint=complaint,
            outcome="answered",
            reasons="R",
        )


def test_anonymous_follow_up_acts_only_with_the_token(commune_a, agent):
    observation = file_complaint(commune_a, AnonymousUser(), kind="observation")
    with pytest.raises(Http404):
        complaint_get_tracked(number=observation.number, token="wrong")
    found, holder = complaint_get_tracked(
        number=observation.number, token=observation.tracking_secret
    )
    complaint_add_information(actor=holder, complaint=found, text="Photo à venir")
    other = file_complaint(commune_a, AnonymousUser(), kind="suggestion")
    with pytest.raises(PermissionDenied):
        complaint_add_information(actor=holder, complaint=other, text="Pas la mienne")


def test_reminder_goes_to_the_agents_before_the_due_day(
    complaint, agent, mailoutbox, django_capture_on_commit_callbacks
):
    clock = _answer_clock(complaint)
    send_due_reminders(clock.due_on - timedelta(days=11))
    assert not [m for m in mailoutbox if m.to == ["agent@example.ma"]]
    send_due_reminders(clock.due_on - timedelta(days=10))
    reminded = [m for m in mailoutbox if m.to == ["agent@example.ma"]]
    assert len(reminded) == 1
    assert complaint.number in reminded[0].subject


def test_queue_puts_overdue_first_then_by_due_date(commune_a, citizen, agent):
    with _at(date(2026, 1, 5)):
        old = file_complaint(commune_a, citizen)
    with _at(date(2026, 3, 1)):
        recent = file_complaint(commune_a, citizen)
    with _at(date(2026, 2, 1)):
        middle = file_complaint(commune_a, citizen)
    today = date(2026, 3, 20)
    with _at(today):
        expire_due_deadlines(today)
        queue = list(complaint_queue(actor=agent, collectivity=commune_a))
        assert [c.pk for c in queue] == [old.pk, middle.pk, recent.pk]
        assert queue[0].is_overdue()
        assert not queue[1].is_overdue()
        from jamaati.complaints.selectors import QueueFilters

        overdue = complaint_queue(
            actor=agent, collectivity=commune_a, filters=QueueFilters(overdue=True)
        )
        assert [c.pk for c in overdue] == [old.pk]


def test_the_workflow_declares_its_legal_bases():
    specs = COMPLAINT_FLOW.specs
    assert specs["answer"].days == 60
    assert specs["answer"].legal_basis.endswith("art. 8")
    assert specs["clarification_window"].days == 15
    assert specs["clarification_window"].legal_basis.endswith("art. 11")
    assert Complaint.workflow is COMPLAINT_FLOW
    assert timezone.now()  # the suite runs with time zones on
