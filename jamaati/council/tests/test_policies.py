"""A council is its collectivity's own: the secretariat roles (council secretary, signatory,
collectivity administrator) act only with a membership AT the council's collectivity; a
province's secretariat serves the provincial council, not the communes below. The governor's
office, the auditors and the DGCT still read from above."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.tenancy.models import Collectivity
from jamaati.council import selectors as sel
from jamaati.council.models import Petition, Session, Sitting
from jamaati.council.policies import is_secretariat_of
from jamaati.council.services.minutes import minutes_sign
from jamaati.council.services.petitions import petition_accept
from jamaati.council.services.sessions import session_close, session_plan
from jamaati.council.services.sittings import sitting_open
from jamaati.council.tests.factories import (
    DecisionFactory,
    PetitionFactory,
    SessionFactory,
    SittingFactory,
)
from jamaati.council.tests.test_sittings import attendance, bo_url, on_its_day, scheduled

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 11, 22, 10, 0))
SECRETARIAT_ROLES = [Role.COUNCIL_SECRETARY, Role.SIGNATORY, Role.COLLECTIVITY_ADMIN]


@pytest.fixture
def province(commune_a):
    """The province of Rehamna, above Ben Guerir."""
    return Collectivity.objects.get(pk=commune_a.parent_id)


@pytest.fixture
def province_secretary(province):
    """The secretariat of the provincial council of Rehamna (COUNCIL_SECRETARY at 07.427)."""
    return StaffFactory(collectivity=province, role=Role.COUNCIL_SECRETARY, password=None)


def oversight(province):
    """The governor's office at the province, an auditor and the DGCT at the country."""
    country = Collectivity.objects.get(code="MA")
    return [
        StaffFactory(collectivity=province, role=Role.SUPERVISOR, password=None),
        StaffFactory(collectivity=country, role=Role.AUDITOR, password=None),
        StaffFactory(collectivity=country, role=Role.NATIONAL_ADMIN, password=None),
    ]


# --- the rules ---


@pytest.mark.parametrize("role", SECRETARIAT_ROLES)
def test_province_secretariat_has_no_hand_on_a_communes_council(role, province, commune_a):
    actor = StaffFactory(collectivity=province, role=role, password=None)
    session = SessionFactory(collectivity=commune_a)
    sitting = SittingFactory(collectivity=commune_a, session=session)
    for action, obj in (
        ("council.view", session),
        ("council.manage", session),
        ("council.manage", commune_a),
        ("council.transmit", DecisionFactory(collectivity=commune_a)),
        ("council.sign_as_president", sitting),
        ("council.sign_as_secretary", sitting),
        ("council.governor", session),
    ):
        assert not is_allowed(actor, action, obj), (role, action)
        with pytest.raises(PermissionDenied):  # within reach: 403, not 404
            authorize(actor, action, obj)
    assert not is_secretariat_of(actor, commune_a)


@pytest.mark.parametrize("role", SECRETARIAT_ROLES)
def test_the_same_roles_at_the_commune_serve_its_council(role, commune_a):
    actor = StaffFactory(collectivity=commune_a, role=role, password=None)
    session = SessionFactory(collectivity=commune_a)
    assert is_allowed(actor, "council.view", session)
    assert is_allowed(actor, "council.manage", session)
    assert is_allowed(actor, "council.governor", session)
    assert is_secretariat_of(actor, commune_a)


def test_province_secretariat_serves_the_provincial_council(province_secretary, province):
    session = SessionFactory(collectivity=province)
    assert is_allowed(province_secretary, "council.manage", session)
    assert is_allowed(
        province_secretary,
        "council.sign_as_secretary",
        SittingFactory(collectivity=province, session=session),
    )
    assert is_secretariat_of(province_secretary, province)


def test_oversight_still_reads_from_above_and_manages_nothing(province, commune_a):
    session = SessionFactory(collectivity=commune_a)
    for actor in oversight(province):
        assert is_allowed(actor, "council.view", session), actor
        assert not is_allowed(actor, "council.manage", session), actor
        assert sel.session_get_for_staff(actor, session.pk, collectivity=commune_a) == session
        assert not is_secretariat_of(actor, commune_a)
    supervisor = oversight(province)[0]
    assert is_allowed(supervisor, "council.governor", session)
    assert is_allowed(supervisor, "council.supervise", DecisionFactory(collectivity=commune_a))


# --- through the services ---


def test_province_secretary_cannot_plan_open_or_close_a_communes_sessions(
    province_secretary, commune_a, council
):
    before = (Session.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PermissionDenied):
        session_plan(
            actor=province_secretary, collectivity=commune_a, opens_on=date(2027, 2, 1), now=NOW
        )
    assert (Session.objects.count(), AuditEvent.objects.count()) == before
    sitting = scheduled(commune_a)
    with pytest.raises(PermissionDenied):
        sitting_open(
            actor=province_secretary,
            sitting=sitting,
            presence=attendance(council, len(council)),
            now=on_its_day(sitting),
        )
    assert Sitting.objects.get(pk=sitting.pk).state == "scheduled"
    with pytest.raises(PermissionDenied):
        session_close(actor=province_secretary, session=sitting.session)
    assert Session.objects.get(pk=sitting.session_id).state == "convened"
    with pytest.raises(PermissionDenied):
        sel.session_get_for_staff(province_secretary, sitting.session_id, collectivity=commune_a)


def test_province_secretary_cannot_answer_a_communes_petition(province_secretary, commune_a):
    petition = PetitionFactory(collectivity=commune_a, state="filed")
    with pytest.raises(PermissionDenied):
        petition_accept(actor=province_secretary, petition=petition, now=NOW)
    assert Petition.objects.get(pk=petition.pk).state == "filed"
    with pytest.raises(PermissionDenied):
        sel.petitions_of(province_secretary, collectivity=commune_a)


def test_province_signatory_cannot_sign_a_communes_minutes(province, commune_a):
    signatory = StaffFactory(collectivity=province, role=Role.SIGNATORY, password=None)
    sitting = SittingFactory(collectivity=commune_a, state="closed")
    with pytest.raises(PermissionDenied):
        minutes_sign(actor=signatory, sitting=sitting, as_role="president")
    assert Sitting.objects.get(pk=sitting.pk).minutes_signed_by_president_at is None


def test_province_secretary_plans_the_provincial_councils_session(province_secretary, province):
    session = session_plan(
        actor=province_secretary, collectivity=province, opens_on=date(2027, 2, 1), now=NOW
    )
    assert session.collectivity == province


# --- through HTTP ---


def test_http_province_secretary_gets_403_on_a_communes_pages(
    province_secretary, commune_a, staff_client
):
    session = SessionFactory(collectivity=commune_a)
    sitting = SittingFactory(collectivity=commune_a, session=session)
    petition = PetitionFactory(collectivity=commune_a, state="filed")
    client = staff_client(province_secretary)
    for url in (
        bo_url("session-list", commune_a),
        bo_url("session-detail", commune_a, session_id=session.pk),
        bo_url("sitting-detail", commune_a, sitting_id=sitting.pk),
        bo_url("member-list", commune_a),
        bo_url("decision-list", commune_a),
        bo_url("petition-detail", commune_a, petition_id=petition.pk),
        bo_url("petition-list", commune_a),
        bo_url("petition-counter", commune_a),
        bo_url("extraordinaryrequest-list", commune_a),
        bo_url("session-create", commune_a),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        bo_url("session-act", commune_a, session_id=session.pk, action="close"),
        {"close-confirm": "on"},
    )
    assert response.status_code == 403
    assert Session.objects.get(pk=session.pk).state == "planned"
    response = client.post(
        bo_url("petition-act", commune_a, petition_id=petition.pk, action="accept"), {}
    )
    assert response.status_code == 403
    assert Petition.objects.get(pk=petition.pk).state == "filed"


def test_http_province_secretary_sees_only_the_provincial_council(
    province_secretary, province, commune_a, staff_client
):
    mine = DecisionFactory(collectivity=province)
    theirs = DecisionFactory(collectivity=commune_a)
    client = staff_client(province_secretary)
    assert client.get(bo_url("session-list", province)).status_code == 200
    response = client.get(bo_url("decision-list", province))
    assert response.status_code == 200
    numbers = [row["decision"].number for row in response.context["rows"]]
    assert mine.number in numbers
    assert theirs.number not in numbers


def test_http_oversight_reads_a_communes_pages(province, commune_a, client):
    from jamaati.accounts.tests.factories import verified_login

    session = SessionFactory(collectivity=commune_a)
    decision = DecisionFactory(collectivity=commune_a)
    for actor in oversight(province):
        verified_login(client, actor)
        assert client.get(bo_url("session-list", commune_a)).status_code == 200
        assert (
            client.get(bo_url("session-detail", commune_a, session_id=session.pk)).status_code
            == 200
        )
        response = client.get(bo_url("decision-detail", commune_a, decision_id=decision.pk))
        assert response.status_code == 200
        client.logout()


def test_province_secretary_does_not_file_at_a_communes_counter(
    province_secretary, secretary, commune_a, time_machine
):
    """The counter is the commune secretariat's: a province secretary files, if at all, as a
    person signed in (filed_by), never as the commune's counter."""
    from jamaati.council.services.petitions import petition_file

    time_machine.move_to(NOW, tick=False)
    fields = {
        "petitioner_kind": "citizens",
        "title": "Éclairage",
        "text": "Éclairer la rue.",
        "agent_name": "Y. Amrani",
        "signatures": 200,
        "now": NOW,
    }
    theirs = petition_file(actor=province_secretary, collectivity=commune_a, **fields)
    counter = petition_file(actor=secretary, collectivity=commune_a, **fields)
    assert (theirs.filed_by, counter.filed_by) == (province_secretary, None)
    flags = {
        e.object_id: e.changes["at_counter"]
        for e in AuditEvent.objects.filter(action="council.petition_file")
    }
    assert flags == {str(theirs.pk): False, str(counter.pk): True}
