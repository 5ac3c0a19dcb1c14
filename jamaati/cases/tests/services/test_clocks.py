"""The legal clocks of a case: the single suspension and its arithmetic, the extension,
deemed acceptance, returned files, appeals, and holidays moving due dates."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.documents import ATTESTATION
from jamaati.cases.services import (
    case_act,
    case_answer_info,
    case_extend,
    case_refuse,
    case_request_info,
)
from jamaati.cases.tests.factories import file_case, version_in
from jamaati.core.access.roles import Role
from jamaati.core.calendar.services import holiday_add, holiday_move
from jamaati.core.deadlines.arithmetic import due_date
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.deadlines.sweep import expire_due_deadlines
from jamaati.core.documents.selectors import documents_of
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT)


@pytest.fixture
def signatory(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.SIGNATORY)


def _decision(case):
    return deadlines_of(case).get(kind="decision")


def _filed_on(day, commune, **version_kwargs):
    citizen = CitizenFactory()
    version = version_in(commune, documents=0, **version_kwargs)
    with time_machine.travel(day, tick=False):
        case = file_case(citizen=citizen, version=version)
    return case, citizen


def test_one_request_suspends_the_clock_which_resumes_with_the_days_left(commune_a, agent):
    case, citizen = _filed_on(
        date(2026, 4, 1), commune_a, max_delay_days=30, delay_calendar="calendar"
    )
    assert _decision(case).due_on == date(2026, 5, 1 + 3)  # 1 May is Labour Day, then a weekend
    with time_machine.travel(date(2026, 4, 6), tick=False):  # 5 days consumed
        case = case_request_info(actor=agent, case=case, request="Une copie lisible du plan")
    clock = _decision(case)
    assert (case.state, clock.status, clock.remaining_days) == (
        "awaiting_applicant",
        "suspended",
        25,
    )
    assert deadlines_of(case).get(kind="reply").due_on == date(2026, 5, 6)  # 30 days to comply
    with time_machine.travel(date(2026, 4, 20), tick=False):
        case = case_answer_info(actor=citizen, case=case, answer="Voici le plan", files={})
    clock = _decision(case)
    assert case.state == "submitted"
    assert clock.status == "running"
    assert clock.due_on == due_date(date(2026, 4, 20), 25, "calendar") == date(2026, 5, 15)
    assert case.due_on == clock.due_on
    assert deadlines_of(case).get(kind="reply").status == "stopped"


def test_a_second_request_is_refused_by_the_engine(commune_a, agent):
    case, citizen = _filed_on(
        date(2026, 4, 1), commune_a, max_delay_days=30, delay_calendar="calendar"
    )
    with time_machine.travel(date(2026, 4, 3), tick=False):
        case = case_request_info(actor=agent, case=case, request="Pièce 1")
        case = case_answer_info(actor=citizen, case=case, answer="Voici", files={})
        with translation.override("en"), pytest.raises(ValidationError) as exc:
            case_request_info(actor=agent, case=case, request="Pièce 2")
    with translation.override("en"):  # the message is lazy: read it in English
        assert "suspended only 1 time" in str(exc.value)
    case.refresh_from_db()
    assert case.state == "submitted"
    assert _decision(case).suspensions == 1


def test_a_request_after_the_first_half_of_the_delay_is_refused(commune_a, agent):
    case, _citizen = _filed_on(
        date(2026, 4, 1), commune_a, max_delay_days=30, delay_calendar="calendar"
    )
    with time_machine.travel(date(2026, 4, 20), tick=False), pytest.raises(ValidationError):
        case_request_info(actor=agent, case=case, request="Pièce")
    case.refresh_from_db()
    assert case.state == "submitted"
    assert _decision(case).status == "running"


def test_a_request_must_say_what_is_needed(commune_a, agent):
    case, _citizen = _filed_on(date(2026, 4, 1), commune_a)
    with time_machine.travel(date(2026, 4, 2), tick=False), pytest.raises(ValidationError):
        case_request_info(actor=agent, case=case, request="  ")
    case.refresh_from_db()
    assert case.state == "submitted"


def test_one_extension_only_for_the_reason_the_procedure_allows(commune_a, agent):
    case, _citizen = _filed_on(
        date(2026, 4, 1),
        commune_a,
        max_delay_days=20,
        delay_calendar="working",
        allows_extension=True,
        extension_reason="public_inquiry",
    )
    before = _decision(case).due_on
    with time_machine.travel(date(2026, 4, 2), tick=False):
        with pytest.raises(ValidationError):
            case_extend(actor=agent, case=case, reason="expert_study")
        case = case_extend(actor=agent, case=case, reason="public_inquiry")
        assert _decision(case).due_on > before
        assert _decision(case).extensions == 1
        with pytest.raises(ValidationError):
            case_extend(actor=agent, case=case, reason="public_inquiry")
    assert _decision(case).extensions == 1


def test_no_extension_where_the_procedure_does_not_allow_one(commune_a, agent):
    case, _citizen = _filed_on(date(2026, 4, 1), commune_a, allows_extension=False)
    with time_machine.travel(date(2026, 4, 2), tick=False), pytest.raises(ValidationError):
        case_extend(actor=agent, case=case, reason="expert_study")
    assert _decision(case).extensions == 0


def test_silence_means_acceptance_when_the_delay_runs_out(
    commune_a, django_capture_on_commit_callbacks
):
    case, _citizen = _filed_on(
        date(2026, 4, 1),
        commune_a,
        max_delay_days=10,
        delay_calendar="calendar",
        silence_means_acceptance=True,
        silence_legal_basis="Décret 2.20.xxx",
    )
    due = _decision(case).due_on
    assert due == date(2026, 4, 13)  # 11 April is a Saturday: the next working day
    with django_capture_on_commit_callbacks(execute=True):
        expire_due_deadlines(today=date(2026, 4, 13))
    case.refresh_from_db()
    assert case.state == "submitted"  # the due day is still within the delay
    with django_capture_on_commit_callbacks(execute=True):
        report = expire_due_deadlines(today=date(2026, 4, 14))
    case.refresh_from_db()
    assert (report.expired, report.outcomes) == (1, 1)
    assert case.state == "deemed_accepted"
    delivery = deadlines_of(case).get(kind="delivery")
    assert delivery.status == "running"
    assert documents_of(case, kind=ATTESTATION).count() == 1


def test_without_tacit_consent_an_expired_delay_only_makes_the_case_overdue(commune_a):
    case, citizen = _filed_on(
        date(2026, 4, 1),
        commune_a,
        max_delay_days=10,
        delay_calendar="calendar",
        silence_means_acceptance=False,
    )
    report = expire_due_deadlines(today=date(2026, 4, 20))
    case.refresh_from_db()
    assert (report.expired, report.outcomes) == (1, 0)
    assert case.state == "submitted"
    assert (case.is_open, case.due_on) == (True, date(2026, 4, 13))
    assert case.is_overdue(today=date(2026, 4, 20))
    # The applicant may appeal against the silence, within 30 days.
    with time_machine.travel(date(2026, 4, 20), tick=False):
        case = case_act(actor=citizen, case=case, name="appeal_silence", reasons="Pas de réponse")
    assert case.state == "appeal_president"
    assert deadlines_of(case).get(kind="appeal_answer").days == 15


def test_an_incomplete_file_is_returned_after_30_days(commune_a):
    version = version_in(commune_a, documents=1)
    with time_machine.travel(date(2026, 4, 1), tick=False):
        case = file_case(version=version, documents={})
    assert case.state == "incomplete"
    expire_due_deadlines(today=date(2026, 5, 5))
    case.refresh_from_db()
    assert case.state == "returned"
    assert not case.is_open


def test_refusal_needs_reasons_and_basis_then_opens_the_appeal_path(
    commune_a, signatory, django_capture_on_commit_callbacks
):
    case, citizen = _filed_on(date(2026, 4, 1), commune_a)
    with time_machine.travel(date(2026, 4, 2), tick=False):
        with pytest.raises(ValidationError):
            case_refuse(actor=signatory, case=case, reasons="", legal_basis="Art. 5")
        case.refresh_from_db()
        assert case.state == "submitted"
        case = case_refuse(
            actor=signatory, case=case, reasons="Emplacement non conforme", legal_basis="Art. 5"
        )
    assert case.state == "refused"
    window = deadlines_of(case).get(kind="appeal_window")
    assert (window.days, window.calendar) == (30, "calendar")
    with time_machine.travel(date(2026, 4, 10), tick=False):
        with pytest.raises(ValidationError):
            case_act(actor=citizen, case=case, name="appeal", reasons="")
        case = case_act(actor=citizen, case=case, name="appeal", reasons="Le plan est conforme")
    assert case.state == "appeal_president"
    answer = deadlines_of(case).get(kind="appeal_answer")
    assert answer.due_on == due_date(date(2026, 4, 10), 15, "calendar")
    # The president has 15 days: referring to the governor before is refused.
    with time_machine.travel(date(2026, 4, 12), tick=False), pytest.raises(ValidationError):
        case_act(actor=citizen, case=case, name="refer_governor", reasons="Pas de réponse")
    expire_due_deadlines(today=date(2026, 4, 28))
    with time_machine.travel(date(2026, 4, 28), tick=False):
        case = case_act(actor=citizen, case=case, name="refer_governor", reasons="Pas de réponse")
    assert case.state == "appeal_governor"
    province = Collectivity.objects.get(code="07.427")
    governor = StaffFactory(collectivity=province, role=Role.SUPERVISOR)
    case = case_act(actor=governor, case=case, name="order_ruling")
    assert deadlines_of(case).get(kind="ruling").days == 10
    case = case_act(actor=signatory, case=case, name="grant_appeal")
    assert case.state == "accepted"


def test_the_appeal_window_closes_after_30_days(commune_a, signatory):
    case, citizen = _filed_on(date(2026, 4, 1), commune_a)
    with time_machine.travel(date(2026, 4, 2), tick=False):
        case = case_refuse(actor=signatory, case=case, reasons="Non", legal_basis="Art. 5")
    expire_due_deadlines(today=date(2026, 5, 10))
    with time_machine.travel(date(2026, 5, 10), tick=False), pytest.raises(ValidationError):
        case_act(actor=citizen, case=case, name="appeal", reasons="Trop tard ?")
    case.refresh_from_db()
    assert case.state == "refused"


def test_a_working_day_delay_skips_weekends_and_holidays(commune_a):
    # Filed the Friday before Eid al-Adha (estimated 27-28 May 2026).
    case, _citizen = _filed_on(
        date(2026, 5, 22), commune_a, max_delay_days=5, delay_calendar="working"
    )
    # Mon 25, Tue 26, (Wed 27, Thu 28 holidays), Fri 29, Mon 1 June, Tue 2 June.
    assert _decision(case).due_on == date(2026, 6, 2)


def test_a_running_clock_follows_an_administrators_holiday_change(commune_a):
    dgct = StaffFactory(collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN)
    case, _citizen = _filed_on(
        date(2026, 6, 1), commune_a, max_delay_days=10, delay_calendar="working"
    )
    # 2-5 June, 8-12 June, 15 June: the tenth working day is Monday 15 June.
    assert _decision(case).due_on == date(2026, 6, 15)
    holiday_add(
        actor=dgct,
        day=date(2026, 6, 10),
        name_ar="عطلة استثنائية",
        name_fr="Congé exceptionnel",
        legal_basis="Décret (test)",
    )
    case.refresh_from_db()
    assert _decision(case).due_on == date(2026, 6, 17)  # 16 June: Islamic New Year (estimate)
    assert case.due_on == date(2026, 6, 17)
    # The Islamic New Year (estimated 16 June) is announced a day later, on 17 June.
    holiday_move(actor=dgct, year=2026, key=_key_on(date(2026, 6, 16)), day=date(2026, 6, 17))
    case.refresh_from_db()
    # 16 June is a working day again, and it is the tenth.
    assert _decision(case).due_on == date(2026, 6, 16)
    assert case.due_on == date(2026, 6, 16)


def _key_on(day):
    from jamaati.core.calendar import holidays_of_year

    return next(h.key for h in holidays_of_year(2026) if h.day == day)
