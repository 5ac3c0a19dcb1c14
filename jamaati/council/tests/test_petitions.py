"""Petitions (art. 121-125): who files, the signatures by commune, the associations' age, the
receipt and the reasoned answer within three months."""

from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.documents.models import IssuedDocument
from jamaati.core.numbering.models import YearlySequence
from jamaati.core.tenancy.models import Collectivity
from jamaati.council import rules
from jamaati.council.models import AgendaItem, Petition, required_petition_signatures
from jamaati.council.services.petitions import (
    PETITION_RECEIPT,
    petition_accept,
    petition_file,
    petition_refuse,
)
from jamaati.council.services.sessions import session_plan
from jamaati.council.tests.factories import AgendaItemFactory, SessionFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 11, 30, 10, 0))


@pytest.fixture(autouse=True)
def today_is_now(time_machine):
    """Today is NOW: an answer is recorded on its day, never on a day still to come."""
    time_machine.move_to(NOW, tick=False)


def file(actor, collectivity, **kwargs):
    fields = {
        "petitioner_kind": "citizens",
        "title": "Un espace vert",
        "text": "Créer un espace vert au quartier Al Matar.",
        "agent_name": "Youssef Amrani",
        "signatures": required_petition_signatures(collectivity).value,
        "agent_email": "youssef@example.ma",
        "agent_phone": "+212611111111",
        **kwargs,
    }
    with time_machine.travel(NOW, tick=False):
        return petition_file(actor=actor, collectivity=collectivity, now=NOW, **fields)


def nothing_written():
    assert not Petition.objects.exists()
    assert not YearlySequence.objects.filter(series="council-petitions").exists()
    assert not AuditEvent.objects.filter(action="council.petition_file").exists()


@pytest.fixture
def small_commune(db):
    return (
        Collectivity.objects.filter(
            kind="commune",
            population_2024__gt=0,
            population_2024__lt=rules.PETITION_SMALL_COMMUNE_POPULATION.value,
        )
        .exclude(children__kind="arrondissement")
        .order_by("code")
        .first()
    )


@pytest.fixture
def big_city(db):
    return (
        Collectivity.objects.filter(kind="commune", children__kind="arrondissement")
        .order_by("code")
        .first()
    )


def test_citizen_files_online(citizen, commune_a):
    petition = file(citizen, commune_a)
    assert petition.state == "filed"
    assert petition.filed_by == citizen
    assert petition.number == f"{commune_a.code}-P-2026-000001"
    assert petition.filed_at == NOW
    assert petition.required_signatures == required_petition_signatures(commune_a).value
    clock = deadline_open_of(petition, "answer")
    assert clock.starts_on == date(2026, 11, 30)
    # Three months to the same day: 28 February 2027, a Sunday, so the next working day.
    assert rules.months_later(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert clock.due_on == date(2027, 3, 1)
    assert clock.legal_basis == rules.PETITION_ANSWER.basis
    receipt = IssuedDocument.objects.of(petition).get(kind=PETITION_RECEIPT)
    assert receipt.file.read().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="council.petition_file").exists()
    second = file(citizen, commune_a)
    assert second.number.endswith("-000002")


def test_secretariat_files_at_the_counter(secretary, commune_a):
    petition = file(secretary, commune_a)
    assert petition.filed_by is None
    event = AuditEvent.objects.get(action="council.petition_file")
    assert event.changes["at_counter"] is True
    assert event.actor_id == secretary.pk


def test_anonymous_cannot_file(commune_a):
    with pytest.raises(PermissionDenied):
        file(AnonymousUser(), commune_a)
    nothing_written()


def test_ben_guerir_needs_200_signatures(citizen, commune_a):
    assert commune_a.population_2024 >= rules.PETITION_SMALL_COMMUNE_POPULATION.value
    assert required_petition_signatures(commune_a).value == 200
    with pytest.raises(ValidationError) as exc:
        file(citizen, commune_a, signatures=199)
    assert "signatures" in exc.value.message_dict
    assert "200" in exc.value.message_dict["signatures"][0]
    nothing_written()
    assert file(citizen, commune_a, signatures=200).signatures == 200


def test_small_commune_needs_100(citizen, small_commune):
    assert required_petition_signatures(small_commune).value == 100
    with pytest.raises(ValidationError):
        file(citizen, small_commune, signatures=99)
    nothing_written()
    assert file(citizen, small_commune, signatures=100).required_signatures == 100


def test_commune_with_arrondissements_needs_400(citizen, big_city):
    assert required_petition_signatures(big_city).value == 400
    with pytest.raises(ValidationError):
        file(citizen, big_city, signatures=399)
    nothing_written()
    assert file(citizen, big_city, signatures=400).required_signatures == 400


def test_only_communes(citizen, commune_a):
    province = Collectivity.objects.get(pk=commune_a.parent_id)
    with pytest.raises(ValidationError) as exc:
        file(citizen, province, signatures=1000)
    assert "collectivity" in exc.value.message_dict
    nothing_written()


def test_association_of_more_than_three_years(citizen, commune_a):
    """More than three years (art. 124): founded exactly three years ago is refused, the day
    before is accepted."""
    anniversary = rules.months_later(NOW.date(), -12 * rules.ASSOCIATION_MIN_AGE.value)
    assert anniversary == date(2023, 11, 30)
    for founded in (date(2023, 12, 1), anniversary):
        with pytest.raises(ValidationError) as exc:
            file(
                citizen,
                commune_a,
                petitioner_kind="association",
                association_name="Association Al Matar",
                association_founded_on=founded,
            )
        assert "association_founded_on" in exc.value.message_dict
        assert "2023-11-29" in exc.value.message_dict["association_founded_on"][0]
    nothing_written()
    petition = file(
        citizen,
        commune_a,
        petitioner_kind="association",
        association_name="Association Al Matar",
        association_founded_on=date(2023, 11, 29),
    )
    assert petition.association_founded_on == date(2023, 11, 29)


def test_association_needs_no_signatures(citizen, commune_a, big_city):
    """An association petitions through its organs (art. 124): no count of signatures, where
    citizens need 200 at Ben Guerir and 400 in a city with arrondissements (art. 125)."""
    for collectivity in (commune_a, big_city):
        petition = file(
            citizen,
            collectivity,
            petitioner_kind="association",
            association_name="Association Al Matar",
            association_founded_on=date(2015, 3, 1),
            signatures=0,
        )
        assert (petition.signatures, petition.required_signatures) == (0, 0)
    event = AuditEvent.objects.filter(action="council.petition_file").first()
    assert event.changes["required"] == 0
    # Citizens still need their count.
    for collectivity, required in ((commune_a, 200), (big_city, 400)):
        with pytest.raises(ValidationError) as exc:
            file(citizen, collectivity, signatures=0)
        assert str(required) in exc.value.message_dict["signatures"][0]
    # A negative count is malformed, even for an association.
    with pytest.raises(ValidationError) as exc:
        file(
            citizen,
            commune_a,
            petitioner_kind="association",
            association_name="Association Al Matar",
            association_founded_on=date(2015, 3, 1),
            signatures=-1,
        )
    assert "signatures" in exc.value.message_dict
    assert Petition.objects.count() == 2


def test_association_needs_a_name_and_a_date(citizen, commune_a):
    with pytest.raises(ValidationError) as exc:
        file(citizen, commune_a, petitioner_kind="association")
    assert {"association_name", "association_founded_on"} <= set(exc.value.message_dict)
    nothing_written()


def test_missing_or_malformed_fields(citizen, commune_a):
    cases = [
        {"title": " "},
        {"text": ""},
        {"agent_name": ""},
        {"signatures": "lots"},
        {"signatures": None},
        {"petitioner_kind": "company"},
        {
            "association_founded_on": "2020-01-01",
            "petitioner_kind": "association",
            "association_name": "A",
        },
    ]
    for case in cases:
        with pytest.raises(ValidationError):
            file(citizen, commune_a, **case)
    nothing_written()


def test_citizens_petition_drops_association_fields(citizen, commune_a):
    petition = file(
        citizen,
        commune_a,
        association_name="Ignored",
        association_founded_on=date(2010, 1, 1),
    )
    assert petition.association_name == ""
    assert petition.association_founded_on is None


# --- the answer ---


def test_accept(citizen, secretary, commune_a):
    petition = file(citizen, commune_a)
    petition_accept(actor=secretary, petition=petition, now=NOW)
    petition.refresh_from_db()
    assert petition.state == "accepted"
    assert petition.answered_at == NOW
    assert deadline_open_of(petition, "answer") is None


def test_accepted_petition_joins_the_planned_sessions_agenda_at_once(
    citizen, secretary, commune_a, commune_b
):
    """Accepted while the next ordinary session is planned with its agenda unsent: on that
    session's agenda at once (art. 125), after its items; no other session is touched."""
    session = SessionFactory(collectivity=commune_a)  # ordinary, planned, 1 February 2027
    AgendaItemFactory(collectivity=commune_a, session=session, position=1)
    extraordinary = SessionFactory(
        collectivity=commune_a,
        kind="extraordinary_members",
        opens_on=date(2027, 1, 11),
        closes_on=date(2027, 1, 13),
        year=2027,
        month=1,
    )
    elsewhere = SessionFactory(collectivity=commune_b)
    petition = file(citizen, commune_a)
    petition_accept(actor=secretary, petition=petition, now=NOW)
    item = AgendaItem.objects.get(petition=petition)
    assert (item.session, item.origin, item.position, item.state) == (
        session,
        "petition",
        2,
        "on_agenda",
    )
    assert (item.title_fr, item.description) == (petition.title, petition.text)
    assert item.added_on == NOW.date()
    assert not extraordinary.items.exists()
    assert not elsewhere.items.exists()
    assert AuditEvent.objects.filter(action="council.item_add").count() == 1


def test_accepted_petition_waits_when_the_agenda_is_sent(citizen, secretary, commune_a):
    """The agenda already sent to the governor (or no session planned): the petition waits
    for the next session planned, which carries it."""
    SessionFactory(collectivity=commune_a, agenda_sent_on=date(2026, 11, 20))
    petition = file(citizen, commune_a)
    petition_accept(actor=secretary, petition=petition, now=NOW)
    assert not AgendaItem.objects.filter(petition=petition).exists()
    later = session_plan(
        actor=secretary, collectivity=commune_a, opens_on=date(2027, 5, 3), now=NOW
    )
    assert list(later.items.values_list("petition", "origin")) == [(petition.pk, "petition")]


def test_refused_petition_or_a_past_session_takes_nothing(citizen, secretary, commune_a):
    past = SessionFactory(
        collectivity=commune_a,
        opens_on=date(2026, 10, 1),
        closes_on=date(2026, 10, 15),
        year=2026,
        month=10,
    )
    refused = file(citizen, commune_a)
    petition_refuse(actor=secretary, petition=refused, reasons="Hors compétence", now=NOW)
    accepted = file(citizen, commune_a)
    petition_accept(actor=secretary, petition=accepted, now=NOW)
    assert not AgendaItem.objects.exists()
    assert not past.items.exists()


def test_refuse_needs_reasons(citizen, secretary, commune_a):
    petition = file(citizen, commune_a)
    with pytest.raises(ValidationError) as exc:
        petition_refuse(actor=secretary, petition=petition, reasons="  ")
    assert "reasons" in exc.value.message_dict
    petition.refresh_from_db()
    assert petition.state == "filed"
    petition_refuse(actor=secretary, petition=petition, reasons="Hors compétence", now=NOW)
    petition.refresh_from_db()
    assert (petition.state, petition.answer_reasons) == ("refused", "Hors compétence")
    with pytest.raises(ValidationError):  # answered once
        petition_accept(actor=secretary, petition=petition)


def test_answer_denied_and_other_commune(citizen, commune_a, governor, other_secretary, agent):
    petition = file(citizen, commune_a)
    for actor in (citizen, governor, agent):
        with pytest.raises((PermissionDenied, Http404)):
            petition_accept(actor=actor, petition=petition)
    with pytest.raises(Http404):
        petition_accept(actor=other_secretary, petition=petition)
    with pytest.raises(Http404):
        petition_refuse(actor=other_secretary, petition=petition, reasons="")
    petition.refresh_from_db()
    assert petition.state == "filed"


def test_the_agent_hears_at_filing_and_at_the_answer(
    citizen, secretary, commune_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        petition = file(citizen, commune_a)
    to_agent = [m for m in mail.outbox if m.to == ["youssef@example.ma"]]
    assert len(to_agent) == 1
    assert petition.number in to_agent[0].subject
    assert any(m.to == [secretary.email] for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        petition_refuse(actor=secretary, petition=petition, reasons="Hors compétence")
    assert [m.to for m in mail.outbox] == [["youssef@example.ma"]]
    assert "Hors compétence" in mail.outbox[0].body


# --- through HTTP ---


def test_http_refuse_needs_reasons(citizen, secretary, commune_a, other_secretary, client):
    from jamaati.accounts.tests.factories import verified_login
    from jamaati.council.tests.test_sittings import bo_url

    petition = file(citizen, commune_a)
    url = bo_url("petition-act", commune_a, petition_id=petition.pk, action="refuse")
    verified_login(client, other_secretary)
    assert client.post(url, {"refuse-reasons": "x"}).status_code == 404
    client.logout()
    verified_login(client, secretary)
    assert client.post(url, {"refuse-reasons": ""}).status_code == 200
    petition.refresh_from_db()
    assert petition.state == "filed"
    assert client.post(url, {"refuse-reasons": "Hors compétence"}).status_code == 302
    petition.refresh_from_db()
    assert (petition.state, petition.answer_reasons) == ("refused", "Hors compétence")


def test_petition_recorded_with_its_own_day_counts_from_it(secretary, commune_a):
    """Filed at the counter with the day it was received (`now`), today being later."""
    received = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
    with time_machine.travel(timezone.make_aware(datetime(2026, 11, 20, 9, 0)), tick=False):
        petition = petition_file(
            actor=secretary,
            collectivity=commune_a,
            petitioner_kind="citizens",
            title="Éclairage",
            text="Éclairer la rue.",
            agent_name="Y. Amrani",
            signatures=200,
            now=received,
        )
    clock = deadline_open_of(petition, "answer")
    assert clock.starts_on == date(2026, 11, 2)
    assert clock.due_on == date(2027, 2, 2)


def test_http_accept_puts_the_petition_on_the_planned_agenda(
    citizen, secretary, commune_a, staff_client
):
    from jamaati.council.tests.test_sittings import bo_url

    session = SessionFactory(collectivity=commune_a)
    petition = file(citizen, commune_a)
    url = bo_url("petition-act", commune_a, petition_id=petition.pk, action="accept")
    response = staff_client(secretary).post(url, {"accept-reasons": "Utile au quartier"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.state == "accepted"
    assert list(session.items.values_list("petition", "origin")) == [(petition.pk, "petition")]
    page = staff_client(secretary).get(
        bo_url("petition-detail", commune_a, petition_id=petition.pk)
    )
    assert page.status_code == 200
