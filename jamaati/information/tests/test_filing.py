"""Filing a request (law 31.13 art. 14): identity required and checked, the information
sought required, the number gap-free, the answer clock (art. 16-17), the receipt."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.documents.selectors import documents_of
from jamaati.information.documents import RECEIPT, receipt_for
from jamaati.information.models import InformationRequest
from jamaati.information.services import request_file
from jamaati.information.tests.conftest import file_request, filing_data

pytestmark = pytest.mark.django_db


def test_a_request_gets_a_gap_free_number_and_a_20_working_day_clock(citizen, commune_a):
    first = file_request(citizen, commune_a, on=date(2026, 4, 1))
    second = file_request(citizen, commune_a, on=date(2026, 4, 1))
    assert first.number == "07.427.01.01-I-2026-000001"
    assert second.number == "07.427.01.01-I-2026-000002"
    assert first.state == "submitted"
    assert first.is_open
    clock = deadlines_of(first).get(kind="answer")
    assert (clock.days, clock.calendar, clock.legal_basis) == (20, "working", "Loi 31.13, art. 16")
    assert clock.due_on == date(2026, 4, 29)  # 20 working days: 4 weekends skipped
    assert first.due_on == date(2026, 4, 29)  # the queue's copy


def test_working_days_skip_moroccan_holidays(citizen, commune_a):
    request = file_request(citizen, commune_a, on=date(2026, 4, 20))
    # 21 April to 19 May: four weekends and Labour Day (1 May) are not counted.
    assert deadlines_of(request).get(kind="answer").due_on == date(2026, 5, 19)


def test_an_urgent_request_is_answered_in_3_working_days(citizen, commune_a):
    request = file_request(
        citizen,
        commune_a,
        on=date(2026, 4, 30),
        is_urgent=True,
        urgency_reason="Un enfant malade doit être évacué ; la route est-elle ouverte ?",
    )
    clock = deadlines_of(request).get(kind="answer")
    assert clock.days == 3
    assert "art. 17" in clock.legal_basis
    # 1 May (Labour Day) and the weekend are skipped: 4, 5, 6 May.
    assert clock.due_on == date(2026, 5, 6)


def test_a_foreign_resident_gives_a_residence_permit(commune_a, citizen):
    request = file_request(citizen, commune_a, id_kind="residence", id_number="e 1234567")
    assert (request.id_kind, request.id_number) == ("residence", "E1234567")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sought": ""}, "sought"),
        ({"sought": "   budget "}, "sought"),
        ({"id_number": ""}, "id_number"),
        ({"id_number": "12345"}, "id_number"),
        ({"id_number": "ABC123"}, "id_number"),
        ({"id_kind": "residence", "id_number": "12"}, "id_number"),
        ({"id_kind": "passport"}, "id_kind"),
        ({"address": ""}, "address"),
        ({"preferred_form": "pigeon"}, "preferred_form"),
        ({"is_urgent": True, "urgency_reason": ""}, "urgency_reason"),
        ({"email": "not-an-email"}, "email"),
        ({"sought": "budget\x00 de la commune 2025"}, "sought"),
        ({"sought": ["a list"]}, "sought"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(citizen, commune_a, overrides, field):
    with pytest.raises(ValidationError) as caught:
        request_file(actor=citizen, collectivity=commune_a, data=filing_data(**overrides))
    assert field in caught.value.message_dict
    assert not InformationRequest.objects.exists()


def test_the_receipt_is_a_verifiable_pdf(citizen, commune_a, client):
    request = file_request(citizen, commune_a)
    document = receipt_for(actor=citizen, request=request)
    assert document.kind == RECEIPT
    assert document.file
    assert receipt_for(actor=citizen, request=request).pk == document.pk  # issued once
    assert list(documents_of(request, kind=RECEIPT)) == [document]
    page = client.get(f"/fr/verify/{document.code}/")
    assert page.status_code == 200
    assert request.number in page.content.decode()
    assert "AB123456" not in page.content.decode()  # the verify page shows no identity


def test_at_the_counter_the_request_is_linked_to_the_account_with_that_cin(
    officer, citizen, commune_a
):
    request = request_file(
        actor=officer, collectivity=commune_a, data=filing_data(), channel="counter"
    )
    assert request.requester == citizen
    assert request.filed_by == officer
    assert request.channel == "counter"


def test_an_officer_of_another_commune_cannot_file_at_the_counter(officer_b, commune_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        request_file(actor=officer_b, collectivity=commune_a, data=filing_data(), channel="counter")
    assert not InformationRequest.objects.exists()
