"""The fixes of the civil-status review: who learns what from the register through a
pre-declaration, who may claim the longer limits, a death registered once, who is an officer,
deletes refused whatever the path, the day clocks start and stop, no step in the future, and
the dates and sexes of the persons named."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.civil_status.models import (
    Act,
    ImmutableRecordError,
    MarginalNote,
    Person,
    PreDeclaration,
)
from jamaati.civil_status.selectors import act_get_for_officer, person_get_by_idcs
from jamaati.civil_status.services import (
    act_register_birth,
    act_register_death,
    act_sign,
    note_add,
    predeclaration_authorise,
    predeclaration_file,
    predeclaration_verify,
)
from jamaati.civil_status.tests.conftest import (
    birth_data,
    death_data,
    register_birth,
    signed_birth,
)
from jamaati.civil_status.tests.factories import (
    ActFactory,
    MarginalNoteFactory,
    OfficeFactory,
    PersonFactory,
)
from jamaati.core.access.roles import Role
from jamaati.core.deadlines.models import Deadline
from jamaati.core.tenancy.models import COUNTRY_CODE, Collectivity

pytestmark = pytest.mark.django_db

GENERIC = "This IDCS does not match a person of the register who can be named here."


def _file(actor, office, *, on=date(2026, 3, 10), facility=None, kind="birth", **overrides):
    data = birth_data(**overrides) if kind == "birth" else death_data(**overrides)
    return predeclaration_file(
        actor=actor, office=office, kind=kind, data=data, facility=facility, on=on
    )


def _codes(exc, field):
    return [e.code for e in exc.value.error_dict[field]]


def _messages(exc, field):
    return [m for e in exc.value.error_dict[field] for m in e.messages]


# --- 1. a filer learns nothing from the register; authorised first ----------------------


def test_a_filer_is_authorised_before_the_declaration_is_read(citizen, hospital, office_a):
    for actor, facility in ((citizen, hospital), (AnonymousUser(), None)):
        for data in ({}, {"subject_idcs": "12345678901"}, "junk"):
            with pytest.raises(PermissionDenied):
                predeclaration_file(
                    actor=actor, office=office_a, kind="death", data=data, facility=facility
                )
        with pytest.raises(PermissionDenied):
            predeclaration_file(
                actor=actor, office=office_a, kind="nonsense", data={}, facility=facility
            )
    assert not PreDeclaration.objects.exists()


def test_a_citizen_learns_nothing_of_a_deceased_by_idcs(citizen, office_a):
    dead = PersonFactory(died_on=date(2025, 1, 1), sex="m", first_name_lat="Hidden")
    pre = _file(citizen, office_a, kind="death", subject_idcs=dead.idcs)
    assert pre.subject is None
    assert pre.subject_idcs == dead.idcs
    assert (pre.first_name_lat, pre.sex, pre.born_on) == ("Aicha", "f", date(1940, 1, 15))
    unknown = PersonFactory.build().idcs  # well-formed, in no row
    other = _file(citizen, office_a, kind="death", subject_idcs=unknown)
    assert (other.subject, other.subject_idcs) == (None, unknown)


def test_a_facility_learns_nothing_of_a_parent_by_idcs(hospital_account, hospital, office_a):
    younger = PersonFactory(sex="f", born_on=date(2026, 3, 5))
    pre = _file(hospital_account, office_a, facility=hospital, mother_idcs=younger.idcs)
    assert (pre.mother, pre.mother_idcs) == (None, younger.idcs)
    assert pre.mother_name_lat == "Meryem Bennani"  # as typed, not the register's


def test_a_malformed_idcs_is_still_refused_to_a_filer(citizen, office_a):
    with pytest.raises(ValidationError) as exc:
        _file(citizen, office_a, father_idcs="12345")
    assert _codes(exc, "father_idcs") == ["idcs_invalid"]


def test_the_officer_resolves_the_typed_idcs_at_verification(citizen, office_a, officer):
    father = PersonFactory(sex="m", born_on=date(1990, 1, 1))
    pre = _file(citizen, office_a, father_idcs=father.idcs, father_name_lat="typed")
    assert pre.father is None
    pre = predeclaration_verify(actor=officer, predeclaration=pre)
    assert pre.father == father
    assert pre.father_name_lat == "Mohamed Benali"
    act = act_register_birth(actor=officer, predeclaration=pre)
    assert act.person.father == father


def test_an_unknown_or_unfit_idcs_gets_one_message_at_verification(citizen, office_a, officer):
    unknown = PersonFactory.build().idcs
    younger = PersonFactory(sex="m", born_on=date(2026, 3, 5))
    woman = PersonFactory(sex="f", born_on=date(1990, 1, 1))
    seen = set()
    for idcs in (unknown, younger.idcs, woman.idcs):
        pre = _file(citizen, office_a, father_idcs=idcs)
        with pytest.raises(ValidationError) as exc:
            predeclaration_verify(actor=officer, predeclaration=pre)
        assert _codes(exc, "father_idcs") == ["idcs_unknown"]
        seen.update(_messages(exc, "father_idcs"))
        pre.refresh_from_db()
        assert (pre.state, pre.father) == ("filed", None)
    assert seen == {GENERIC}


def test_a_dead_subject_is_found_by_the_officer_at_verification(citizen, office_a, officer):
    dead = PersonFactory(died_on=date(2025, 1, 1))
    pre = _file(citizen, office_a, kind="death", subject_idcs=dead.idcs)
    with pytest.raises(ValidationError) as exc:
        predeclaration_verify(actor=officer, predeclaration=pre)
    assert _codes(exc, "subject_idcs") == ["dead"]


# --- 2. the longer limits are not the filer's to claim -----------------------------------


@pytest.mark.parametrize(
    ("kind", "relation"),
    [("death", "officer"), ("death", "local_authority"), ("birth", "prosecutor")],
)
def test_a_filer_may_not_declare_as_an_authority(citizen, office_a, kind, relation):
    with pytest.raises(ValidationError) as exc:
        _file(
            citizen,
            office_a,
            kind=kind,
            declarant_relation=relation,
            precedence_reason="Personne d'autre",
        )
    assert _codes(exc, "declarant_relation") == ["official"]
    assert not PreDeclaration.objects.exists()


def test_the_officer_may_at_the_counter(officer, office_a):
    pre = _file(
        officer,
        office_a,
        kind="death",
        declarant_relation="officer",
        precedence_reason="Aucun parent ne s'est présenté",
        event_on="2026-01-20",
    )
    assert (pre.source, pre.declarant_relation, pre.is_late) == ("counter", "officer", False)


def test_abroad_is_not_the_filer_s_to_claim_at_a_commune(
    citizen, hospital, hospital_account, office_a
):
    late = {"event_on": "2025-12-01", "is_abroad": True}
    pre = _file(citizen, office_a, **late)
    assert (pre.is_abroad, pre.is_late, pre.state) == (False, True, "held")
    pre = _file(hospital_account, office_a, facility=hospital, **late)
    assert (pre.is_abroad, pre.is_late, pre.state) == (False, True, "held")


def test_abroad_at_a_consulate_and_by_the_officer(
    citizen, officer, office_a, hospital, hospital_account
):
    country = Collectivity.objects.get(code=COUNTRY_CODE)
    consulate = OfficeFactory(collectivity=country, kind="consulate", code="CONS.PARIS")
    pre = _file(citizen, consulate, event_on="2025-12-01", is_abroad=True)
    assert (pre.is_abroad, pre.is_late, pre.state) == (True, False, "filed")
    # A facility never declares abroad, even to a consulate.
    pre = _file(hospital_account, consulate, facility=hospital, is_abroad=True)
    assert pre.is_abroad is False
    # The officer sets it at verification.
    pre = _file(citizen, office_a, event_on="2026-03-01", is_abroad=True)
    assert pre.is_abroad is False
    pre = predeclaration_verify(actor=officer, predeclaration=pre, data={"is_abroad": True})
    assert pre.is_abroad is True


# --- 3. a death is registered once --------------------------------------------------------


def test_a_second_death_act_is_not_signed(officer, office_a):
    person = PersonFactory()
    first = ActFactory(office=office_a, kind="death", person=person, event_on=date(2026, 3, 1))
    second = ActFactory(office=office_a, kind="death", person=person, event_on=date(2026, 3, 2))
    act_sign(actor=officer, act=first)
    with pytest.raises(ValidationError) as exc:
        act_sign(actor=officer, act=second)
    assert _codes(exc, "subject_idcs") == ["dead"]
    second.refresh_from_db()
    assert second.state == "draft"
    assert second.number is None
    assert Act.objects.filter(kind="death", state="signed").count() == 1


def test_a_death_act_of_a_person_already_dead_is_not_signed(officer, office_a):
    person = PersonFactory(died_on=date(2026, 1, 5))
    draft = ActFactory(office=office_a, kind="death", person=person, event_on=date(2026, 3, 1))
    with pytest.raises(ValidationError):
        act_sign(actor=officer, act=draft)
    person.refresh_from_db()
    assert person.died_on == date(2026, 1, 5)


def test_a_verified_death_is_not_registered_once_the_death_is_signed(citizen, office_a, officer):
    person = PersonFactory(born_on=date(1950, 1, 1))
    pre = _file(citizen, office_a, kind="death", subject_idcs=person.idcs)
    pre = predeclaration_verify(actor=officer, predeclaration=pre)
    direct = ActFactory(office=office_a, kind="death", person=person, event_on=date(2026, 3, 2))
    act_sign(actor=officer, act=direct)
    with pytest.raises(ValidationError) as exc:
        act_register_death(actor=officer, predeclaration=pre)
    assert _codes(exc, "subject_idcs") == ["dead"]
    assert Act.objects.filter(person=person).count() == 1


# --- 4. an officer is an officer at an office ---------------------------------------------


def test_a_region_or_province_president_does_not_read_the_register(commune_a, officer, office_a):
    act = signed_birth(officer, office_a)
    province = Collectivity.objects.get(pk=commune_a.parent_id)
    region = Collectivity.objects.get(pk=province.parent_id)
    for node in (province, region):
        president = StaffFactory(collectivity=node, role=Role.SIGNATORY, password=None)
        with pytest.raises(Http404):
            act_get_for_officer(president, act.pk, reason="Curiosité")
        with pytest.raises(Http404):
            person_get_by_idcs(president, act.person.idcs)
    assert not act.consultations.exists()


def test_a_commune_president_and_officers_of_other_offices_read_it(
    commune_b, officer, office_a, office_b, president
):
    act = signed_birth(officer, office_a)
    fes_president = StaffFactory(collectivity=commune_b, role=Role.SIGNATORY, password=None)
    for reader in (president, fes_president):
        assert act_get_for_officer(reader, act.number, reason="Extrait demandé") == act


def test_an_officer_of_a_closed_office_does_not_read_it(officer, office_a, officer_b, office_b):
    act = signed_birth(officer, office_a)
    office_b.is_active = False
    office_b.save()
    with pytest.raises(Http404):
        act_get_for_officer(officer_b, act.pk, reason="Extrait demandé")


# --- 5. no delete of a signed act or a note, whatever the path -----------------------------


def test_a_queryset_delete_refuses_signed_acts_and_notes(officer, office_a):
    act = signed_birth(officer, office_a)
    note = MarginalNoteFactory(act=act, recorded_by=officer)
    with pytest.raises(ImmutableRecordError), transaction.atomic():
        MarginalNote.objects.filter(pk=note.pk).delete()
    assert MarginalNote.objects.filter(pk=note.pk).exists()
    other = signed_birth(officer, office_a, first_name_lat="Omar")
    with pytest.raises(ImmutableRecordError), transaction.atomic():
        Act.objects.filter(pk=other.pk).delete()
    assert Act.objects.filter(pk=other.pk, state="signed").exists()


def test_a_draft_may_still_be_deleted(officer, office_a):
    draft = register_birth(officer, office_a)
    Act.objects.filter(pk=draft.pk).delete()
    assert not Act.objects.filter(pk=draft.pk).exists()


# --- 6. the authorisation clock runs from the declaration to the authorisation --------------


def test_the_clock_starts_on_the_declaration_day_and_stops_on_the_authorisation(
    citizen, office_a, officer, time_machine
):
    time_machine.move_to(datetime(2026, 3, 20, 10, tzinfo=UTC), tick=False)
    pre = _file(citizen, office_a, event_on="2026-01-02", on=date(2026, 3, 10))
    clock = Deadline.objects.of(pre).get(kind="authorisation")
    assert clock.starts_on <= date(2026, 3, 11)
    assert clock.due_on == date(2026, 5, 11)  # 60 days from the 10th, not from the 20th
    time_machine.move_to(datetime(2026, 4, 10, 10, tzinfo=UTC), tick=False)
    predeclaration_authorise(
        actor=officer,
        predeclaration=pre,
        reference="DGCT/EC/2026/9",
        authorised_on="2026-04-01",
    )
    clock.refresh_from_db()
    assert clock.stopped_on == date(2026, 4, 1)


# --- 7. no step in the future ---------------------------------------------------------------


def test_no_step_is_dated_in_the_future(citizen, officer, office_a, time_machine):
    time_machine.move_to(datetime(2026, 3, 20, 10, tzinfo=UTC), tick=False)
    tomorrow = date(2026, 3, 21)
    with pytest.raises(ValidationError) as exc:
        _file(citizen, office_a, on=tomorrow, event_on="2026-03-21")
    assert _codes(exc, "on") == ["future"]
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, on=tomorrow)
    assert _codes(exc, "on") == ["future"]
    held = _file(citizen, office_a, event_on="2026-01-02", on=date(2026, 3, 10))
    with pytest.raises(ValidationError) as exc:
        predeclaration_authorise(
            actor=officer,
            predeclaration=held,
            reference="DGCT/1",
            authorised_on="2026-03-21",
            on=tomorrow,
        )
    assert _codes(exc, "on") == ["future"]
    act = signed_birth(officer, office_a, on=date(2026, 3, 10))
    with pytest.raises(ValidationError) as exc:
        note_add(
            actor=officer,
            act=act,
            kind="marriage",
            source="court",
            source_name="TPI Marrakech",
            reference="R-1",
            noted_on="2026-03-21",
            on=tomorrow,
        )
    assert _codes(exc, "on") == ["future"]
    assert not Act.objects.filter(state="draft").exists()
    assert PreDeclaration.objects.count() == 1


# --- 8. dates and sexes of the persons named -----------------------------------------------


@pytest.mark.parametrize(("born_on", "code"), [("1890-05-01", "too_old"), ("2026-03-12", "future")])
def test_the_deceased_s_birth_is_checked_like_any_date(officer, office_a, born_on, code):
    with pytest.raises(ValidationError) as exc:
        act_register_death(
            actor=officer,
            office=office_a,
            data=death_data(born_on=born_on, event_on="1895-01-01"),
            on=date(2026, 3, 10),
        )
    assert code in _codes(exc, "born_on")
    assert not Person.objects.exists()


def test_a_father_is_a_man_a_mother_a_woman(officer, office_a):
    man = PersonFactory(sex="m", born_on=date(1990, 1, 1))
    woman = PersonFactory(sex="f", born_on=date(1992, 1, 1))
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, father_idcs=woman.idcs, mother_idcs=man.idcs)
    assert _codes(exc, "father_idcs") == ["idcs_unknown"]
    assert _codes(exc, "mother_idcs") == ["idcs_unknown"]
    act = register_birth(officer, office_a, father_idcs=man.idcs, mother_idcs=woman.idcs)
    assert (act.person.father, act.person.mother) == (man, woman)


def test_the_parents_are_two_persons(officer, office_a, citizen):
    man = PersonFactory(sex="m", born_on=date(1990, 1, 1))
    for actor in (officer, citizen):
        with pytest.raises(ValidationError) as exc:
            _file(actor, office_a, father_idcs=man.idcs, mother_idcs=man.idcs)
        assert "same" in _codes(exc, "mother_idcs")
