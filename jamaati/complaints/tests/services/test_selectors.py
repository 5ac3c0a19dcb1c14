"""Public reads carry no personal data; the complainant's reads are their own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.complaints.models import Complaint
from jamaati.complaints.selectors import (
    PERSONAL_FIELDS,
    complaint_get_own,
    complaint_get_public,
    complaint_list_mine,
    complaint_public_list,
)
from jamaati.complaints.tests.factories import file_complaint
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def test_public_reads_leave_personal_fields_unread(commune_a, commune_b):
    citizen = CitizenFactory()
    mine = file_complaint(commune_a, citizen, contact_name="Amina")
    file_complaint(commune_b, CitizenFactory())
    public = complaint_get_public(number=mine.number)
    personal = {Complaint._meta.get_field(name).attname for name in PERSONAL_FIELDS}
    assert personal <= public.get_deferred_fields()
    province = Collectivity.objects.get(code="07.427")
    assert [c.number for c in complaint_public_list(collectivity=province)] == [mine.number]
    assert complaint_public_list(state="closed").count() == 0
    with pytest.raises(Http404):
        complaint_get_public(number="nope")
    with pytest.raises(Http404):
        complaint_get_public(number=None)


def test_own_reads(commune_a):
    citizen, other = CitizenFactory(), CitizenFactory()
    complaint = file_complaint(commune_a, citizen)
    assert list(complaint_list_mine(actor=citizen)) == [complaint]
    assert not complaint_list_mine(actor=other).exists()
    assert not complaint_list_mine(actor=AnonymousUser()).exists()
    assert complaint_get_own(actor=citizen, number=complaint.number) == complaint
    for actor in (other, AnonymousUser()):
        with pytest.raises(Http404):
            complaint_get_own(actor=actor, number=complaint.number)
