"""Complaints (law 31.13 art. 19-21): to the head of the body within 20 working days, the
head's 15 days (calendar, see docs/information.md), then the CDAI within 30 days, whose
decision the officer records. Late complaints are refused."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.deadlines.sweep import expire_due_deadlines
from jamaati.core.documents.selectors import documents_of
from jamaati.information.documents import HEAD_DECISION
from jamaati.information.models import Appeal
from jamaati.information.services import (
    request_answer,
    request_appeal_head,
    request_cdai_complaint,
    request_cdai_record,
    request_head_decide,
)
from jamaati.information.tests.conftest import file_request

pytestmark = pytest.mark.django_db


def _refused_on(day, citizen, commune_a, officer):
    request = file_request(citizen, commune_a, on=date(2026, 4, 1))
    with time_machine.travel(day, tick=False):
        return request_answer(
            actor=officer,
            request=request,
            kind="refuse",
            data={"ground": "not_held", "text": "La commune ne détient pas ce document."},
        )


def _at(day, func, **kwargs):
    with time_machine.travel(day, tick=False):
        return func(**kwargs)


def test_the_appeal_window_is_20_working_days_from_the_answer(citizen, commune_a, officer):
    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    window = deadlines_of(request).get(kind="appeal_window")
    assert (window.starts_on, window.due_on) == (date(2026, 4, 6), date(2026, 5, 5))
    assert window.legal_basis == "Loi 31.13, art. 19"


def test_a_complaint_to_the_head_starts_his_15_days(citizen, commune_a, officer):
    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    request = _at(
        date(2026, 5, 5), request_appeal_head, actor=citizen, request=request, reasons="Je conteste"
    )
    assert request.state == "appeal_head"
    assert request.is_open
    clock = deadlines_of(request).get(kind="head_answer")
    assert (clock.days, clock.calendar) == (15, "calendar")
    assert clock.due_on == date(2026, 5, 20)
    appeal = Appeal.objects.get()
    assert (appeal.level, appeal.lodged_on, appeal.outcome) == ("head", date(2026, 5, 5), "pending")


def test_a_late_complaint_to_the_head_is_refused(citizen, commune_a, officer):
    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    with pytest.raises(ValidationError, match="20 working days"):
        _at(date(2026, 5, 6), request_appeal_head, actor=citizen, request=request, reasons="Tard")
    with time_machine.travel(date(2026, 5, 7), tick=False):
        expire_due_deadlines(date(2026, 5, 7))  # the sweep closed the window
        with pytest.raises(ValidationError, match="20 working days"):
            request_appeal_head(actor=citizen, request=request, reasons="Tard")
    assert not Appeal.objects.exists()


def test_a_complaint_needs_reasons(citizen, commune_a, officer):
    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    with pytest.raises(ValidationError, match="reasons"):
        _at(date(2026, 4, 7), request_appeal_head, actor=citizen, request=request, reasons="")


def test_silence_opens_the_complaint_to_the_head(citizen, commune_a):
    request = file_request(citizen, commune_a, on=date(2026, 4, 1))  # due 29 April
    with pytest.raises(ValidationError):  # no answer and the delay still runs: nothing to appeal
        _at(date(2026, 4, 20), request_appeal_head, actor=citizen, request=request, reasons="X")
    with time_machine.travel(date(2026, 4, 30), tick=False):
        expire_due_deadlines(date(2026, 4, 30))
    request = _at(
        date(2026, 5, 4), request_appeal_head, actor=citizen, request=request, reasons="Silence"
    )
    assert request.state == "appeal_head"


def test_the_head_dismisses_then_the_cdai_within_30_days(citizen, commune_a, officer, president):
    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    request = _at(
        date(2026, 4, 8), request_appeal_head, actor=citizen, request=request, reasons="R"
    )
    with pytest.raises(PermissionDenied):  # the head answers, not the officer
        request_head_decide(actor=officer, request=request, grant=False, reasons="Non")
    request = _at(
        date(2026, 4, 15),
        request_head_decide,
        actor=president,
        request=request,
        grant=False,
        reasons="Le refus est confirmé.",
    )
    assert request.state == "head_dismissed"
    assert Appeal.objects.get().outcome == "dismissed"
    decision = documents_of(request, kind=HEAD_DECISION).get()  # the head's written decision
    text = PdfReader(decision.file.path).pages[0].extract_text()
    assert request.number in text
    assert "CDAI" in text
    window = deadlines_of(request).get(kind="cdai_window")
    assert (window.days, window.due_on) == (30, date(2026, 5, 15))
    with pytest.raises(ValidationError, match="30 days"):  # lodged after the window
        _at(
            date(2026, 5, 20),
            request_cdai_complaint,
            actor=officer,
            request=request,
            complained_on=date(2026, 5, 18),
        )
    request = _at(
        date(2026, 5, 20),
        request_cdai_complaint,
        actor=officer,
        request=request,
        complained_on=date(2026, 5, 14),  # recorded late, lodged in time
        reasons="Plainte n° 2026/123",
    )
    assert request.state == "cdai"
    assert request.is_open
    cdai = deadlines_of(request).get(kind="cdai_answer")
    assert cdai.days == 30
    assert cdai.legal_basis == "Loi 31.13, art. 20"


def test_the_officer_records_the_cdai_decision(citizen, commune_a, officer, president):
    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    request = _at(
        date(2026, 4, 8), request_appeal_head, actor=citizen, request=request, reasons="R"
    )
    request = _at(
        date(2026, 4, 9),
        request_head_decide,
        actor=president,
        request=request,
        grant=False,
        reasons="Non",
    )
    request = _at(date(2026, 4, 10), request_cdai_complaint, actor=citizen, request=request)
    for bad in (
        {"outcome": "", "decided_on": "2026-05-01", "decision": "x"},
        {"outcome": "upheld", "decided_on": "", "decision": "x"},
        {"outcome": "upheld", "decided_on": "2026-05-01", "decision": " "},
        {"outcome": "upheld", "decided_on": "le 1er mai", "decision": "x"},
        {"outcome": "upheld", "decided_on": "2026-06-01", "decision": "x"},  # in the future
    ):
        with pytest.raises(ValidationError):
            _at(date(2026, 5, 5), request_cdai_record, actor=officer, request=request, **bad)
    request = _at(
        date(2026, 5, 5),
        request_cdai_record,
        actor=officer,
        request=request,
        outcome="upheld",
        decided_on="2026-05-01",
        decision="La CDAI enjoint à la commune de communiquer le document.",
    )
    assert request.state == "cdai_decided"
    assert not request.is_open
    cdai = Appeal.objects.get(level="cdai")
    assert (cdai.outcome, cdai.decided_on) == ("upheld", date(2026, 5, 1))


def test_the_head_upholds_and_the_officer_gives_the_information(
    citizen, commune_a, officer, president
):
    from jamaati.information.tests.conftest import pdf_upload

    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    request = _at(
        date(2026, 4, 8), request_appeal_head, actor=citizen, request=request, reasons="R"
    )
    request = _at(
        date(2026, 4, 9),
        request_head_decide,
        actor=president,
        request=request,
        grant=True,
        reasons="Le document existe aux services techniques.",
    )
    assert request.state == "appeal_upheld"
    assert request.is_open
    request = _at(
        date(2026, 4, 10),
        request_answer,
        actor=officer,
        request=request,
        kind="given",
        data={},
        upload=pdf_upload(),
    )
    assert request.state == "given"


def test_the_head_silence_opens_the_cdai(citizen, commune_a, officer):
    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    request = _at(
        date(2026, 4, 8), request_appeal_head, actor=citizen, request=request, reasons="R"
    )
    # Due 23 April (15 calendar days); the sweep of the 24th applies the silence.
    with time_machine.travel(date(2026, 4, 24), tick=False):
        expire_due_deadlines(date(2026, 4, 24))
    request.refresh_from_db()
    assert request.state == "head_silent"
    from jamaati.core.workflow import SYSTEM
    from jamaati.information.receivers import close_head_complaint_on_silence

    close_head_complaint_on_silence(request, "head_lapse", SYSTEM, {})  # the after-commit hook
    assert Appeal.objects.get().outcome == "no_answer"
    assert deadlines_of(request).get(kind="cdai_window").status == "running"


def test_a_stranger_cannot_complain_for_the_requester(citizen, commune_a, officer):
    from jamaati.accounts.tests.factories import CitizenFactory

    request = _refused_on(date(2026, 4, 6), citizen, commune_a, officer)
    with pytest.raises(PermissionDenied):
        _at(
            date(2026, 4, 8),
            request_appeal_head,
            actor=CitizenFactory(password=None),
            request=request,
            reasons="R",
        )
