"""National read, local write: any officer consults any act (logged with who and why); anyone
else gets 404, as for a missing act; IDCS look-ups answer 404 when malformed or unknown."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.civil_status.models import Consultation, Office
from jamaati.civil_status.selectors import (
    act_get_for_officer,
    acts_of_person,
    consultations_of,
    notes_of,
    office_of_officer,
    person_get_by_idcs,
)
from jamaati.civil_status.services import act_consult, offices_sync
from jamaati.civil_status.tests.conftest import signed_birth
from jamaati.civil_status.tests.factories import (
    ActFactory,
    ConsultationFactory,
    MarginalNoteFactory,
    PersonFactory,
    PreDeclarationFactory,
)
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_officer_of_another_commune_consults_and_it_is_logged(officer, office_a, officer_b):
    act = signed_birth(officer, office_a)
    found = act_get_for_officer(officer_b, act.number, reason="Demande d'extrait à Fès")
    assert found == act
    log = Consultation.objects.get()
    assert (log.officer, log.act, log.reason) == (officer_b, act, "Demande d'extrait à Fès")
    assert log.collectivity == office_a.collectivity
    event = AuditEvent.objects.get(action="civil_status.act_consult")
    assert event.collectivity == office_a.collectivity
    assert event.actor_id == officer_b.pk
    assert list(consultations_of(officer, act)) == [log]
    with pytest.raises(Http404):
        consultations_of(officer_b, act)


def test_a_consultation_needs_a_reason(officer, office_a):
    act = signed_birth(officer, office_a)
    for reason in ("", "  ", None, ["x"]):
        with pytest.raises(ValidationError):
            act_get_for_officer(officer, act.pk, reason=reason)
    assert not Consultation.objects.exists()


def test_the_president_consults_too(president, officer, office_a):
    act = signed_birth(officer, office_a)
    assert act_get_for_officer(president, str(act.pk), reason="Contrôle du registre") == act


def test_non_officers_get_404_as_for_a_missing_act(officer, office_a, agent, citizen):
    act = signed_birth(officer, office_a)
    supervisor = StaffFactory(collectivity=office_a.collectivity, role=Role.SUPERVISOR)
    for actor in (agent, citizen, supervisor):
        with pytest.raises(Http404):
            act_get_for_officer(actor, act.number, reason="curiosité")
        with pytest.raises(Http404):
            act_consult(actor=actor, act=act, reason="curiosité")
        with pytest.raises(Http404):
            person_get_by_idcs(actor, act.person.idcs)
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("key", [999999, "999999", "1/XX/2026", "", None, "x" * 50, ["1"], True])
def test_missing_or_malformed_act_keys_answer_404(officer, key):
    with pytest.raises(Http404):
        act_get_for_officer(officer, key, reason="Demande d'extrait")


def test_person_by_idcs_for_any_officer(officer, office_a, officer_b):
    act = signed_birth(officer, office_a)
    value = act.person.idcs
    assert person_get_by_idcs(officer_b, value) == act.person
    assert person_get_by_idcs(officer_b, f" {value[:4]} {value[4:]} ") == act.person
    assert list(acts_of_person(officer_b, act.person)) == [act]


@pytest.mark.parametrize("value", ["", "abc", "12345678901", "00000000000", None, 5, "1" * 40])
def test_malformed_or_unknown_idcs_answer_404(officer, value):
    PersonFactory()
    with pytest.raises(Http404):
        person_get_by_idcs(officer, value)


def test_an_unknown_but_well_formed_idcs_answers_404(officer):
    from jamaati.civil_status import idcs

    with pytest.raises(Http404):
        person_get_by_idcs(officer, idcs.make("9876543210"))


def test_notes_are_read_nationally(officer_b):
    note = MarginalNoteFactory()
    assert list(notes_of(officer_b, note.act)) == [note]


def test_office_of_officer(officer, office_a, agent):
    assert office_of_officer(officer) == office_a
    assert office_of_officer(agent) is None


def test_factories_build_every_model(commune_b):
    act = ActFactory(signed=True)
    assert act.number.endswith("/2026")
    assert PreDeclarationFactory().state == "filed"
    assert ConsultationFactory().act.is_signed
    assert ActFactory(office__collectivity=commune_b).collectivity == commune_b


def test_offices_are_opened_for_every_commune_and_arrondissement(territory):
    admin = StaffFactory(collectivity=territory.get(code="MA"), role=Role.NATIONAL_ADMIN)
    opened = offices_sync(actor=admin)
    expected = territory.filter(kind__in=["commune", "arrondissement"]).count()
    assert opened == expected == Office.objects.count()
    assert Office.objects.filter(kind="arrondissement").exists()
    assert offices_sync(actor=admin) == 0
    bg = Office.objects.get(code="07.427.01.01")
    assert (bg.kind, bg.collectivity.code) == ("commune", "07.427.01.01")


def test_only_the_national_administration_opens_offices(officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises((Http404, PermissionDenied)):
        offices_sync(actor=officer)
    assert not Office.objects.exists()
