"""The agenda (art. 38-41): who adds an item and until when, members' requests (refusal with
reasons, mandatory at half the members), the subject's majority and visa, documents."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from jamaati.core.audit.models import AuditEvent
from jamaati.council.models import AgendaItem, ItemDocument
from jamaati.council.services.agenda import (
    item_accept,
    item_add,
    item_document_add,
    item_refuse,
)
from jamaati.council.services.members import member_leave
from jamaati.council.tests.conftest import pdf_upload, said
from jamaati.council.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")
NOW = datetime(2026, 12, 1, 10, tzinfo=CASABLANCA)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=CASABLANCA)


def add(actor, session, **overrides):
    data = {
        "title_ar": "برنامج عمل الجماعة",
        "title_fr": "Programme d'action de la commune",
        "now": NOW,
    }
    data.update(overrides)
    return item_add(actor=actor, session=session, **data)


def snapshot():
    return AgendaItem.objects.count(), AuditEvent.objects.count()


@pytest.fixture
def session(commune_a):
    return SessionFactory(collectivity=commune_a)  # ordinary, opens 1 February 2027


# --- the president --------------------------------------------------------------------------


def test_president_adds_items_in_order_with_majority_and_visa_from_the_subject(secretary, session):
    first = add(secretary, session, subject="action_programme")
    second = add(secretary, session, subject="urbanism", title_ar="", title_fr="Lotissement")
    third = add(secretary, session, subject="budget")
    assert [first.position, second.position, third.position] == [1, 2, 3]
    assert (first.needs_absolute_majority, first.needs_visa) == (True, True)
    assert (second.needs_absolute_majority, second.needs_visa) == (False, False)
    assert (third.needs_absolute_majority, third.needs_visa) == (False, True)
    assert second.title_ar == "Lotissement"  # one title is enough; both scripts are filled
    assert (first.state, first.origin, first.added_on) == ("on_agenda", "president", NOW.date())
    assert AuditEvent.objects.filter(action="council.item_add").count() == 3


def test_item_add_refuses_bad_input(secretary, session, commune_b):
    before = snapshot()
    with pytest.raises(ValidationError):
        add(secretary, session, title_ar=" ", title_fr="")
    with pytest.raises(ValidationError):
        add(secretary, session, subject="weather")
    with pytest.raises(ValidationError):
        add(secretary, session, origin="petition")
    with pytest.raises(ValidationError):
        add(secretary, session, rapporteur=CommitteeFactory(collectivity=commune_b))
    assert snapshot() == before


def test_rapporteur_committee_of_the_council(secretary, session, commune_a):
    committee = CommitteeFactory(collectivity=commune_a)
    assert add(secretary, session, rapporteur=committee).rapporteur == committee


def test_president_adds_nothing_after_the_agenda_went_to_the_governor(secretary, session):
    session.agenda_sent_on = date(2026, 12, 1)
    session.save()
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        add(secretary, session)
    assert "Added after the limit" in str(error.value)
    assert "art. 39" in str(error.value)
    assert snapshot() == before


def test_extraordinary_session_items_until_the_convocation(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a, kind="extraordinary_members")
    assert add(secretary, session).pk
    session.state, session.convened_at = "convened", NOW
    session.save()
    with pytest.raises(ValidationError) as error:
        add(secretary, session)
    assert "after the convocation" in str(error.value)


def test_item_add_denied_to_the_governor_as_president_and_to_other_people(
    session, governor, citizen, other_secretary, agent
):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        add(governor, session)
    with pytest.raises(PermissionDenied):
        add(agent, session)
    with pytest.raises(Http404):
        add(citizen, session)
    with pytest.raises(Http404):
        add(other_secretary, session)
    assert snapshot() == before


# --- the governor (art. 39) -------------------------------------------------------------------


def test_governor_adds_within_eight_days_of_receiving_the_agenda(governor, session):
    session.agenda_sent_on = date(2027, 1, 10)
    session.save()
    item = add(governor, session, origin="governor", now=at(date(2027, 1, 18)))
    assert (item.origin, item.state) == ("governor", "on_agenda")
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        add(governor, session, origin="governor", now=at(date(2027, 1, 19)))
    assert "Added after the limit" in str(error.value)
    assert "18 January 2027" in str(error.value)
    assert snapshot() == before


def test_governor_adds_nothing_before_receiving_the_agenda(governor, session):
    with pytest.raises(ValidationError):
        add(governor, session, origin="governor")


def test_secretariat_records_the_governors_item(secretary, session):
    session.agenda_sent_on = date(2026, 11, 30)
    session.save()
    assert add(secretary, session, origin="governor").origin == "governor"


def test_governors_item_denied_to_another_province_and_a_citizen(
    session, commune_b, citizen, other_secretary
):
    from jamaati.accounts.tests.factories import StaffFactory
    from jamaati.core.access.roles import Role
    from jamaati.core.tenancy.models import Collectivity

    session.agenda_sent_on = date(2026, 11, 30)
    session.save()
    other_governor = StaffFactory(
        collectivity=Collectivity.objects.get(pk=commune_b.parent_id),
        role=Role.SUPERVISOR,
        password=None,
    )
    for person in (other_governor, citizen, other_secretary):
        with pytest.raises(Http404):
            add(person, session, origin="governor")


def test_nobody_adds_after_the_convocation_even_within_the_governors_window(
    governor, secretary, session
):
    session.agenda_sent_on = date(2026, 11, 28)
    session.state, session.convened_at = "convened", NOW
    session.save()
    for actor, origin in ((governor, "governor"), (secretary, "president")):
        with pytest.raises(ValidationError) as error:
            add(actor, session, origin=origin)
        assert "after the convocation" in str(error.value)


# --- members' requests (art. 40) --------------------------------------------------------------


def test_members_request_is_proposed_and_mandatory_at_half_the_members(secretary, session, council):
    five = add(secretary, session, origin="members", requested_by=council[2:7])
    six = add(secretary, session, origin="members", requested_by=[m.pk for m in council[2:8]])
    assert (five.state, five.is_mandatory) == ("proposed", False)  # 5 of 11
    assert (six.state, six.is_mandatory) == ("proposed", True)  # 6 of 11
    assert set(six.requested_by.all()) == set(council[2:8])


def test_members_request_counts_members_in_office_on_the_day(secretary, session, council):
    member_leave(actor=secretary, member=council[10], left_on=date(2026, 11, 1), reason="resigned")
    # 5 of the 10 members in office: half.
    assert add(secretary, session, origin="members", requested_by=council[2:7]).is_mandatory


def test_members_request_needs_requesters_in_office_of_this_council(
    secretary, session, council, council_b
):
    member_leave(actor=secretary, member=council[10], left_on=date(2026, 11, 1), reason="resigned")
    before = snapshot()
    for requested_by in ([], [council_b[3]], [council[10]], ["x"], [999999]):
        with pytest.raises(ValidationError):
            add(secretary, session, origin="members", requested_by=requested_by)
    assert snapshot() == before


def test_members_request_refused_after_the_agenda_went_to_the_governor(secretary, session, council):
    session.agenda_sent_on = date(2026, 11, 30)
    session.save()
    with pytest.raises(ValidationError) as error:
        add(secretary, session, origin="members", requested_by=council[2:5])
    assert "Added after the limit" in str(error.value)


def test_accept_puts_the_request_on_the_agenda(secretary, session, council):
    item = add(secretary, session, origin="members", requested_by=council[2:5])
    assert item_accept(actor=secretary, item=item).state == "on_agenda"
    assert AuditEvent.objects.filter(action="council.item_accept").count() == 1
    with pytest.raises(ValidationError):
        item_accept(actor=secretary, item=item)


def test_refusal_needs_reasons(secretary, session, council):
    item = add(secretary, session, origin="members", requested_by=council[2:5])
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        item_refuse(actor=secretary, item=item, reasons="  ")
    assert "reasons" in error.value.message_dict
    assert snapshot() == before
    refused = item_refuse(actor=secretary, item=item, reasons="Hors compétence de la commune")
    assert (refused.state, refused.refusal_reasons) == ("refused", "Hors compétence de la commune")


def test_a_mandatory_item_cannot_be_refused(secretary, session, council):
    item = add(secretary, session, origin="members", requested_by=council[2:8])
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        item_refuse(actor=secretary, item=item, reasons="Non")
    assert "mandatory" in str(error.value)
    assert "art. 40" in str(error.value)
    assert AgendaItem.objects.get(pk=item.pk).state == "proposed"
    assert snapshot() == before


def test_answers_to_requests_denied(session, governor, other_secretary, secretary, council):
    item = add(secretary, session, origin="members", requested_by=council[2:5])
    with pytest.raises(PermissionDenied):
        item_accept(actor=governor, item=item)
    with pytest.raises(Http404):
        item_refuse(actor=other_secretary, item=item, reasons="x")
    assert AgendaItem.objects.get(pk=item.pk).state == "proposed"


def test_only_a_proposed_item_is_answered(secretary, session):
    item = AgendaItemFactory(collectivity=session.collectivity, session=session)
    with pytest.raises(ValidationError):
        item_refuse(actor=secretary, item=item, reasons="x")


# --- documents ------------------------------------------------------------------------------


def test_item_document_is_checked_and_stored_under_its_hash(secretary, session):
    item = add(secretary, session)
    document = item_document_add(
        actor=secretary, item=item, upload=pdf_upload("../../etc/passwd.pdf"), title="Rapport"
    )
    assert document.content_type == "application/pdf"
    assert len(document.sha256) == 64
    assert document.file_name.endswith("passwd.pdf")
    assert "passwd" not in document.file.name
    assert document.sha256 in document.file.name
    assert document.file.read().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="council.item_document_add").count() == 1


def test_item_document_refuses_other_types_empty_files_and_no_title(secretary, session):
    item = add(secretary, session)
    before = ItemDocument.objects.count()
    bad = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        item_document_add(actor=secretary, item=item, upload=bad, title="Rapport")
    assert "upload" in error.value.message_dict
    with pytest.raises(ValidationError):
        item_document_add(actor=secretary, item=item, upload=pdf_upload(), title=" ")
    with pytest.raises(ValidationError):
        item_document_add(actor=secretary, item=item, upload=None, title="Rapport")
    with pytest.raises(ValidationError):
        item_document_add(
            actor=secretary, item=item, upload=SimpleUploadedFile("e.pdf", b""), title="Vide"
        )
    assert ItemDocument.objects.count() == before


def test_item_document_denied(secretary, session, governor, other_secretary):
    item = add(secretary, session)
    with pytest.raises(PermissionDenied):
        item_document_add(actor=governor, item=item, upload=pdf_upload(), title="R")
    with pytest.raises(Http404):
        item_document_add(actor=other_secretary, item=item, upload=pdf_upload(), title="R")
    assert ItemDocument.objects.count() == 0


def test_item_positions_follow_the_last_one_even_with_gaps(secretary, session):
    AgendaItemFactory(collectivity=session.collectivity, session=session, position=7)
    assert add(secretary, session).position == 8
    assert add(secretary, session, now=NOW + timedelta(days=1)).position == 9


# --- through the back office (HTTP) -------------------------------------------------------------


def bo(name, node, lang="fr", **kwargs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


def item_form(origin="governor", **extra):
    data = {
        "add_item-title_ar": "تهيئة الطريق",
        "add_item-title_fr": "Aménagement de la route",
        "add_item-subject": "other",
        "add_item-description": "",
        "add_item-origin": origin,
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_governors_late_item_through_the_back_office(
    governor, session, staff_client, time_machine, lang
):
    session.agenda_sent_on = date(2027, 1, 10)
    session.save()
    time_machine.move_to(at(date(2027, 1, 19)), tick=False)
    client = staff_client(governor)
    url = bo("session-act", session.collectivity, lang, session_id=session.pk, action="add_item")
    before = snapshot()
    response = client.post(url, item_form())
    assert response.status_code == 200
    assert (
        said(
            lang,
            "Added after the limit: the governor may add items within 8 days of "
            "receiving the agenda, until %(day)s (art. 39).",
            day=date(2027, 1, 18),
        )
        in response.content.decode()
    )
    assert snapshot() == before
    time_machine.move_to(at(date(2027, 1, 18)), tick=False)
    assert client.post(url, item_form()).status_code == 302
    assert AgendaItem.objects.get(session=session).origin == "governor"


def test_item_through_the_back_office_of_another_commune_is_not_found(
    other_secretary, session, staff_client
):
    client = staff_client(other_secretary)
    url = bo("session-act", session.collectivity, session_id=session.pk, action="add_item")
    assert client.post(url, item_form(origin="president")).status_code == 404
    assert AgendaItem.objects.count() == 0


def test_governor_cannot_add_as_the_president_through_the_back_office(
    governor, session, staff_client
):
    url = bo("session-act", session.collectivity, session_id=session.pk, action="add_item")
    assert staff_client(governor).post(url, item_form(origin="president")).status_code == 403
    assert AgendaItem.objects.count() == 0
