"""Extraordinary sessions (art. 36-37): requested by a third of the members or by the
governor; the president answers within 10 days, a refusal with reasons; a majority request
and the governor's request cannot be refused and fix the latest opening day."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.council.models import ExtraordinaryRequest, Session
from jamaati.council.services.extraordinary import (
    extraordinary_request_accept,
    extraordinary_request_record,
    extraordinary_request_refuse,
)
from jamaati.council.tests.conftest import said

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")
RECEIVED = date(2027, 9, 1)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=CASABLANCA)


@pytest.fixture(autouse=True)
def on_the_first_of_september(time_machine):
    time_machine.move_to(at(RECEIVED), tick=False)


def record(actor, collectivity, signatories=(), origin="members", **overrides):
    data = {
        "origin": origin,
        "received_on": RECEIVED,
        "subjects": "Inondations du quartier Al Matar\nRéparation de la route communale",
        "signatories": signatories,
    }
    data.update(overrides)
    return extraordinary_request_record(actor=actor, collectivity=collectivity, **data)


def snapshot():
    return ExtraordinaryRequest.objects.count(), Session.objects.count(), AuditEvent.objects.count()


# --- recording --------------------------------------------------------------------------------


def test_a_third_of_the_members_may_request(secretary, commune_a, council):
    request = record(secretary, commune_a, council[2:6])  # 4 of 11
    assert request.state == "pending"
    assert request.in_office_count == 11
    assert set(request.signatories.all()) == set(council[2:6])
    clock = deadline_open_of(request, "decision")
    assert clock is not None
    assert clock.starts_on == RECEIVED
    assert "art. 36" in clock.legal_basis
    assert AuditEvent.objects.filter(action="council.extraordinary_request_record").count() == 1


def test_less_than_a_third_is_refused_and_nothing_is_written(secretary, commune_a, council):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        record(secretary, commune_a, council[2:5])  # 3 of 11
    assert "4 of 11, not 3" in str(error.value)
    assert "art. 36" in str(error.value)
    assert snapshot() == before


def test_signatories_must_be_members_in_office_of_this_council(
    secretary, commune_a, council, council_b
):
    before = snapshot()
    with pytest.raises(ValidationError):
        record(secretary, commune_a, [*council[2:5], council_b[2]])
    with pytest.raises(ValidationError):
        record(secretary, commune_a, ["nobody"])
    assert snapshot() == before


def test_the_governors_request_needs_no_signatory(secretary, commune_a, council):
    request = record(secretary, commune_a, origin="governor")
    assert (request.origin, request.state) == ("governor", "pending")


def test_recording_refuses_bad_input(secretary, commune_a, council):
    before = snapshot()
    for bad in (
        {"origin": "citizens"},
        {"subjects": "  "},
        {"received_on": RECEIVED + timedelta(days=1)},
        {"received_on": "yesterday"},
    ):
        with pytest.raises(ValidationError):
            record(secretary, commune_a, council[2:6], **bad)
    assert snapshot() == before


def test_recording_denied(commune_a, council, citizen, other_secretary, governor, agent):
    before = snapshot()
    with pytest.raises(Http404):
        record(citizen, commune_a, council[2:6])
    with pytest.raises(Http404):
        record(other_secretary, commune_a, council[2:6])
    with pytest.raises(PermissionDenied):
        record(governor, commune_a, council[2:6])  # the members' request is the secretariat's
    with pytest.raises(PermissionDenied):
        record(agent, commune_a, origin="governor")
    assert snapshot() == before


# --- accepting ------------------------------------------------------------------------------


def test_accepting_plans_the_session_with_the_requests_questions_first(
    secretary, commune_a, council
):
    request = record(secretary, commune_a, council[2:6])
    session = extraordinary_request_accept(
        actor=secretary, request=request, opens_on=date(2027, 10, 15)
    )
    assert (session.kind, session.opens_on, session.closes_on) == (
        "extraordinary_members",
        date(2027, 10, 15),
        date(2027, 10, 15),
    )
    items = list(session.items.order_by("position"))
    assert [(i.position, i.origin, i.title_fr) for i in items] == [
        (1, "members", "Inondations du quartier Al Matar"),
        (2, "members", "Réparation de la route communale"),
    ]
    request.refresh_from_db()
    assert (request.state, request.session, request.decided_on) == ("accepted", session, RECEIVED)
    assert deadline_open_of(request, "decision") is None


def test_a_majority_request_forces_the_session_within_fifteen_days(secretary, commune_a, council):
    request = record(secretary, commune_a, council[2:8])  # 6 of 11
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        extraordinary_request_accept(actor=secretary, request=request, opens_on=date(2027, 9, 17))
    assert "16 September 2027" in str(error.value)
    assert snapshot() == before
    session = extraordinary_request_accept(
        actor=secretary, request=request, opens_on=date(2027, 9, 16)
    )
    assert session.opens_on == date(2027, 9, 16)


def test_the_governors_session_within_ten_days(secretary, commune_a, council):
    request = record(secretary, commune_a, origin="governor")
    with pytest.raises(ValidationError) as error:
        extraordinary_request_accept(actor=secretary, request=request, opens_on=date(2027, 9, 12))
    assert "within 10 days" in str(error.value)
    session = extraordinary_request_accept(
        actor=secretary, request=request, opens_on=date(2027, 9, 11)
    )
    assert session.kind == "extraordinary_governor"
    assert set(session.items.values_list("origin", flat=True)) == {"governor"}


def test_extraordinary_session_lasts_at_most_seven_working_days(secretary, commune_a, council):
    request = record(secretary, commune_a, council[2:6])
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        extraordinary_request_accept(
            actor=secretary,
            request=request,
            opens_on=date(2027, 9, 6),
            closes_on=date(2027, 9, 15),
        )
    assert "art. 37" in str(error.value)
    assert snapshot() == before
    session = extraordinary_request_accept(
        actor=secretary, request=request, opens_on=date(2027, 9, 6), closes_on=date(2027, 9, 14)
    )
    assert session.closes_on == date(2027, 9, 14)


def test_accepting_refuses_the_past_and_an_answered_request(secretary, commune_a, council):
    request = record(secretary, commune_a, council[2:6])
    with pytest.raises(ValidationError):
        extraordinary_request_accept(actor=secretary, request=request, opens_on=date(2027, 8, 31))
    extraordinary_request_accept(actor=secretary, request=request, opens_on=date(2027, 9, 20))
    with pytest.raises(ValidationError):
        extraordinary_request_accept(actor=secretary, request=request, opens_on=date(2027, 9, 21))
    assert Session.objects.count() == 1


def test_accepting_denied(secretary, commune_a, council, governor, other_secretary):
    request = record(secretary, commune_a, council[2:6])
    with pytest.raises(PermissionDenied):
        extraordinary_request_accept(actor=governor, request=request, opens_on=date(2027, 9, 20))
    with pytest.raises(Http404):
        extraordinary_request_accept(
            actor=other_secretary, request=request, opens_on=date(2027, 9, 20)
        )
    assert Session.objects.count() == 0


# --- refusing -------------------------------------------------------------------------------


def test_a_third_request_is_refused_with_reasons(secretary, commune_a, council):
    request = record(secretary, commune_a, council[2:6])
    with pytest.raises(ValidationError) as error:
        extraordinary_request_refuse(actor=secretary, request=request, reasons=" ")
    assert "reasons" in error.value.message_dict
    refused = extraordinary_request_refuse(
        actor=secretary, request=request, reasons="Les questions seront à la session d'octobre"
    )
    refused.refresh_from_db()
    assert refused.state == "refused"
    assert refused.refusal_reasons.startswith("Les questions")
    assert deadline_open_of(refused, "decision") is None


def test_refusal_within_ten_days_only(secretary, commune_a, council, time_machine):
    request = record(secretary, commune_a, council[2:6])
    due = date(2027, 9, 13)  # 1 September + 10 days is Saturday 11: the next working day
    assert deadline_open_of(request, "decision").due_on == due
    time_machine.move_to(at(due + timedelta(days=1)), tick=False)
    with pytest.raises(ValidationError) as error:
        extraordinary_request_refuse(actor=secretary, request=request, reasons="Trop tard")
    assert "Too late" in str(error.value)
    assert ExtraordinaryRequest.objects.get(pk=request.pk).state == "pending"
    time_machine.move_to(at(due), tick=False)
    assert extraordinary_request_refuse(actor=secretary, request=request, reasons="À temps")


def test_refusal_delay_runs_from_the_receipt_not_from_the_recording(
    secretary, commune_a, council, time_machine
):
    request = record(
        secretary, commune_a, council[2:6], received_on=date(2027, 8, 20)
    )  # recorded 12 days after its receipt: too late to refuse
    with pytest.raises(ValidationError) as error:
        extraordinary_request_refuse(actor=secretary, request=request, reasons="Non")
    assert "30 August 2027" in str(error.value)


def test_a_majority_request_cannot_be_refused(secretary, commune_a, council):
    request = record(secretary, commune_a, council[2:8])
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        extraordinary_request_refuse(actor=secretary, request=request, reasons="Non")
    assert "cannot be refused" in str(error.value)
    assert snapshot() == before


def test_the_governors_request_cannot_be_refused(secretary, commune_a, council):
    request = record(secretary, commune_a, origin="governor")
    with pytest.raises(ValidationError) as error:
        extraordinary_request_refuse(actor=secretary, request=request, reasons="Non")
    assert "governor" in str(error.value)
    assert ExtraordinaryRequest.objects.get(pk=request.pk).state == "pending"


def test_refusing_denied(secretary, commune_a, council, governor, other_secretary, citizen):
    request = record(secretary, commune_a, council[2:6])
    with pytest.raises(PermissionDenied):
        extraordinary_request_refuse(actor=governor, request=request, reasons="Non")
    with pytest.raises(Http404):
        extraordinary_request_refuse(actor=other_secretary, request=request, reasons="Non")
    with pytest.raises(Http404):
        extraordinary_request_refuse(actor=citizen, request=request, reasons="Non")
    assert ExtraordinaryRequest.objects.get(pk=request.pk).state == "pending"


# --- through the back office (HTTP) -------------------------------------------------------------


def bo(name, node, lang="fr", **kwargs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_request_short_of_a_third_through_the_back_office(
    secretary, commune_a, council, staff_client, lang
):
    client = staff_client(secretary)
    data = {
        "origin": "members",
        "received_on": RECEIVED.isoformat(),
        "subjects": "Inondations",
        "signatories": [m.pk for m in council[2:5]],
    }
    before = snapshot()
    response = client.post(bo("extraordinaryrequest-create", commune_a, lang), data)
    assert response.status_code == 200
    assert (
        said(
            lang,
            "A request needs at least a third of the members in office: %(needed)s of "
            "%(count)s, not %(signed)s (art. 36).",
            needed=4,
            count=11,
            signed=3,
        )
        in response.content.decode()
    )
    assert snapshot() == before
    data["signatories"] = [m.pk for m in council[2:6]]
    response = client.post(bo("extraordinaryrequest-create", commune_a, lang), data)
    assert response.status_code == 302
    assert ExtraordinaryRequest.objects.get().state == "pending"


def test_request_pages_of_another_commune_are_not_found(
    secretary, other_secretary, commune_a, council, staff_client
):
    request = record(secretary, commune_a, council[2:6])
    client = staff_client(other_secretary)
    url = bo("extraordinaryrequest-detail", commune_a, extraordinaryrequest_id=request.pk)
    assert client.get(url).status_code == 404
    act = bo(
        "extraordinaryrequest-act",
        commune_a,
        extraordinaryrequest_id=request.pk,
        action="refuse",
    )
    assert client.post(act, {"reasons": "Non"}).status_code == 404
    assert ExtraordinaryRequest.objects.get(pk=request.pk).state == "pending"
