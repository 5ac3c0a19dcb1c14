"""Filings without an account are limited per network address and hour; signed-in people,
other addresses and the next hour are not held back. The address itself is never stored."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.complaints.models import Channel, Complaint
from jamaati.complaints.services import complaint_file
from jamaati.complaints.tests.factories import ComplaintCategoryFactory
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db

URL = "/fr/c/07.427.01.01/complaints/"


@pytest.fixture
def category():
    return ComplaintCategoryFactory(code="voirie")


@pytest.fixture
def commune():
    return Collectivity.objects.get(code="07.427.01.01")


def _anonymous(commune, category, source, actor=None):
    return complaint_file(
        actor=actor or AnonymousUser(),
        collectivity=commune,
        kind="observation",
        category=category,
        text="Un nid-de-poule.",
        channel=Channel.WEB,
        source=source,
    )


def test_the_limit_holds_per_address_and_hour(settings, commune, category):
    settings.COMPLAINTS_ANONYMOUS_PER_HOUR = 2
    _anonymous(commune, category, "198.51.100.7")
    _anonymous(commune, category, "198.51.100.7")
    with pytest.raises(ValidationError) as refused:
        _anonymous(commune, category, "198.51.100.7")
    assert refused.value.error_dict["__all__"][0].code == "throttled"
    assert Complaint.objects.count() == 2
    _anonymous(commune, category, "198.51.100.8")  # another address
    _anonymous(commune, category, "198.51.100.7", actor=CitizenFactory())  # signed in
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        _anonymous(commune, category, "198.51.100.7")  # the next hour
    assert Complaint.objects.count() == 5
    stored = set(Complaint.objects.values_list("source_digest", flat=True))
    assert "198.51.100.7" not in "".join(stored)


def test_the_page_says_why_and_writes_nothing(client, settings, category):
    settings.COMPLAINTS_ANONYMOUS_PER_HOUR = 1
    data = {"kind": "observation", "category": category.code, "text": "Un nid-de-poule."}
    assert client.post(URL, data).status_code == 302
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "Trop de messages" in response.content.decode()
    assert Complaint.objects.count() == 1
