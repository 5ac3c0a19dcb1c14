from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.catalogue.models import Procedure, VersionStatus
from jamaati.catalogue.services import procedure_adopt, procedure_version_update
from jamaati.catalogue.tests.factories import ProcedureVersionFactory, published_version
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

FEES = [
    {"key": "stamp", "amount": "20", "is_local": False},
    {"key": "service", "amount": "10", "is_local": True},
]


def _adopt(actor, template, collectivity, **kwargs):
    return procedure_adopt(
        actor=actor,
        template=template.procedure,
        collectivity=collectivity,
        service_ar="مكتب تصحيح الإمضاءات",
        service_fr="Bureau des légalisations",
        office_hours="8h30-16h30",
        **kwargs,
    )


def test_adoption_copies_the_published_template_when_commune_admin_adopts(admin_a, commune_a):
    template = published_version(
        documents=[{"name_fr": "CNIE"}], fees=FEES, max_delay_days=5, name_fr="Légalisation"
    )

    version = _adopt(admin_a, template, commune_a, local_fees={"service": "15.50"})

    assert version.collectivity == commune_a
    assert version.procedure.template == template.procedure
    assert version.procedure.slug == template.procedure.slug
    assert version.number == 1
    assert version.status == VersionStatus.PUBLISHED
    assert version.name_fr == "Légalisation"
    assert version.max_delay_days == 5
    assert version.service_fr == "Bureau des légalisations"
    assert [d.name_fr for d in version.documents.all()] == ["CNIE"]
    assert {f.key: f.amount for f in version.fees.all()} == {
        "stamp": Decimal("20.00"),
        "service": Decimal("15.50"),
    }
    assert all(f.collectivity_id == commune_a.pk for f in version.fees.all())
    event = AuditEvent.objects.get(collectivity=commune_a, action="catalogue.procedure_adopt")
    assert event.changes["local_fees"] == {"service": ["10.00", "15.50"]}


def test_adoption_is_forbidden_when_actor_is_an_agent(commune_a):
    template = published_version()
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)

    with pytest.raises(PermissionDenied):
        _adopt(agent, template, commune_a)

    assert not Procedure.objects.filter(collectivity=commune_a).exists()


def test_adoption_answers_404_when_admin_of_another_commune_adopts(commune_a, commune_b):
    template = published_version()
    admin_b = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)

    with pytest.raises(Http404):
        _adopt(admin_b, template, commune_a)

    assert not Procedure.objects.filter(collectivity=commune_a).exists()


def test_adoption_is_refused_when_the_template_is_not_published(admin_a, commune_a):
    draft = ProcedureVersionFactory()

    with pytest.raises(ValidationError) as exc:
        _adopt(admin_a, draft, commune_a)

    assert "not published" in exc.value.message_dict["template"][0]
    assert not Procedure.objects.filter(collectivity=commune_a).exists()


def test_adoption_is_refused_when_a_national_fee_is_changed(admin_a, commune_a):
    template = published_version(fees=FEES)

    with pytest.raises(ValidationError) as exc:
        _adopt(admin_a, template, commune_a, local_fees={"stamp": "1"})

    assert "set nationally" in exc.value.message_dict["local_fees"][0]
    assert not Procedure.objects.filter(collectivity=commune_a).exists()


def test_adoption_is_refused_when_the_template_is_already_adopted(admin_a, commune_a):
    template = published_version()
    _adopt(admin_a, template, commune_a)

    with pytest.raises(ValidationError):
        _adopt(admin_a, template, commune_a)


def test_adoption_is_refused_when_the_source_is_not_a_national_template(admin_a, commune_a):
    local = published_version(collectivity=commune_a)

    with pytest.raises(ValidationError):
        _adopt(admin_a, local, commune_a)


def test_adopted_draft_changes_only_local_fields_when_updated(admin_a, commune_a):
    from jamaati.catalogue.services import procedure_version_new_draft

    template = published_version(fees=FEES)
    adopted = _adopt(admin_a, template, commune_a)
    draft = procedure_version_new_draft(actor=admin_a, procedure=adopted.procedure)

    with pytest.raises(ValidationError):
        procedure_version_update(actor=admin_a, version=draft, max_delay_days=2)
    with pytest.raises(ValidationError):
        procedure_version_update(actor=admin_a, version=draft, local_fees={"stamp": "2"})
    procedure_version_update(
        actor=admin_a, version=draft, office_hours="9h-15h", local_fees={"service": "12"}
    )

    draft.refresh_from_db()
    assert draft.office_hours == "9h-15h"
    assert draft.max_delay_days == template.max_delay_days
    assert {f.key: f.amount for f in draft.fees.all()} == {
        "stamp": Decimal("20.00"),
        "service": Decimal("12.00"),
    }
