"""Written questions (art. 46): filed at least one month before the session, by a member in
office, and answered once at a sitting of the session."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.core.audit.models import AuditEvent
from jamaati.council.models import WrittenQuestion
from jamaati.council.services.members import member_leave
from jamaati.council.services.questions import question_answer, question_deadline, question_file
from jamaati.council.tests.conftest import said
from jamaati.council.tests.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=CASABLANCA)


@pytest.fixture
def session(commune_a):
    return SessionFactory(collectivity=commune_a)  # opens 1 February 2027


def file(actor, session, member, on=date(2026, 12, 15), question="Où en est l'éclairage ?"):
    return question_file(actor=actor, session=session, member=member, question=question, now=at(on))


def snapshot():
    return WrittenQuestion.objects.count(), AuditEvent.objects.count()


def test_question_filed_on_the_last_day_a_month_ahead(secretary, session, council):
    written = file(secretary, session, council[4], on=date(2027, 1, 1))
    assert (written.filed_on, written.member, written.session) == (
        date(2027, 1, 1),
        council[4],
        session,
    )
    assert AuditEvent.objects.filter(action="council.question_file").count() == 1


def test_question_refused_the_day_after(secretary, session, council):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        file(secretary, session, council[4], on=date(2027, 1, 2))
    assert "1 January 2027" in str(error.value)
    assert "art. 46" in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("opens_on", "last_day"),
    [
        (date(2027, 3, 31), date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2027, 10, 4), date(2027, 9, 4)),
        (date(2028, 3, 30), date(2028, 2, 29)),
    ],
)
def test_question_deadline_is_one_month_before_the_opening(commune_a, opens_on, last_day):
    session = SessionFactory(collectivity=commune_a, opens_on=opens_on, month=opens_on.month)
    assert question_deadline(session) == last_day


def test_question_needs_a_member_in_office_of_this_council_and_a_text(
    secretary, session, council, council_b
):
    member_leave(actor=secretary, member=council[9], left_on=date(2026, 12, 1), reason="resigned")
    before = snapshot()
    with pytest.raises(ValidationError):
        file(secretary, session, council[9])
    with pytest.raises(ValidationError):
        file(secretary, session, council_b[4])
    with pytest.raises(ValidationError):
        file(secretary, session, council[4], question="  ")
    with pytest.raises(ValidationError):
        file(secretary, session, "council[4]")
    assert snapshot() == before


def test_question_refused_for_a_closed_session(secretary, commune_a, council):
    closed = SessionFactory(collectivity=commune_a, state="closed")
    with pytest.raises(ValidationError):
        file(secretary, closed, council[4])


def test_question_filing_denied(session, council, governor, other_secretary, citizen):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        file(governor, session, council[4])
    with pytest.raises(Http404):
        file(other_secretary, session, council[4])
    with pytest.raises(Http404):
        file(citizen, session, council[4])
    assert snapshot() == before


def test_answer_once_at_a_sitting_of_the_session(secretary, session, council, commune_a):
    written = file(secretary, session, council[4])
    sitting = SittingFactory(collectivity=commune_a, session=session)
    answered = question_answer(
        actor=secretary, question=written, answer="Les travaux commencent en mars.", sitting=sitting
    )
    assert answered.answer_sitting == sitting
    assert answered.answered_at is not None
    assert AuditEvent.objects.filter(action="council.question_answer").count() == 1
    with pytest.raises(ValidationError):
        question_answer(actor=secretary, question=written, answer="Encore")


def test_answer_refuses_an_empty_text_and_another_sessions_sitting(
    secretary, session, council, commune_a
):
    written = file(secretary, session, council[4])
    other = SittingFactory(collectivity=commune_a)
    with pytest.raises(ValidationError):
        question_answer(actor=secretary, question=written, answer=" ")
    with pytest.raises(ValidationError):
        question_answer(actor=secretary, question=written, answer="Oui", sitting=other)
    assert WrittenQuestion.objects.get(pk=written.pk).answered_at is None


def test_answer_denied(secretary, session, council, governor, other_secretary):
    written = file(secretary, session, council[4])
    with pytest.raises(PermissionDenied):
        question_answer(actor=governor, question=written, answer="Oui")
    with pytest.raises(Http404):
        question_answer(actor=other_secretary, question=written, answer="Oui")
    assert WrittenQuestion.objects.get(pk=written.pk).answered_at is None


# --- through the back office (HTTP) -------------------------------------------------------------


def bo(name, node, lang="fr", **kwargs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_late_question_through_the_back_office(
    secretary, session, council, staff_client, time_machine, lang
):
    time_machine.move_to(at(date(2027, 1, 2)), tick=False)
    client = staff_client(secretary)
    url = bo(
        "session-act", session.collectivity, lang, session_id=session.pk, action="add_question"
    )
    data = {"add_question-member": council[4].pk, "add_question-question": "Éclairage ?"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        said(
            lang,
            "Written questions are filed at least one month before the session opens: by "
            "%(day)s for this session (art. 46).",
            day=question_deadline(session),
        )
        in response.content.decode()
    )
    assert WrittenQuestion.objects.count() == 0
    time_machine.move_to(at(date(2027, 1, 1)), tick=False)
    assert client.post(url, data).status_code == 302
    assert WrittenQuestion.objects.get().member == council[4]


def test_question_through_the_back_office_of_another_commune_is_not_found(
    other_secretary, session, council, staff_client
):
    url = bo("session-act", session.collectivity, session_id=session.pk, action="add_question")
    data = {"add_question-member": council[4].pk, "add_question-question": "Éclairage ?"}
    assert staff_client(other_secretary).post(url, data).status_code == 404
    assert WrittenQuestion.objects.count() == 0
