"""Factories for the council's record.

They write rows straight to the database (test data for probes, lists and pages); tests of the
rules go through the services. `council_of(collectivity, size)` seats a whole council: a
president, a secretary and members, all in office since the start of the 2021 mandate.
"""

from datetime import date, timedelta

import factory
from django.utils import timezone

from jamaati.council.models import (
    AgendaItem,
    Committee,
    Convocation,
    Decision,
    ExtraordinaryRequest,
    ItemDocument,
    Member,
    Office,
    Petition,
    Session,
    SessionKind,
    Sitting,
    VoteEvent,
    WrittenQuestion,
)

MANDATE_START = date(2021, 9, 21)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    collectivity = factory.LazyFunction(lambda: None)
    first_name_ar = "أمينة"
    last_name_ar = factory.Sequence(lambda n: f"العلوي {n}")
    first_name_fr = "Amina"
    last_name_fr = factory.Sequence(lambda n: f"Alaoui {n}")
    sex = "F"
    political_group = "Groupe A"
    office = Office.MEMBER
    mandate_start = MANDATE_START
    email = factory.Sequence(lambda n: f"member{n}@example.ma")
    phone = "+212600000000"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    collectivity = factory.LazyFunction(lambda: None)
    name_ar = "لجنة الميزانية والشؤون المالية"
    name_fr = "Commission du budget et des affaires financières"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    collectivity = factory.LazyFunction(lambda: None)
    kind = SessionKind.ORDINARY
    year = 2027
    month = 2
    opens_on = date(2027, 2, 1)
    closes_on = date(2027, 2, 15)


class ExtraordinaryRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtraordinaryRequest

    collectivity = factory.LazyFunction(lambda: None)
    state = "pending"
    origin = "members"
    received_on = factory.LazyFunction(timezone.localdate)
    subjects = "Programme d'action"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    collectivity = factory.LazyFunction(lambda: None)
    session = factory.SubFactory(
        SessionFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    origin = "president"
    title_ar = "الدراسة والتصويت على اتفاقية شراكة"
    title_fr = "Examen et vote d'une convention de partenariat"
    subject = "partnership"
    needs_absolute_majority = True
    added_on = factory.LazyFunction(timezone.localdate)


class ItemDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemDocument

    collectivity = factory.LazyFunction(lambda: None)
    item = factory.SubFactory(
        AgendaItemFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    title = "Projet de convention"
    file = factory.django.FileField(filename="convention.pdf", data=b"%PDF-1.4\n%%EOF\n")
    file_name = "convention.pdf"
    content_type = "application/pdf"
    size = 15
    sha256 = "0" * 64


class SittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sitting

    collectivity = factory.LazyFunction(lambda: None)
    session = factory.SubFactory(
        SessionFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=12))
    place = "Salle des délibérations"


class ConvocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convocation

    collectivity = factory.LazyFunction(lambda: None)
    session = factory.SubFactory(
        SessionFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    member = factory.SubFactory(MemberFactory, collectivity=factory.SelfAttribute("..collectivity"))
    sent_at = factory.LazyFunction(timezone.now)
    by_email = True


class VoteEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoteEvent

    collectivity = factory.LazyFunction(lambda: None)
    item = factory.SubFactory(
        AgendaItemFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    sitting = factory.SubFactory(
        SittingFactory,
        collectivity=factory.SelfAttribute("..collectivity"),
        session=factory.SelfAttribute("..item.session"),
    )
    rule = "votes_cast"
    in_office_count = 11
    for_count = 7
    against_count = 2
    abstain_count = 1
    result = "adopted"
    tie_broken_by_president = False
    voted_at = factory.LazyFunction(timezone.now)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    collectivity = factory.LazyFunction(lambda: None)
    number = factory.Sequence(lambda n: f"TEST-D-2027-{n:06d}")
    vote = factory.SubFactory(
        VoteEventFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    item = factory.SelfAttribute("vote.item")
    adopted_on = factory.LazyFunction(timezone.localdate)
    title_ar = "اتفاقية شراكة"
    title_fr = "Convention de partenariat"
    subject = "partnership"


class WrittenQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WrittenQuestion

    collectivity = factory.LazyFunction(lambda: None)
    session = factory.SubFactory(
        SessionFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    member = factory.SubFactory(MemberFactory, collectivity=factory.SelfAttribute("..collectivity"))
    filed_on = date(2026, 12, 20)
    question = "Où en est l'éclairage public du quartier Al Matar ?"


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    collectivity = factory.LazyFunction(lambda: None)
    number = factory.Sequence(lambda n: f"TEST-P-2027-{n:06d}")
    state = "filed"
    petitioner_kind = "citizens"
    title = "Un espace vert au quartier Al Matar"
    text = "Nous demandons l'inscription à l'ordre du jour de la création d'un espace vert."
    agent_name = "Youssef Amrani"
    signatures = 250
    required_signatures = 200
    filed_at = factory.LazyFunction(timezone.now)


def council_of(collectivity, size: int = 11) -> list[Member]:
    """Seat a council of `size` members: [0] the president, [1] the secretary, then members."""
    members = [
        MemberFactory(collectivity=collectivity, office=Office.PRESIDENT),
        MemberFactory(collectivity=collectivity, office=Office.SECRETARY),
    ]
    members += [MemberFactory(collectivity=collectivity) for _ in range(size - 2)]
    return members
