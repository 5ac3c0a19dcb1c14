"""Every read of the civil-status register, scoped.

The register is read by officers, nationally: anyone else gets Http404 for an act or a person,
exactly as for a missing one, and so does a malformed or unknown IDCS or act number. Reading
an act is never silent: `act_get_for_officer` logs the consultation (who, which act, why).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from jamaati.civil_status import idcs as idcs_scheme
from jamaati.civil_status.models import (
    Act,
    Consultation,
    MarginalNote,
    Office,
    Person,
    PreDeclaration,
)
from jamaati.civil_status.policies import OFFICER_ROLES, is_officer_anywhere, is_officer_at
from jamaati.civil_status.services import act_consult
from jamaati.civil_status.workflow import PreState
from jamaati.core.access.actors import grants_of
from jamaati.core.access.policies import authorize

QUEUE_STATES = (PreState.FILED, PreState.HELD, PreState.VERIFIED)


def _officer_or_404(actor: Any) -> None:
    if not is_officer_anywhere(actor):
        raise Http404


def _act_lookup(key: Any) -> dict[str, Any]:
    """A filter for an act given by primary key or by number; Http404 when malformed."""
    if isinstance(key, int) and not isinstance(key, bool):
        return {"pk": key}
    if isinstance(key, str) and key.isascii() and key.isdigit() and len(key) < 19:
        return {"pk": int(key)}
    if isinstance(key, str) and 0 < len(key) <= 40 and "/" in key:
        return {"number": key.strip()}
    raise Http404


def act_get_for_officer(actor: Any, key: Any, *, reason: Any) -> Act:
    """A signed or draft act by pk or number, for an officer of any office, with the
    consultation logged (ValidationError without a reason: nothing is read)."""
    _officer_or_404(actor)
    act = (
        Act.objects.filter(**_act_lookup(key))
        .select_related("office", "person", "collectivity", "signed_by")
        .first()
    )
    if act is None:
        raise Http404
    act_consult(actor=actor, act=act, reason=reason)
    return act


def person_get_by_idcs(actor: Any, value: Any) -> Person:
    """The person with that IDCS, for an officer of any office; Http404 when the IDCS is
    malformed, fails its check digit or is unknown, and for anyone who is not an officer."""
    _officer_or_404(actor)
    number = idcs_scheme.normalize(value)
    if not idcs_scheme.is_valid(number):
        raise Http404
    person = Person.objects.filter(idcs=number).select_related("father", "mother").first()
    if person is None:
        raise Http404
    return person


def acts_of_person(actor: Any, person: Person) -> QuerySet[Act]:
    """The person's acts (birth, death), for an officer; listing does not show their content,
    reading one goes through act_get_for_officer."""
    _officer_or_404(actor)
    return Act.objects.filter(person=person).select_related("office").order_by("event_on")


def notes_of(actor: Any, act: Act) -> QuerySet[MarginalNote]:
    """The marginal notes of an act in the order they were recorded."""
    _officer_or_404(actor)
    return MarginalNote.objects.filter(act=act).order_by("recorded_at", "pk")


def consultations_of(actor: Any, act: Act) -> QuerySet[Consultation]:
    """Who consulted an act of the actor's own office, and why (newest first)."""
    if not is_officer_at(actor, act):
        raise Http404
    return Consultation.objects.filter(act=act).order_by("-at", "-pk")


def office_of_officer(actor: Any) -> Office | None:
    """The office where the actor is officer (the first, when several), or None."""
    ids = [g.collectivity_id for g in grants_of(actor) if g.role in OFFICER_ROLES]
    return Office.objects.filter(collectivity_id__in=ids, is_active=True).order_by("code").first()


def predeclaration_queue_for(actor: Any, office: Office) -> QuerySet[PreDeclaration]:
    """The pre-declarations an office still has to handle, oldest first; 404 for anyone who
    is not officer at that office."""
    if not is_officer_at(actor, office):
        raise Http404
    return (
        PreDeclaration.objects.filter(office=office, state__in=QUEUE_STATES)
        .select_related("facility")
        .order_by("filed_on", "pk")
    )


def predeclaration_get_for(actor: Any, pk: Any) -> PreDeclaration:
    """A pre-declaration for its filer or an officer of its office; 404 for anyone else."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    found = PreDeclaration.objects.filter(pk=pk).select_related("office", "collectivity").first()
    if found is None:
        raise Http404
    if is_officer_at(actor, found):
        return found
    if getattr(actor, "is_authenticated", False) and found.filed_by_id == actor.pk:
        authorize(actor, "civil_status.read_own", found)
        return found
    raise Http404
