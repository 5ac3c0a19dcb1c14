"""Convocations (art. 35): one per member in office, recorded with when and how it was sent,
by email and SMS after the commit, and a PDF in Arabic with the member's name (also in Latin
script), the timetable, the agenda and its documents."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from pypdf import PdfReader

from jamaati.core.audit.models import AuditEvent
from jamaati.core.documents.models import IssuedDocument
from jamaati.council.models import Convocation
from jamaati.council.services.agenda import item_document_add
from jamaati.council.services.convocations import convocation_document
from jamaati.council.services.sessions import call_convene, session_convene
from jamaati.council.tests.conftest import pdf_upload
from jamaati.council.tests.factories import (
    AgendaItemFactory,
    SessionFactory,
    SittingFactory,
    council_of,
)

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CASABLANCA)


@pytest.fixture
def small_council(commune_a):
    """Three members (a PDF takes seconds to render): [0] president, [1] secretary, [2]."""
    members = council_of(commune_a, 3)
    members[2].phone = ""
    members[2].save()
    return members


@pytest.fixture
def session(commune_a, secretary):
    session = SessionFactory(collectivity=commune_a, agenda_sent_on=date(2027, 1, 5))
    item = AgendaItemFactory(
        collectivity=commune_a,
        session=session,
        title_ar="اتفاقية شراكة مع المكتب الوطني",
        title_fr="Convention avec l'ONEE",
    )
    AgendaItemFactory(
        collectivity=commune_a,
        session=session,
        position=2,
        state="refused",
        title_fr="Point refusé",
    )
    item_document_add(
        actor=secretary, item=item, upload=pdf_upload("x.pdf"), title="Projet de convention"
    )
    SittingFactory(
        collectivity=commune_a,
        session=session,
        scheduled_at=at(date(2027, 2, 1)),
        place="Salle des délibérations",
    )
    return session


def test_every_member_gets_a_recorded_convocation_by_email_and_sms(
    secretary,
    session,
    small_council,
    mailoutbox,
    settings,
    django_capture_on_commit_callbacks,
):
    from jamaati.core.notify.sms import MemorySmsBackend

    settings.SMS_BACKEND = "jamaati.core.notify.sms.MemorySmsBackend"
    MemorySmsBackend.outbox = []
    moment = at(date(2027, 1, 20))
    with django_capture_on_commit_callbacks(execute=True):
        convocations = session_convene(actor=secretary, session=session, now=moment)
    assert {c.member for c in convocations} == set(small_council)
    assert all(c.sent_at == moment for c in convocations)
    by_member = {c.member: c for c in convocations}
    assert (by_member[small_council[0]].by_email, by_member[small_council[0]].by_sms) == (
        True,
        True,
    )
    assert by_member[small_council[2]].by_sms is False
    assert sorted(m.to[0] for m in mailoutbox) == sorted(m.email for m in small_council)
    body = mailoutbox[0].body
    assert "Convention avec l'ONEE" in body or "اتفاقية شراكة" in body
    assert "Point refusé" not in body
    assert "Salle des délibérations" in body
    assert len(MemorySmsBackend.outbox) == 2
    assert AuditEvent.objects.filter(action="council.convocation_send").count() == 3


def test_no_message_leaves_when_the_convocation_is_refused(
    secretary, session, small_council, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        session_convene(actor=secretary, session=session, now=at(date(2027, 1, 25)))
    assert mailoutbox == []
    assert Convocation.objects.count() == 0


def test_the_pdf_names_the_member_in_both_scripts_with_timetable_agenda_and_documents(
    secretary, session, small_council
):
    convocations = session_convene(
        actor=secretary, session=session, now=at(date(2027, 1, 20)), issue_pdfs=True
    )
    assert len(convocations) == 3
    convocation = Convocation.objects.get(session=session, member=small_council[2])
    document = convocation.document
    assert document is not None
    assert (document.kind, document.language) == ("council_convocation", "ar")
    assert document.summary[0]["value"] == small_council[2].name_ar
    assert IssuedDocument.objects.filter(kind="council_convocation").count() == 3
    text = PdfReader(document.file.path).pages[0].extract_text()
    assert small_council[2].last_name_fr in text
    assert "2027" in text
    assert "ONEE" in text  # the agenda, with its French title
    assert "x.pdf" in text  # the item's document
    assert "Point refusé" not in text


def test_the_pdf_is_issued_once_on_first_demand(secretary, session, small_council):
    convocations = session_convene(actor=secretary, session=session, now=at(date(2027, 1, 20)))
    assert all(c.document is None for c in convocations)
    first = convocation_document(actor=secretary, convocation=convocations[0])
    again = convocation_document(actor=secretary, convocation=convocations[0])
    assert first.pk == again.pk
    assert Convocation.objects.get(pk=convocations[0].pk).document_id == first.pk
    assert IssuedDocument.objects.count() == 1


def test_the_pdf_on_demand_is_scoped(secretary, other_secretary, citizen, session, small_council):
    convocation = session_convene(actor=secretary, session=session, now=at(date(2027, 1, 20)))[0]
    with pytest.raises(Http404):
        convocation_document(actor=other_secretary, convocation=convocation)
    with pytest.raises(Http404):
        convocation_document(actor=citizen, convocation=convocation)
    assert IssuedDocument.objects.count() == 0


def test_a_later_calls_pdf_shows_that_sitting_and_its_call(secretary, commune_a, small_council):
    session = SessionFactory(collectivity=commune_a, state="convened")
    AgendaItemFactory(collectivity=commune_a, session=session, title_fr="Budget")
    first = SittingFactory(
        collectivity=commune_a,
        session=session,
        scheduled_at=at(date(2027, 2, 1)),
        state="no_quorum",
    )
    second = SittingFactory(
        collectivity=commune_a,
        session=session,
        call=2,
        previous=first,
        scheduled_at=at(date(2027, 2, 4)),
        place="Salle B",
    )
    convocations = call_convene(
        actor=secretary, sitting=second, now=at(date(2027, 2, 1), 18), issue_pdfs=True
    )
    text = PdfReader(convocations[0].document.file.path).pages[0].extract_text()
    assert "Salle B" in text
    assert "Budget" in text


def test_call_convene_denied_to_the_governor(governor, commune_a, small_council):
    sitting = SittingFactory(collectivity=commune_a, call=2)
    with pytest.raises(PermissionDenied):
        call_convene(actor=governor, sitting=sitting)
    assert Convocation.objects.count() == 0
