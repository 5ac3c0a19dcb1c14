"""Registering births and deaths: the limits, the declarants' order, impossible dates, parents
by IDCS, and the audit; a refusal writes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.civil_status.models import Act, Person
from jamaati.civil_status.services import act_register_death, act_sign
from jamaati.civil_status.tests.conftest import birth_data, death_data, register_birth
from jamaati.civil_status.tests.factories import PersonFactory
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _codes(exc_info, field):
    return [e.code for e in exc_info.value.error_dict[field]]


def test_an_officer_registers_a_birth_as_a_draft_with_the_person(officer, office_a):
    act = register_birth(officer, office_a)
    assert act.state == "draft"
    assert act.number is None
    assert act.office == office_a
    person = act.person
    assert (person.first_name_lat, person.family_name_ar) == ("Youssef", "العمراني")
    assert person.first_name_tfng == "ⵢⵓⵙⵙⴼ"
    assert person.born_on == date(2026, 3, 2)
    assert person.born_on_hijri == "1447-09-13"
    assert person.idcs is None  # given at signature
    assert AuditEvent.objects.filter(
        action="civil_status.act_register", object_id=str(act.pk)
    ).exists()


def test_search_keys_meet_across_scripts(officer, office_a):
    person = register_birth(
        officer,
        office_a,
        first_name_ar="محمد",
        family_name_ar="بنعلي",
        first_name_lat="Mohamed",
        family_name_lat="Benali",
    ).person
    assert person.key_first == "mhmd"
    assert person.key_family == "binali"
    assert "mhmdbinali" in person.key_full.split()
    assert "binalimhmd" in person.key_full.split()
    assert "mohamed" in person.search_text


def test_the_president_is_officer_by_law(president, office_a):
    act = register_birth(president, office_a)
    signed = act_sign(actor=president, act=act)
    assert signed.signed_capacity == "president"


def test_a_birth_on_the_last_day_moved_off_a_holiday_is_on_time(officer, office_a):
    # Born 1 April 2026: day 30 is Friday 1 May (Labour Day), the limit is Monday 4 May.
    act = register_birth(officer, office_a, event_on="2026-04-01", on=date(2026, 5, 4))
    assert act.declared_on == date(2026, 5, 4)


def test_a_birth_declared_the_day_after_the_limit_is_refused(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, event_on="2026-04-01", on=date(2026, 5, 5))
    assert _codes(exc, "event_on") == ["late"]
    assert "2026-05-04" in exc.value.error_dict["event_on"][0].message
    assert "art. 41" in exc.value.error_dict["event_on"][0].message
    assert not Act.objects.exists()
    assert not Person.objects.exists()


def test_a_late_birth_with_its_authorisation_is_registered(officer, office_a):
    act = register_birth(
        officer,
        office_a,
        event_on="2025-01-10",
        on=date(2026, 3, 10),
        authorisation_reference="DGCT/EC/2026/118",
    )
    assert act.authorisation_reference == "DGCT/EC/2026/118"


def test_one_year_for_moroccans_abroad(officer, office_a):
    on_time = register_birth(
        officer, office_a, event_on="2025-05-01", is_abroad=True, on=date(2026, 5, 4)
    )
    assert on_time.is_abroad
    with pytest.raises(ValidationError) as exc:
        register_birth(
            officer, office_a, event_on="2025-05-01", is_abroad=True, on=date(2026, 5, 5)
        )
    assert _codes(exc, "event_on") == ["late"]
    with pytest.raises(ValidationError):
        register_birth(officer, office_a, event_on="2025-05-01", on=date(2026, 5, 4))


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "hier", "31/12/2025", 20260101])
def test_impossible_dates_are_refused(officer, office_a, value):
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, event_on=value)
    assert _codes(exc, "event_on") == ["date"]
    assert not Act.objects.exists()


def test_a_birth_after_the_declaration_or_before_1900_is_refused(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, event_on="2026-03-11", on=date(2026, 3, 10))
    assert _codes(exc, "event_on") == ["future"]
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, event_on="1899-12-31", authorisation_reference="X")
    assert _codes(exc, "event_on") == ["too_old"]


def test_all_errors_are_reported_at_once(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        register_birth(
            officer, office_a, first_name_ar="", sex="x", event_place="", declarant_name=""
        )
    assert {"first_name_ar", "sex", "event_place", "declarant_name"} <= set(exc.value.error_dict)


@pytest.mark.parametrize("bad", [["a"], {"x": 1}, "a\x00b", "x" * 101])
def test_malformed_names_are_refused(officer, office_a, bad):
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, first_name_lat=bad)
    assert "first_name_lat" in exc.value.error_dict


def test_the_mother_declares_as_the_father_does(officer, office_a):
    act = register_birth(officer, office_a, declarant_relation="mother")
    assert act.declarant_relation == "mother"


def test_a_later_declarant_must_say_why_the_parents_did_not(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, declarant_relation="brother")
    assert _codes(exc, "precedence_reason") == ["order"]
    act = register_birth(
        officer,
        office_a,
        declarant_relation="brother",
        precedence_reason="Le père est décédé, la mère est hospitalisée.",
    )
    assert act.precedence_reason.startswith("Le père")


@pytest.mark.parametrize("relation", ["spouse", "officer", "neighbour", "", ["father"], None])
def test_someone_outside_the_order_may_not_declare_a_birth(officer, office_a, relation):
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, declarant_relation=relation, precedence_reason="x" * 9)
    assert _codes(exc, "declarant_relation") == ["declarant"]


def test_parents_are_linked_by_their_idcs(officer, office_a):
    father = PersonFactory(
        first_name_lat="Ahmed", family_name_lat="El Amrani", born_on=date(1990, 1, 1)
    )
    act = register_birth(officer, office_a, father_idcs=father.idcs, father_name_lat="")
    assert act.person.father == father
    assert act.person.father_name_lat == "Ahmed El Amrani"


def test_an_unknown_or_malformed_parent_idcs_is_refused(officer, office_a):
    father = PersonFactory()
    wrong_check = father.idcs[:-1] + str((int(father.idcs[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, father_idcs=wrong_check)
    assert _codes(exc, "father_idcs") == ["idcs_invalid"]
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, mother_idcs="9999999999" + "9")
    assert exc.value.error_dict["mother_idcs"][0].code in {"idcs_unknown", "idcs_invalid"}
    assert not Act.objects.exists()


def test_a_parent_born_after_the_child_is_refused(officer, office_a):
    mother = PersonFactory(sex="f", born_on=date(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        register_birth(officer, office_a, mother_idcs=mother.idcs)
    assert _codes(exc, "mother_idcs") == ["idcs_unknown"]


def test_staff_who_are_not_officers_get_404(agent, office_a, citizen):
    for actor in (agent, citizen):
        with pytest.raises(Http404):
            register_birth(actor, office_a)
    assert not Act.objects.exists()


def test_an_officer_of_another_commune_may_not_register_here(officer_b, office_a):
    with pytest.raises(PermissionDenied):
        register_birth(officer_b, office_a)
    assert not Act.objects.exists()


# --- deaths -------------------------------------------------------------------------------------


def test_a_death_of_a_person_of_the_register_is_registered_and_noted(officer, office_a):
    birth = act_sign(actor=officer, act=register_birth(officer, office_a))
    person = birth.person
    death = act_register_death(
        actor=officer,
        office=office_a,
        data=death_data(subject_idcs=person.idcs, event_on="2026-03-05"),
        on=date(2026, 3, 10),
    )
    assert death.person == person
    signed = act_sign(actor=officer, act=death)
    person.refresh_from_db()
    assert person.died_on == date(2026, 3, 5)
    note = birth.notes.get()
    assert (note.kind, note.source, note.reference) == ("death", "office", signed.number)


def test_a_death_of_a_person_without_an_act_creates_the_person(officer, office_a):
    act = act_register_death(
        actor=officer, office=office_a, data=death_data(), on=date(2026, 3, 10)
    )
    assert act.person.born_on == date(1940, 1, 15)
    assert act.person.idcs is None
    assert act_sign(actor=officer, act=act).person.idcs is None  # an IDCS is given at birth


def test_a_death_before_the_birth_is_refused(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        act_register_death(
            actor=officer,
            office=office_a,
            data=death_data(born_on="2026-03-03"),
            on=date(2026, 3, 10),
        )
    assert _codes(exc, "event_on") == ["before_birth"]


def test_a_death_is_registered_once(officer, office_a):
    person = PersonFactory()
    data = death_data(subject_idcs=person.idcs)
    act_register_death(actor=officer, office=office_a, data=data, on=date(2026, 3, 10))
    with pytest.raises(ValidationError) as exc:
        act_register_death(actor=officer, office=office_a, data=data, on=date(2026, 3, 10))
    assert _codes(exc, "subject_idcs") == ["dup"]


def test_the_officer_records_a_death_ex_officio_within_sixty_days(officer, office_a):
    data = death_data(
        declarant_relation="officer",
        declarant_name="Officier de l'état civil",
        precedence_reason="Aucun proche ne s'est présenté dans les 30 jours.",
    )
    act = act_register_death(actor=officer, office=office_a, data=data, on=date(2026, 5, 4))
    assert act.declarant_relation == "officer"
    with pytest.raises(ValidationError) as exc:
        act_register_death(actor=officer, office=office_a, data=data, on=date(2026, 5, 5))
    assert _codes(exc, "event_on") == ["late"]


def test_relatives_have_thirty_days_for_a_death(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        act_register_death(actor=officer, office=office_a, data=death_data(), on=date(2026, 4, 2))
    assert _codes(exc, "event_on") == ["late"]


def test_the_officer_declares_only_when_the_relatives_failed(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        act_register_death(
            actor=officer,
            office=office_a,
            data=death_data(declarant_relation="officer"),
            on=date(2026, 3, 10),
        )
    assert _codes(exc, "precedence_reason") == ["order"]


def test_an_unknown_deceased_idcs_is_refused(officer, office_a):
    with pytest.raises(ValidationError) as exc:
        act_register_death(
            actor=officer,
            office=office_a,
            data=death_data(subject_idcs="12345678901"),
            on=date(2026, 3, 10),
        )
    assert exc.value.error_dict["subject_idcs"][0].code in {"idcs_unknown", "idcs_invalid"}


def test_birth_data_is_complete():
    assert birth_data()["declarant_relation"] == "father"
