"""Pre-declarations: by a hospital account, a citizen or at the counter; verified, completed
and registered by an officer; late ones held for the central authorisation."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.civil_status.models import PreDeclaration
from jamaati.civil_status.selectors import predeclaration_get_for, predeclaration_queue_for
from jamaati.civil_status.services import (
    act_register_birth,
    act_sign,
    predeclaration_authorise,
    predeclaration_file,
    predeclaration_reject,
    predeclaration_verify,
)
from jamaati.civil_status.tests.conftest import birth_data, death_data
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.selectors import deadline_open_of

pytestmark = pytest.mark.django_db


def _file(actor, office, *, on=date(2026, 3, 10), facility=None, kind="birth", **overrides):
    data = birth_data(**overrides) if kind == "birth" else death_data(**overrides)
    return predeclaration_file(
        actor=actor, office=office, kind=kind, data=data, facility=facility, on=on
    )


def test_a_hospital_account_pre_declares_a_birth(hospital_account, hospital, office_a):
    pre = _file(hospital_account, office_a, facility=hospital)
    assert (pre.state, pre.source, pre.facility) == ("filed", "facility", hospital)
    assert pre.filed_on == date(2026, 3, 10)
    assert AuditEvent.objects.filter(action="civil_status.predeclaration_file").count() == 1


def test_an_account_of_another_facility_may_not_file_for_it(citizen, hospital, office_a):
    with pytest.raises(PermissionDenied):
        _file(citizen, office_a, facility=hospital)
    assert not PreDeclaration.objects.exists()


def test_a_citizen_pre_declares_online_and_follows_it(citizen, office_a, officer):
    pre = _file(citizen, office_a)
    assert pre.source == "citizen"
    assert predeclaration_get_for(citizen, pre.pk) == pre
    assert predeclaration_get_for(officer, str(pre.pk)) == pre


def test_others_get_404_for_a_pre_declaration(citizen, office_a, officer_b, agent):
    pre = _file(citizen, office_a)
    other = type(citizen).objects.create(username="autre")
    for actor in (other, officer_b, agent):
        with pytest.raises(Http404):
            predeclaration_get_for(actor, pre.pk)
    for bad in ("x", None, "1e3", [1]):
        with pytest.raises(Http404):
            predeclaration_get_for(officer_b, bad)


def test_anonymous_may_not_file(office_a):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        _file(AnonymousUser(), office_a)


def test_an_officer_files_at_the_counter(officer, office_a):
    assert _file(officer, office_a).source == "counter"


def test_verify_complete_register_and_sign(hospital_account, hospital, office_a, officer):
    pre = _file(hospital_account, office_a, facility=hospital, first_name_lat="Youcef")
    pre = predeclaration_verify(
        actor=officer, predeclaration=pre, data={"first_name_lat": "Youssef"}
    )
    assert pre.state == "verified"
    assert pre.first_name_lat == "Youssef"
    assert AuditEvent.objects.filter(action="civil_status.predeclaration_complete").exists()
    act = act_register_birth(actor=officer, predeclaration=pre)
    pre.refresh_from_db()
    assert (pre.state, pre.act) == ("registered", act)
    assert act.declared_on == date(2026, 3, 10)  # the day the hospital declared
    assert act.person.first_name_lat == "Youssef"
    assert act_sign(actor=officer, act=act).number.startswith("1/07.427.01.01/")


def test_a_pre_declaration_filed_in_time_stays_in_time_when_verified_later(
    citizen, office_a, officer
):
    pre = _file(citizen, office_a, event_on="2026-03-02", on=date(2026, 4, 1))
    assert not pre.is_late
    pre = predeclaration_verify(actor=officer, predeclaration=pre)
    assert act_register_birth(actor=officer, predeclaration=pre).declared_on == date(2026, 4, 1)


def test_only_a_verified_pre_declaration_is_registered(citizen, office_a, officer):
    pre = _file(citizen, office_a)
    with pytest.raises(ValidationError) as exc:
        act_register_birth(actor=officer, predeclaration=pre)
    assert exc.value.error_dict["__all__"][0].code == "not_verified"


def test_a_late_pre_declaration_is_held_with_its_authorisation_clock(
    citizen, office_a, officer, time_machine
):
    time_machine.move_to(datetime(2026, 3, 10, 10, tzinfo=UTC), tick=False)
    pre = _file(citizen, office_a, event_on="2026-01-02", on=date(2026, 3, 10))
    assert (pre.state, pre.is_late) == ("held", True)
    clock = deadline_open_of(pre, "authorisation")
    assert clock.legal_basis.endswith("art. 41")
    assert clock.due_on == date(2026, 5, 11)  # 60 days: Saturday 9 May, moved to Monday
    with pytest.raises(ValidationError) as exc:
        predeclaration_verify(actor=officer, predeclaration=pre)
    assert exc.value.error_dict["__all__"][0].code == "held"
    with pytest.raises(ValidationError) as exc:
        act_register_birth(actor=officer, predeclaration=pre)
    assert exc.value.error_dict["__all__"][0].code == "not_verified"
    time_machine.move_to(datetime(2026, 4, 2, 10, tzinfo=UTC), tick=False)
    pre = predeclaration_authorise(
        actor=officer,
        predeclaration=pre,
        reference="DGCT/EC/2026/7",
        authorised_on="2026-04-01",
        on=date(2026, 4, 2),
    )
    assert pre.state == "filed"
    assert deadline_open_of(pre, "authorisation") is None
    pre = predeclaration_verify(actor=officer, predeclaration=pre)
    act = act_register_birth(actor=officer, predeclaration=pre)
    assert act.authorisation_reference == "DGCT/EC/2026/7"


def test_an_authorisation_needs_a_reference_and_a_sensible_date(citizen, office_a, officer):
    pre = _file(citizen, office_a, event_on="2026-01-02", on=date(2026, 3, 10))
    with pytest.raises(ValidationError) as exc:
        predeclaration_authorise(
            actor=officer, predeclaration=pre, reference="", authorised_on="2026-03-01"
        )
    assert {"reference", "authorised_on"} <= set(exc.value.error_dict)
    pre.refresh_from_db()
    assert pre.state == "held"
    pre = predeclaration_authorise(
        actor=officer, predeclaration=pre, reference="DGCT/1", authorised_on=pre.filed_on
    )
    with pytest.raises(ValidationError):
        predeclaration_authorise(
            actor=officer, predeclaration=pre, reference="DGCT/1", authorised_on=pre.filed_on
        )


def test_a_pre_declaration_is_rejected_with_a_reason(citizen, office_a, officer):
    pre = _file(citizen, office_a)
    with pytest.raises(ValidationError):
        predeclaration_reject(actor=officer, predeclaration=pre, reason="")
    pre = predeclaration_reject(actor=officer, predeclaration=pre, reason="Déclaration en double.")
    assert pre.state == "rejected"


def test_an_officer_of_another_office_may_not_verify(citizen, office_a, officer_b):
    pre = _file(citizen, office_a)
    with pytest.raises(PermissionDenied):
        predeclaration_verify(actor=officer_b, predeclaration=pre)
    pre.refresh_from_db()
    assert pre.state == "filed"


def test_the_filer_may_not_verify(citizen, office_a):
    pre = _file(citizen, office_a)
    with pytest.raises(Http404):
        predeclaration_verify(actor=citizen, predeclaration=pre)


def test_the_office_queue(citizen, office_a, office_b, officer, officer_b):
    pre = _file(citizen, office_a)
    _file(citizen, office_b)
    assert list(predeclaration_queue_for(officer, office_a)) == [pre]
    with pytest.raises(Http404):
        predeclaration_queue_for(officer_b, office_a)


def test_a_hospital_pre_declares_a_death(hospital_account, hospital, office_a, officer):
    pre = _file(hospital_account, office_a, facility=hospital, kind="death")
    pre = predeclaration_verify(actor=officer, predeclaration=pre)
    from jamaati.civil_status.services import act_register_death

    act = act_register_death(actor=officer, predeclaration=pre)
    assert act.kind == "death"
    assert act.person.born_on == date(1940, 1, 15)


def test_a_bad_kind_or_body_is_refused(citizen, office_a):
    with pytest.raises(ValidationError):
        predeclaration_file(actor=citizen, office=office_a, kind="marriage", data=birth_data())
    with pytest.raises(ValidationError):
        predeclaration_file(actor=citizen, office=office_a, kind="birth", data=["x"])
    assert not PreDeclaration.objects.exists()
