"""Marginal notes: on signed birth acts only, with source and date; append-only."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404

from jamaati.civil_status.models import ImmutableRecordError, MarginalNote
from jamaati.civil_status.services import act_register_death, act_sign, note_add
from jamaati.civil_status.tests.conftest import death_data, register_birth, signed_birth
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 1)


def _note(actor, act, **overrides):
    kwargs = {
        "kind": "marriage",
        "source": "court",
        "source_name": "Section de la famille, TPI de Marrakech",
        "reference": "1234/1610/2026",
        "noted_on": "2026-10-20",
        "text": "",
        "on": TODAY,
    }
    kwargs.update(overrides)
    return note_add(actor=actor, act=act, **kwargs)


def test_a_marriage_is_noted_on_the_signed_birth_act(officer, office_a):
    act = signed_birth(officer, office_a)
    note = _note(officer, act)
    assert (note.kind, note.source, note.noted_on) == ("marriage", "court", date(2026, 10, 20))
    assert note.recorded_by == officer
    assert list(act.notes.all()) == [note]
    assert AuditEvent.objects.filter(action="civil_status.note_add", object_id=str(note.pk))
    act.refresh_from_db()
    assert act.content_sha256  # the act itself is untouched


def test_a_note_on_an_unsigned_act_is_refused(officer, office_a):
    act = register_birth(officer, office_a)
    with pytest.raises(ValidationError) as exc:
        _note(officer, act)
    assert exc.value.error_dict["__all__"][0].code == "unsigned"
    assert not MarginalNote.objects.exists()


def test_notes_go_on_birth_acts_only(officer, office_a):
    death = act_sign(
        actor=officer,
        act=act_register_death(
            actor=officer, office=office_a, data=death_data(), on=date(2026, 3, 10)
        ),
    )
    with pytest.raises(ValidationError) as exc:
        _note(officer, death)
    assert exc.value.error_dict["__all__"][0].code == "not_birth"


def test_a_note_needs_its_source_reference_and_date(officer, office_a):
    act = signed_birth(officer, office_a)
    with pytest.raises(ValidationError) as exc:
        _note(officer, act, kind="adoption", source="mosque", source_name="", reference="")
    assert {"kind", "source", "source_name", "reference"} <= set(exc.value.error_dict)
    with pytest.raises(ValidationError) as exc:
        _note(officer, act, kind="rectification", text="")
    assert "text" in exc.value.error_dict
    for day in ("2026-02-30", "2026-11-02", "2026-01-01", None):
        with pytest.raises(ValidationError) as exc:
            _note(officer, act, noted_on=day)
        assert "noted_on" in exc.value.error_dict
    assert not MarginalNote.objects.exists()


def test_a_rectification_from_a_consulate(officer, office_a):
    act = signed_birth(officer, office_a)
    note = _note(
        officer,
        act,
        kind="rectification",
        source="consulate",
        source_name="Consulat général du Maroc à Lyon",
        text="Le nom latin se lit « El Amrani ».",
    )
    assert note.source == "consulate"


def test_only_the_office_holding_the_act_notes_it(officer, officer_b, agent, office_a):
    act = signed_birth(officer, office_a)
    with pytest.raises(PermissionDenied):
        _note(officer_b, act)
    with pytest.raises(Http404):
        _note(agent, act)
    assert not MarginalNote.objects.exists()


def test_a_note_never_changes(officer, office_a):
    note = _note(officer, signed_birth(officer, office_a))
    note.reference = "forged"
    with pytest.raises(ImmutableRecordError):
        note.save()
    with pytest.raises(ImmutableRecordError):
        note.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        MarginalNote.objects.filter(pk=note.pk).update(reference="forged")
    note.refresh_from_db()
    assert note.reference == "1234/1610/2026"
