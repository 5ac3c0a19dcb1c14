"""Decisions and their documents, roles, the other commune, messages, opinions, rating."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.documents import DECISION, REFUSAL
from jamaati.cases.models import Case, Message, Rating
from jamaati.cases.selectors import case_get_for_applicant, case_get_for_staff, unread_count
from jamaati.cases.services import (
    case_accept,
    case_act,
    case_assign,
    case_rate,
    case_refuse,
    case_request_info,
    consultation_answer,
    consultation_request,
    message_send,
    messages_mark_read,
)
from jamaati.cases.tests.factories import file_case, pdf_text, version_in
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.documents.selectors import documents_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT)


@pytest.fixture
def signatory(commune_a):
    return StaffFactory(
        collectivity=commune_a, role=Role.SIGNATORY, first_name="Karim", last_name="Alaoui"
    )


def test_acceptance_issues_the_output_document_signed_by_the_signatory(commune_a, signatory):
    citizen = CitizenFactory(preferred_language="fr")
    version = version_in(commune_a, documents=0, output_document_fr="Autorisation d'occupation")
    case = file_case(citizen=citizen, version=version)
    case = case_accept(actor=signatory, case=case)
    assert case.state == "accepted"
    assert case.decided_on_time is True
    document = documents_of(case, kind=DECISION).get()
    assert document.signed_by == "Karim Alaoui"
    text = pdf_text(document.file.path)
    assert "Autorisation d'occupation" in text
    assert "Karim Alaoui" in text
    assert case.number in text


def test_an_agent_cannot_decide(commune_a, agent):
    case = file_case(version=version_in(commune_a, documents=0))
    with pytest.raises(PermissionDenied):
        case_accept(actor=agent, case=case)
    case.refresh_from_db()
    assert case.state == "submitted"
    assert not documents_of(case).filter(kind=DECISION).exists()


def test_a_signatory_of_another_commune_gets_404(commune_a, commune_b):
    other = StaffFactory(collectivity=commune_b, role=Role.SIGNATORY)
    case = file_case(version=version_in(commune_a, documents=0))
    with pytest.raises(Http404):
        case_accept(actor=other, case=case)
    with pytest.raises(Http404):
        case_get_for_staff(other, case.pk, collectivity=commune_a)
    with pytest.raises(Http404):
        case_get_for_staff(other, case.pk, collectivity=commune_b)


def test_the_refusal_prints_reasons_basis_and_the_appeal_path(commune_a, signatory):
    citizen = CitizenFactory(preferred_language="fr")
    case = file_case(citizen=citizen, version=version_in(commune_a, documents=0))
    case = case_refuse(
        actor=signatory, case=case, reasons="Emprise sur la chaussée", legal_basis="Arrêté 12"
    )
    text = pdf_text(documents_of(case, kind=REFUSAL).get().file.path)
    assert "Emprise sur la chaussée" in text
    assert "Arrêté 12" in text
    assert "30" in text  # the appeal path: 30 days to appeal
    assert "15" in text  # and 15 days for the answer


def test_a_refusal_without_reasons_writes_nothing(commune_a, signatory):
    case = file_case(version=version_in(commune_a, documents=0))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        case_refuse(actor=signatory, case=case, reasons="Non", legal_basis=" ")
    case.refresh_from_db()
    assert (case.state, case.decision_reasons) == ("submitted", "")
    assert AuditEvent.objects.count() == events


def test_a_late_decision_is_recorded_as_outside_the_delay(commune_a, signatory):
    version = version_in(commune_a, documents=0, max_delay_days=5, delay_calendar="working")
    with time_machine.travel(date(2026, 4, 1), tick=False):
        case = file_case(version=version)
    with time_machine.travel(date(2026, 4, 30), tick=False):
        case = case_accept(actor=signatory, case=case)
    assert case.decided_on_time is False


def test_the_applicant_withdraws(commune_a):
    citizen = CitizenFactory()
    case = file_case(citizen=citizen, version=version_in(commune_a, documents=0))
    case = case_act(actor=citizen, case=case, name="withdraw")
    assert (case.state, case.is_open) == ("withdrawn", False)
    assert not deadlines_of(case).open().exists()


def test_another_citizen_cannot_act_or_see(commune_a):
    owner, intruder = CitizenFactory(), CitizenFactory()
    case = file_case(citizen=owner, version=version_in(commune_a, documents=0))
    with pytest.raises(PermissionDenied):
        case_act(actor=intruder, case=case, name="withdraw")
    with pytest.raises(Http404):
        case_get_for_applicant(intruder, case.number)
    assert case_get_for_applicant(owner, case.number) == case


def test_an_unknown_action_is_refused(commune_a):
    citizen = CitizenFactory()
    case = file_case(citizen=citizen, version=version_in(commune_a, documents=0))
    with pytest.raises(ValidationError):
        case_act(actor=citizen, case=case, name="teleport")


def test_deemed_acceptance_cannot_be_applied_by_a_person(commune_a, signatory):
    from jamaati.core.workflow import transition

    case = file_case(version=version_in(commune_a, documents=0, silence_means_acceptance=True))
    with pytest.raises(ValidationError):  # not an action a person can ask for
        case_act(actor=signatory, case=case, name="deem_accept")
    with pytest.raises(PermissionDenied):  # and the engine refuses it to anyone but the clock
        transition(case, "deem_accept", actor=signatory)
    case.refresh_from_db()
    assert case.state == "submitted"


def test_an_action_refuses_inputs_it_does_not_take_and_null_characters(commune_a):
    citizen = CitizenFactory()
    case = file_case(citizen=citizen, version=version_in(commune_a, documents=0))
    with pytest.raises(ValidationError):
        case_act(actor=citizen, case=case, name="withdraw", actor_id="1")
    with pytest.raises(ValidationError):
        case_act(actor=citizen, case=case, name="withdraw", reasons="a\x00b")
    with pytest.raises(ValidationError):
        message_send(actor=citizen, case=case, body="a\x00b", from_staff=False)
    case.refresh_from_db()
    assert case.state == "submitted"


def test_messages_carry_unread_markers_on_both_sides(commune_a, agent, mailoutbox):
    citizen = CitizenFactory()
    case = file_case(citizen=citizen, version=version_in(commune_a, documents=0))
    message_send(actor=citizen, case=case, body="Bonjour, une question", from_staff=False)
    assert unread_count(case, staff_side=True) == 1
    assert unread_count(case, staff_side=False) == 0
    assert messages_mark_read(actor=agent, case=case, staff_side=True) == 1
    assert unread_count(case, staff_side=True) == 0
    message_send(actor=agent, case=case, body="Voici la réponse", from_staff=True)
    assert unread_count(case, staff_side=False) == 1
    with pytest.raises(ValidationError):
        message_send(actor=citizen, case=case, body="   ", from_staff=False)
    with pytest.raises(PermissionDenied):
        message_send(actor=CitizenFactory(), case=case, body="Intrus", from_staff=False)
    assert Message.objects.filter(case=case).count() == 2


def test_every_step_notifies_the_applicant_by_email_and_sms(
    commune_a, agent, mailoutbox, settings, django_capture_on_commit_callbacks
):
    from jamaati.core.notify.sms import sms_backend

    settings.SMS_BACKEND = "jamaati.core.notify.sms.MemorySmsBackend"
    citizen = CitizenFactory(phone="+212612345678", preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        case = file_case(citizen=citizen, version=version_in(commune_a, documents=0))
    with django_capture_on_commit_callbacks(execute=True):
        case_request_info(actor=agent, case=case, request="Le plan coté")
    subjects = [m.subject for m in mailoutbox]
    assert len(subjects) >= 2
    assert all(case.number in s for s in subjects)
    assert mailoutbox[0].to == [citizen.email]
    assert sms_backend().__class__.__name__ == "MemorySmsBackend"


def test_an_opinion_is_asked_with_its_own_clock_and_answered(commune_a, agent):
    case = file_case(version=version_in(commune_a, documents=0))
    with time_machine.travel(date(2026, 4, 1), tick=False):
        consultation = consultation_request(
            actor=agent, case=case, service="Service technique", question="Avis ?", days=5
        )
    clock = deadlines_of(consultation).get(kind="opinion")
    assert (clock.calendar, clock.due_on) == ("working", date(2026, 4, 8))
    with pytest.raises(ValidationError):
        consultation_request(actor=agent, case=case, service="", question="", days=90)
    consultation_answer(actor=agent, consultation=consultation, opinion="Favorable")
    assert deadlines_of(consultation).get(kind="opinion").status == "stopped"
    with pytest.raises(ValidationError):
        consultation_answer(actor=agent, consultation=consultation, opinion="Encore")


def test_bulk_assignment_to_an_agent_of_the_commune_only(commune_a, commune_b, agent):
    cases = [file_case(version=version_in(commune_a, documents=0)) for _ in range(2)]
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    assert case_assign(actor=admin, cases=cases, assignee=agent) == 2
    assert set(Case.objects.values_list("assignee", flat=True)) == {agent.pk}
    outsider = StaffFactory(collectivity=commune_b, role=Role.AGENT)
    with pytest.raises(ValidationError):
        case_assign(actor=admin, cases=cases, assignee=outsider)
    assert set(Case.objects.values_list("assignee", flat=True)) == {agent.pk}


def test_rating_once_after_closure(commune_a, signatory):
    citizen = CitizenFactory()
    case = file_case(citizen=citizen, version=version_in(commune_a, documents=0))
    with pytest.raises(ValidationError):
        case_rate(actor=citizen, case=case, score=5)
    case = case_accept(actor=signatory, case=case)
    with pytest.raises(ValidationError):
        case_rate(actor=citizen, case=case, score=9)
    case_rate(actor=citizen, case=case, score=4, comment="Rapide")
    with pytest.raises(ValidationError):
        case_rate(actor=citizen, case=case, score=5)
    assert Rating.objects.get(case=case).score == 4
