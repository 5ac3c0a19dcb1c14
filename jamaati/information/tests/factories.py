"""Factories for information requests.

`InformationRequestFactory(collectivity=c)` writes a request straight to the database in the
`submitted` state with no clock (test data for probes and lists); tests of the rules file
requests through `request_file`, with `conftest.file_request()`.
"""

import factory
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.information.models import InformationRequest


class InformationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationRequest

    collectivity = factory.LazyFunction(lambda: None)
    number = factory.Sequence(lambda n: f"TEST-I-{timezone.now().year}-{n:06d}")
    state = "submitted"
    channel = "online"
    requester = factory.SubFactory(CitizenFactory, password=None)
    filed_by = factory.SelfAttribute("requester")
    requester_name = "Amina Benali"
    id_kind = "cin"
    id_number = "AB123456"
    address = "Ben Guerir"
    sought = "Le budget de la commune"
    preferred_form = "file"
