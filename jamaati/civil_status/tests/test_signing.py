"""Signing: the act number (yearly sequence of the office, office code, year), gap-free and
without duplicates even under concurrent registration; the IDCS; and immutability, through
the service, the model and the database."""

import threading
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import Http404

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.civil_status import idcs
from jamaati.civil_status.models import Act, ImmutableRecordError
from jamaati.civil_status.services import act_sign
from jamaati.civil_status.tests.conftest import register_birth, signed_birth
from jamaati.civil_status.tests.factories import OfficeFactory
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_signing_numbers_the_act_and_gives_an_idcs(officer, office_a):
    act = signed_birth(officer, office_a)
    year = act.signed_at.astimezone(UTC).year
    assert act.state == "signed"
    assert (act.sequence, act.year) == (1, year)
    assert act.number == f"1/07.427.01.01/{year}"
    assert act.signed_by == officer
    assert act.signed_capacity == "officer"
    assert idcs.is_valid(act.person.idcs)
    assert act.content["idcs"] == act.person.idcs
    assert act.content["names"]["first_name_ar"] == "يوسف"
    assert act.content["born_on_hijri"] == "1447-09-13"
    assert act.content_sha256 == Act.digest(act.content)
    assert AuditEvent.objects.filter(action="civil_status_act.sign", object_id=str(act.pk))
    assert verify_chain(office_a.collectivity) is None


def test_numbers_follow_each_other_per_office_and_restart_each_year(
    officer, office_a, officer_b, office_b, time_machine
):
    time_machine.move_to(datetime(2026, 12, 31, 10, tzinfo=UTC), tick=False)
    first = signed_birth(officer, office_a, on=date(2026, 12, 31), event_on="2026-12-30")
    second = signed_birth(officer, office_a, on=date(2026, 12, 31), event_on="2026-12-30")
    other = signed_birth(officer_b, office_b, on=date(2026, 12, 31), event_on="2026-12-30")
    assert [first.number, second.number] == ["1/07.427.01.01/2026", "2/07.427.01.01/2026"]
    assert other.number == "1/03.231.01.0/2026"
    time_machine.move_to(datetime(2027, 1, 4, 10, tzinfo=UTC), tick=False)
    assert signed_birth(officer, office_a, on=date(2027, 1, 4), event_on="2026-12-30").number == (
        "1/07.427.01.01/2027"
    )


def test_an_unsigned_draft_takes_no_number_so_there_is_no_gap(officer, office_a):
    first = signed_birth(officer, office_a)
    register_birth(officer, office_a)  # a draft never signed
    third = signed_birth(officer, office_a)
    assert (first.sequence, third.sequence) == (1, 2)


def test_a_failed_signature_gives_its_number_back(officer, office_a):
    act = register_birth(officer, office_a)

    def failed_signature():
        with transaction.atomic():
            act_sign(actor=officer, act=act)
            raise RuntimeError("the signature device failed")

    with pytest.raises(RuntimeError):
        failed_signature()
    act.refresh_from_db()
    assert act.state == "draft"
    assert act_sign(actor=officer, act=act).sequence == 1


def test_an_act_is_signed_once(officer, office_a):
    act = signed_birth(officer, office_a)
    with pytest.raises(ValidationError) as exc:
        act_sign(actor=officer, act=act)
    assert exc.value.error_dict["__all__"][0].code == "signed"


def test_only_an_officer_of_the_office_signs(officer, officer_b, agent, office_a):
    act = register_birth(officer, office_a)
    with pytest.raises(PermissionDenied):
        act_sign(actor=officer_b, act=act)
    with pytest.raises(Http404):
        act_sign(actor=agent, act=act)
    act.refresh_from_db()
    assert act.state == "draft"


def test_a_delegated_officer_of_an_arrondissement_signs_there(territory):
    arrondissement = territory.filter(kind="arrondissement").order_by("code").first()
    office = OfficeFactory(collectivity=arrondissement, kind="arrondissement")
    officer = StaffFactory(collectivity=arrondissement, role=Role.CIVIL_STATUS_OFFICER)
    act = signed_birth(officer, office)
    assert act.number.startswith(f"1/{arrondissement.code}/")


def test_a_province_officer_is_not_the_office_of_its_communes(commune_a, office_a, officer):
    province = type(commune_a).objects.get(pk=commune_a.parent_id)
    provincial = StaffFactory(collectivity=province, role=Role.CIVIL_STATUS_OFFICER)
    # No office at a province: its officer role is no officer at all (404, as for anyone).
    with pytest.raises(Http404):
        register_birth(provincial, office_a)


# --- immutability ---------------------------------------------------------------------------


def test_a_signed_act_cannot_be_saved_changed_through_the_model(officer, office_a):
    act = signed_birth(officer, office_a)
    act.event_place = "Marrakech"
    with pytest.raises(ImmutableRecordError):
        act.save()
    with pytest.raises(ImmutableRecordError):
        act.delete()
    act.refresh_from_db()
    assert act.event_place == "Ben Guerir"


def test_the_database_refuses_to_update_a_signed_act(officer, office_a):
    act = signed_birth(officer, office_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        Act.objects.filter(pk=act.pk).update(event_place="Marrakech")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Act._meta.db_table} SET state = 'draft' WHERE id = %s", [act.pk])
    act.refresh_from_db()
    assert (act.state, act.event_place) == ("signed", "Ben Guerir")


def test_a_draft_may_still_be_corrected(officer, office_a):
    act = register_birth(officer, office_a)
    Act.objects.filter(pk=act.pk).update(event_place="Hôpital de Ben Guerir")
    act.refresh_from_db()
    act.event_place = "Ben Guerir"
    act.save()
    act.refresh_from_db()
    assert act.event_place == "Ben Guerir"


# --- concurrency ------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_gap_free_numbers(territory):
    """Four officers of one office register and sign at once, each on its own connection.

    On PostgreSQL the counter row's lock serialises the numbering while the rest runs in
    parallel; on SQLite (IMMEDIATE transactions) writers queue for the database lock. Either
    way the numbers are 1..N, none twice, none missing."""
    commune = territory.get(code="07.427.01.01")
    office = OfficeFactory(collectivity=commune)
    officers = [
        StaffFactory(collectivity=commune, role=Role.CIVIL_STATUS_OFFICER, password=None)
        for _ in range(4)
    ]
    per_thread = 5
    barrier = threading.Barrier(len(officers))
    errors = []

    def work(officer):
        try:
            barrier.wait()
            for _ in range(per_thread):
                signed_birth(officer, office)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in officers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    sequences = sorted(Act.objects.filter(office=office).values_list("sequence", flat=True))
    total = len(officers) * per_thread
    assert sequences == list(range(1, total + 1))
    assert Act.objects.filter(office=office).values("number").distinct().count() == total
    persons = Act.objects.filter(office=office).values_list("person__idcs", flat=True)
    assert len(set(persons)) == total
    assert verify_chain(commune) is None
