"""Factories for the catalogue: `ProcedureFactory(collectivity=c)`, versions, documents, fees.

Without `collectivity`, a procedure lives at the country node (a national template).
Versions are drafts unless built with the `published` trait (written straight to the
database, as test data; the service path is tested apart).
"""

import factory
from django.utils import timezone

from jamaati.catalogue.models import (
    Fee,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
    SuppliedBy,
    VersionStatus,
)
from jamaati.core.tenancy.models import COUNTRY_CODE, Collectivity


def _country():
    return Collectivity.objects.get(code=COUNTRY_CODE)


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    collectivity = factory.LazyFunction(_country)
    slug = factory.Sequence(lambda n: f"procedure-{n}")


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """A draft version 1 that may be published as it stands (it has a legal basis)."""

    class Meta:
        model = ProcedureVersion

    collectivity = factory.LazyFunction(_country)
    procedure = factory.SubFactory(
        ProcedureFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    number = 1
    name_ar = factory.Sequence(lambda n: f"مسطرة {n}")
    name_fr = factory.Sequence(lambda n: f"Procédure {n}")
    legal_basis_text = "Loi n° 55.19"
    legal_basis_article = "art. 6"
    service_ar = "مكتب الحالة المدنية"
    service_fr = "Bureau de l'état civil"
    max_delay_days = 10

    class Params:
        published = factory.Trait(
            status=VersionStatus.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    collectivity = factory.LazyFunction(_country)
    version = factory.SubFactory(
        ProcedureVersionFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    name_ar = "البطاقة الوطنية للتعريف الإلكترونية"
    name_fr = "Carte nationale d'identité électronique"
    supplied_by = SuppliedBy.USER


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    collectivity = factory.LazyFunction(_country)
    version = factory.SubFactory(
        ProcedureVersionFactory, collectivity=factory.SelfAttribute("..collectivity")
    )
    key = factory.Sequence(lambda n: f"fee-{n}")
    label_ar = "رسم"
    label_fr = "Droit"
    amount = "20.00"
    legal_basis = "Loi n° 47.06, art. 1"
    is_local = False


def published_version(*, documents=(), fees=(), **kwargs) -> ProcedureVersion:
    """A published version with its documents and fees (built as a draft, then published in
    the database: test data, not the service path)."""
    version = ProcedureVersionFactory(**kwargs)
    for i, doc in enumerate(documents):
        RequiredDocumentFactory(
            version=version, collectivity=version.collectivity, position=i, **doc
        )
    for i, fee in enumerate(fees):
        FeeFactory(version=version, collectivity=version.collectivity, position=i, **fee)
    ProcedureVersion.objects.filter(pk=version.pk).update(
        status=VersionStatus.PUBLISHED, published_at=timezone.now()
    )
    version.refresh_from_db()
    return version
