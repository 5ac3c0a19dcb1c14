"""The body's delays and answers: the one extension before expiry (art. 16-17), the lapse
of the delay, answers given / partly (art. 7-8) / refused (art. 18), and the written answer."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.deadlines.sweep import expire_due_deadlines, send_due_reminders
from jamaati.core.documents.selectors import documents_of
from jamaati.information.documents import ANSWER
from jamaati.information.models import InformationRequest
from jamaati.information.services import request_answer, request_extend
from jamaati.information.tests.conftest import file_request, pdf_upload

pytestmark = pytest.mark.django_db


def _answer(request):
    return deadlines_of(request).get(kind="answer")


def _at(day, func, **kwargs):
    with time_machine.travel(day, tick=False):
        return func(**kwargs)


def test_one_extension_before_expiry_adds_20_working_days(citizen, commune_a, officer):
    request = file_request(citizen, commune_a, on=date(2026, 4, 1))  # due 29 April
    request = _at(
        date(2026, 4, 28),
        request_extend,
        actor=officer,
        request=request,
        reasons="Volume important de documents à réunir",
    )
    clock = _answer(request)
    assert clock.extensions == 1
    assert clock.extension_days == 20
    # 40 working days from 1 April: Labour Day and Eid al-Adha (27-28 May) are skipped.
    assert clock.due_on == date(2026, 6, 1)
    assert request.extension_reasons == "Volume important de documents à réunir"
    assert request.due_on == clock.due_on
    with pytest.raises(ValidationError, match="only 1 time"):
        _at(date(2026, 5, 4), request_extend, actor=officer, request=request, reasons="Encore")


def test_an_extension_after_expiry_is_refused(citizen, commune_a, officer):
    request = file_request(citizen, commune_a, on=date(2026, 4, 1))  # due 29 April
    with pytest.raises(ValidationError, match="ran out"):
        _at(date(2026, 4, 30), request_extend, actor=officer, request=request, reasons="Tard")
    assert _answer(request).extensions == 0


def test_an_extension_without_reasons_is_refused(filed, officer):
    with pytest.raises(ValidationError, match="reasons"):
        request_extend(actor=officer, request=filed, reasons="  ")
    assert _answer(filed).extensions == 0


def test_the_urgent_delay_extends_once_by_3_working_days(citizen, commune_a, officer):
    request = file_request(
        citizen, commune_a, on=date(2026, 4, 30), is_urgent=True, urgency_reason="Santé"
    )  # due 6 May
    request = _at(date(2026, 5, 5), request_extend, actor=officer, request=request, reasons="X")
    assert _answer(request).due_on == date(2026, 5, 11)  # 7, 8, (weekend), 11 May


def test_the_requester_is_told_of_the_extension_and_its_reasons(filed, officer):
    mail.outbox.clear()
    request_extend(actor=officer, request=filed, reasons="Documents aux archives")
    # The hooks run after the commit; pytest-django's test transaction never commits, so run
    # the hook directly as the engine would.
    from jamaati.information.notifications import information_step_notify

    information_step_notify(filed, "extend", officer, {"reasons": "Documents aux archives"})
    assert any("Documents aux archives" in m.body for m in mail.outbox)
    assert mail.outbox[-1].to == ["amina@example.ma"]


def test_without_answer_the_delay_lapses_and_the_request_is_overdue(citizen, commune_a):
    request = file_request(citizen, commune_a, on=date(2026, 4, 1))  # due 29 April
    with time_machine.travel(date(2026, 4, 30), tick=False):
        expire_due_deadlines(date(2026, 4, 30))
    request.refresh_from_db()
    assert request.state == "unanswered"
    assert request.is_open
    assert request.due_on == date(2026, 4, 29)  # kept: overdue in the queue
    assert request.is_overdue(date(2026, 4, 30))
    window = deadlines_of(request).get(kind="appeal_window")
    assert window.starts_on == date(2026, 4, 30)
    assert window.days == 20


def test_officers_are_reminded_5_days_before_the_due_day(citizen, commune_a, officer):
    request = file_request(citizen, commune_a, on=date(2026, 4, 1))  # due 29 April
    mail.outbox.clear()
    send_due_reminders(date(2026, 4, 23))
    assert not mail.outbox
    send_due_reminders(date(2026, 4, 24))
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert request.number in mail.outbox[0].subject


# --- answers ------------------------------------------------------------------------------


def test_information_given_with_a_file_issues_the_written_answer(filed, officer):
    request = request_answer(
        actor=officer,
        request=filed,
        kind="given",
        data={"text": "Veuillez trouver le budget ci-joint."},
        upload=pdf_upload(),
    )
    assert request.state == "given"
    assert not request.is_open
    assert request.answer_file_name == "budget.pdf"
    assert request.answer_sha256
    assert request.answer_file.read().startswith(b"%PDF")
    assert _answer(request).status == "stopped"
    assert deadlines_of(request).get(kind="appeal_window").status == "running"
    assert documents_of(request, kind=ANSWER).count() == 1


def test_information_given_as_a_link_to_where_it_is_published(filed, officer):
    request = request_answer(
        actor=officer,
        request=filed,
        kind="given",
        data={"reference_url": "https://bengeurir.ma/budget-2025.pdf", "reference_title": "B"},
    )
    assert request.published_reference_url == "https://bengeurir.ma/budget-2025.pdf"


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("given", {"text": "Rien"}, "Attach the document"),
        ("given", {"reference_url": "javascript:alert(1)"}, "valid link"),
        ("partly", {"text": "Partie"}, "redacted"),
        ("refuse", {"text": "Non"}, "legal ground"),
        ("refuse", {"ground": "not_held"}, "reasons"),
        ("refuse", {"ground": "because", "text": "Non"}, "legal ground"),
        ("refuse", {"ground": "published", "text": "Déjà publié"}, "reference"),
        ("refuse", {"ground": "exception", "text": "Secret"}, "article 7"),
        ("refuse", {"ground": "exception", "text": "S", "exceptions": ["gossip"]}, "list"),
        ("maybe", {"text": "?"}, "how you answer"),
    ],
)
def test_an_answer_missing_what_the_law_requires_is_refused(filed, officer, kind, data, message):
    with pytest.raises(ValidationError, match=message):
        request_answer(actor=officer, request=filed, kind=kind, data=data)
    filed.refresh_from_db()
    assert filed.state == "submitted"
    assert filed.answered_at is None
    assert not documents_of(filed, kind=ANSWER).exists()


def test_a_partly_given_answer_without_the_exception_cited_is_refused(filed, officer):
    with pytest.raises(ValidationError, match="article 7"):
        request_answer(
            actor=officer, request=filed, kind="partly", data={"text": "x"}, upload=pdf_upload()
        )
    request = request_answer(
        actor=officer,
        request=filed,
        kind="partly",
        data={"text": "Les noms des agents sont occultés.", "exceptions": ["privacy"]},
        upload=pdf_upload(),
    )
    assert request.state == "partly_given"
    assert request.exceptions == ["privacy"]


def test_a_refusal_on_an_article_18_ground_with_reasons(filed, officer):
    request = request_answer(
        actor=officer,
        request=filed,
        kind="refuse",
        data={"ground": "published", "text": "Publié au registre.", "reference_url": "/fr/x/"},
    )
    assert request.state == "refused"
    assert request.refusal_ground == "published"
    assert request.published_reference_url == "/fr/x/"


@override_settings(CASES_MAX_UPLOAD_BYTES=100)
def test_an_oversized_file_is_refused(filed, officer):
    with pytest.raises(ValidationError, match="too large"):
        request_answer(
            actor=officer,
            request=filed,
            kind="given",
            data={"text": "x"},
            upload=pdf_upload(content=b"%PDF-1.4\n" + b"0" * 200),
        )
    assert InformationRequest.objects.get().state == "submitted"


def test_a_file_that_is_not_a_document_is_refused(filed, officer):
    with pytest.raises(ValidationError, match="not a PDF"):
        request_answer(
            actor=officer,
            request=filed,
            kind="given",
            data={},
            upload=pdf_upload("x.pdf", b"MZ\x90\x00 this is an exe"),
        )


def test_a_late_answer_is_still_possible_and_restarts_the_appeal_window(
    citizen, commune_a, officer
):
    request = file_request(citizen, commune_a, on=date(2026, 4, 1))
    with time_machine.travel(date(2026, 4, 30), tick=False):
        expire_due_deadlines(date(2026, 4, 30))
    with time_machine.travel(date(2026, 5, 6), tick=False):
        request = request_answer(
            actor=officer, request=request, kind="given", data={}, upload=pdf_upload()
        )
    windows = deadlines_of(request).filter(kind="appeal_window").order_by("pk")
    assert [w.status for w in windows] == ["stopped", "running"]
    assert windows[1].starts_on == date(2026, 5, 6)


def test_only_the_officers_and_agents_answer(filed, president, civil_status, agent):
    from django.core.exceptions import PermissionDenied

    for person in (president, civil_status):
        with pytest.raises(PermissionDenied):
            request_answer(actor=person, request=filed, kind="given", data={}, upload=pdf_upload())
    assert (
        request_answer(actor=agent, request=filed, kind="given", data={}, upload=pdf_upload()).state
        == "given"
    )
