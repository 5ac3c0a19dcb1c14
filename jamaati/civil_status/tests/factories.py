"""Factories of the civil-status register (test data written straight to the database).

`OfficeFactory(collectivity=c)` opens the office of a commune; `ActFactory()` writes a draft
birth act, `ActFactory(signed=True)` a signed one with its number (through the model, not the
service: tests of the rules register and sign through the services, see conftest.py).
"""

from datetime import date

import factory
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.civil_status import idcs
from jamaati.civil_status.models import (
    Act,
    Consultation,
    Facility,
    MarginalNote,
    Office,
    Person,
    PreDeclaration,
)
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity


def _commune():
    return Collectivity.objects.get(code="07.427.01.01")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("collectivity",)

    collectivity = factory.LazyFunction(_commune)
    kind = "commune"
    code = factory.LazyAttribute(lambda o: o.collectivity.code)
    name_ar = factory.LazyAttribute(lambda o: o.collectivity.name_ar)
    name_fr = factory.LazyAttribute(lambda o: o.collectivity.name_fr)


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    collectivity = factory.LazyFunction(_commune)
    name_ar = "المستشفى الإقليمي"
    name_fr = "Hôpital provincial"

    @factory.post_generation
    def accounts(self, create, extracted, **kwargs):
        if create and extracted:
            self.accounts.add(*extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    collectivity = factory.LazyFunction(_commune)
    idcs = factory.Sequence(lambda n: idcs.make(str(1_000_000_000 + n)))
    first_name_ar = "محمد"
    family_name_ar = "بنعلي"
    first_name_lat = "Mohamed"
    family_name_lat = "Benali"
    sex = "m"
    born_on = date(1990, 5, 17)
    birth_place = "Ben Guerir"


class ActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Act

    class Params:
        signed = factory.Trait(
            state="signed",
            year=2026,
            sequence=factory.Sequence(lambda n: 900_000 + n),
            number=factory.LazyAttribute(lambda a: f"{a.sequence}/{a.office.code}/{a.year}"),
            signed_by=factory.SelfAttribute("registered_by"),
            signed_at=factory.LazyFunction(timezone.now),
            signed_capacity="officer",
        )

    office = factory.SubFactory(OfficeFactory)
    collectivity = factory.SelfAttribute("office.collectivity")
    kind = "birth"
    state = "draft"
    person = factory.SubFactory(
        PersonFactory, collectivity=factory.SelfAttribute("..office.collectivity")
    )
    event_on = factory.SelfAttribute("person.born_on")
    event_place = "Ben Guerir"
    declared_on = factory.SelfAttribute("event_on")
    declarant_name = "Ahmed Benali"
    declarant_relation = "father"
    registered_by = factory.SubFactory(
        StaffFactory,
        collectivity=factory.SelfAttribute("..office.collectivity"),
        role=Role.CIVIL_STATUS_OFFICER,
        password=None,
    )


class MarginalNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarginalNote

    act = factory.SubFactory(ActFactory, signed=True)
    collectivity = factory.SelfAttribute("act.collectivity")
    kind = "marriage"
    source = "court"
    source_name = "Tribunal de première instance de Marrakech"
    reference = factory.Sequence(lambda n: f"TPI-{n}")
    noted_on = date(2020, 1, 1)
    recorded_by = factory.SelfAttribute("act.registered_by")


class PreDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreDeclaration

    office = factory.SubFactory(OfficeFactory)
    collectivity = factory.SelfAttribute("office.collectivity")
    kind = "birth"
    state = "filed"
    source = "citizen"
    filed_by = factory.SubFactory(CitizenFactory, password=None)
    filed_on = factory.LazyFunction(timezone.localdate)
    first_name_ar = "خديجة"
    family_name_ar = "بنعلي"
    first_name_lat = "Khadija"
    family_name_lat = "Benali"
    sex = "f"
    event_on = factory.LazyFunction(timezone.localdate)
    event_place = "Ben Guerir"
    mother_name_ar = "فاطمة الزهراء"
    mother_name_lat = "Fatima Zahra"
    declarant_name = "Fatima Zahra Alami"
    declarant_relation = "mother"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    act = factory.SubFactory(ActFactory, signed=True)
    collectivity = factory.SelfAttribute("act.collectivity")
    officer = factory.SelfAttribute("act.registered_by")
    reason = "Demande d'extrait"
