from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.catalogue.models import (
    ImmutableVersionError,
    ProcedureVersion,
    RequiredDocument,
    VersionStatus,
)
from jamaati.catalogue.services import (
    DEFAULT_APPEAL_FR,
    procedure_template_create,
    procedure_version_new_draft,
    procedure_version_publish,
    procedure_version_update,
)
from jamaati.catalogue.tests.factories import (
    FeeFactory,
    ProcedureVersionFactory,
    RequiredDocumentFactory,
    published_version,
)
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

BASE = {
    "name_ar": "تصحيح الإمضاء",
    "name_fr": "Légalisation de signature",
    "legal_basis_text": "Décret n° 2.22.047",
    "max_delay_days": 1,
}


def test_template_is_created_as_an_audited_draft_when_national_admin_asks(dgct, morocco):
    version = procedure_template_create(
        actor=dgct,
        slug="Légalisation signature",
        documents=[{"name_ar": "البطاقة", "name_fr": "CNIE"}],
        fees=[{"key": "tax", "label_ar": "رسم", "label_fr": "Taxe", "amount": "2"}],
        **BASE,
    )

    assert version.status == VersionStatus.DRAFT
    assert version.number == 1
    assert version.procedure.slug == "legalisation-signature"
    assert version.collectivity == morocco
    assert version.appeal_fr == DEFAULT_APPEAL_FR
    assert version.fees.get().amount == Decimal("2.00")
    assert AuditEvent.objects.filter(
        collectivity=morocco, action="catalogue.template_create", object_id=str(version.pk)
    ).exists()


def test_template_create_is_refused_when_actor_is_a_commune_admin(admin_a):
    with pytest.raises(Http404):
        procedure_template_create(actor=admin_a, slug="x", **BASE)


def test_template_create_is_refused_when_delay_exceeds_60_days(dgct):
    with pytest.raises(ValidationError) as exc:
        procedure_template_create(actor=dgct, slug="long", **{**BASE, "max_delay_days": 61})

    assert "art.16" in str(exc.value.message_dict["max_delay_days"])
    assert not ProcedureVersion.objects.filter(procedure__slug="long").exists()


def test_update_is_refused_when_investment_related_delay_exceeds_30_days(dgct):
    version = ProcedureVersionFactory(max_delay_days=45)

    with pytest.raises(ValidationError) as exc:
        procedure_version_update(actor=dgct, version=version, is_investment_related=True)

    assert "30" in exc.value.message_dict["max_delay_days"][0]
    version.refresh_from_db()
    assert version.is_investment_related is False


def test_investment_related_delay_is_accepted_when_within_30_days(dgct):
    version = ProcedureVersionFactory(max_delay_days=30)

    procedure_version_update(actor=dgct, version=version, is_investment_related=True)

    version.refresh_from_db()
    assert version.is_investment_related is True


def test_silence_is_refused_when_its_legal_basis_is_missing(dgct):
    version = ProcedureVersionFactory()

    with pytest.raises(ValidationError) as exc:
        procedure_version_update(actor=dgct, version=version, silence_means_acceptance=True)

    assert "art.19-20" in exc.value.message_dict["silence_legal_basis"][0]


def test_extension_is_refused_when_no_reason_is_given(dgct):
    version = ProcedureVersionFactory()

    with pytest.raises(ValidationError) as exc:
        procedure_version_update(actor=dgct, version=version, allows_extension=True)

    assert "art.17" in exc.value.message_dict["extension_reason"][0]


def test_form_schema_is_refused_when_it_is_unsound(dgct):
    version = ProcedureVersionFactory()

    with pytest.raises(ValidationError) as exc:
        procedure_version_update(
            actor=dgct, version=version, form_schema=[{"name": "a", "type": "video"}]
        )

    assert exc.value.message_dict["form_schema"]


def test_publish_is_refused_and_nothing_written_when_legal_basis_is_missing(dgct, morocco):
    version = ProcedureVersionFactory(legal_basis_text="")
    events = AuditEvent.objects.filter(collectivity=morocco).count()

    with pytest.raises(ValidationError) as exc:
        procedure_version_publish(actor=dgct, version=version)

    assert "legal basis" in exc.value.message_dict["legal_basis_text"][0]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert version.published_at is None
    assert AuditEvent.objects.filter(collectivity=morocco).count() == events


def test_publish_is_audited_when_the_draft_is_lawful(dgct, morocco):
    version = ProcedureVersionFactory()

    procedure_version_publish(actor=dgct, version=version)

    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.published_at is not None
    assert AuditEvent.objects.filter(
        collectivity=morocco, action="catalogue.version_publish", object_id=str(version.pk)
    ).exists()


def test_publishing_retires_the_previous_version_when_a_new_one_is_published(dgct):
    first = ProcedureVersionFactory()
    procedure_version_publish(actor=dgct, version=first)
    draft = procedure_version_new_draft(actor=dgct, procedure=first.procedure)

    procedure_version_publish(actor=dgct, version=draft)

    first.refresh_from_db()
    draft.refresh_from_db()
    assert first.status == VersionStatus.RETIRED
    assert draft.status == VersionStatus.PUBLISHED


def test_new_draft_copies_the_last_version_when_asked(dgct):
    first = published_version(
        documents=[{"name_fr": "Plan"}], fees=[{"key": "stamp", "amount": "5"}]
    )

    draft = procedure_version_new_draft(actor=dgct, procedure=first.procedure)

    assert draft.number == 2
    assert draft.status == VersionStatus.DRAFT
    assert draft.name_fr == first.name_fr
    assert draft.legal_basis_text == first.legal_basis_text
    assert [d.name_fr for d in draft.documents.all()] == ["Plan"]
    assert [(f.key, f.amount) for f in draft.fees.all()] == [("stamp", Decimal("5.00"))]
    first.refresh_from_db()
    assert first.status == VersionStatus.PUBLISHED


def test_new_draft_is_refused_when_a_draft_exists(dgct):
    version = ProcedureVersionFactory()

    with pytest.raises(ValidationError):
        procedure_version_new_draft(actor=dgct, procedure=version.procedure)


def test_update_is_refused_when_the_version_is_published(dgct):
    version = published_version()

    with pytest.raises(ImmutableVersionError):
        procedure_version_update(actor=dgct, version=version, name_fr="Autre")

    version.refresh_from_db()
    assert version.name_fr != "Autre"


def test_save_is_refused_when_the_version_is_published():
    version = published_version()
    version.name_fr = "Autre"

    with pytest.raises(ImmutableVersionError):
        version.save()


def test_document_and_fee_changes_are_refused_when_their_version_is_published():
    version = ProcedureVersionFactory()
    document = RequiredDocumentFactory(version=version)
    fee = FeeFactory(version=version)
    ProcedureVersion.objects.filter(pk=version.pk).update(status=VersionStatus.PUBLISHED)

    document.name_fr = "Autre"
    with pytest.raises(ImmutableVersionError):
        document.save()
    with pytest.raises(ImmutableVersionError):
        fee.delete()
    with pytest.raises(ImmutableVersionError):
        RequiredDocumentFactory(version=version)
    assert RequiredDocument.objects.get(pk=document.pk).name_fr != "Autre"


def test_update_replaces_documents_and_fees_when_the_draft_is_a_template(dgct):
    version = ProcedureVersionFactory()
    RequiredDocumentFactory(version=version)

    procedure_version_update(
        actor=dgct,
        version=version,
        name_fr="Nouveau nom",
        documents=[
            {
                "name_ar": "عقد الازدياد",
                "name_fr": "Extrait d'acte de naissance",
                "supplied_by": "administration",
                "holder_fr": "Registre national de l'état civil",
            }
        ],
        fees=[],
    )

    version.refresh_from_db()
    assert version.name_fr == "Nouveau nom"
    assert [d.supplied_by for d in version.documents.all()] == ["administration"]
    assert not version.fees.exists()


def test_update_is_refused_when_a_fetched_document_names_no_holder(dgct):
    version = ProcedureVersionFactory()

    with pytest.raises(ValidationError) as exc:
        procedure_version_update(
            actor=dgct,
            version=version,
            documents=[{"name_ar": "أ", "name_fr": "A", "supplied_by": "administration"}],
        )

    assert "art.23" in exc.value.message_dict["documents"][0]


def test_publish_is_refused_when_actor_is_an_agent_of_a_commune(commune_a):
    from jamaati.accounts.tests.factories import StaffFactory
    from jamaati.core.access.roles import Role

    version = ProcedureVersionFactory(collectivity=commune_a)
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)

    with pytest.raises(PermissionDenied):
        procedure_version_publish(actor=agent, version=version)


def test_messages_are_translated_when_the_language_is_arabic_or_french():
    from django.utils import translation

    from jamaati.catalogue.form_schema import validate_form_schema

    with translation.override("fr"):
        french = validate_form_schema([{"name": "a", "type": "video", "label_fr": "A"}])
    with translation.override("ar"):
        arabic = validate_form_schema([{"name": "a", "type": "video", "label_fr": "A"}])
    assert french
    assert arabic
    assert "unknown type" not in french[0]
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic[0])
