"""Filing a case (law 55.19 art. 10-12): receipt, complete or incomplete, all missing
documents listed at once, the clock starting only on a complete file, uploads checked."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.documents import RECEIPT, receipt_for
from jamaati.cases.models import Attachment, Case
from jamaati.cases.services import case_add_documents, case_submit, missing_documents
from jamaati.cases.tests.factories import PNG_BYTES, file_case, pdf_text, pdf_upload, version_in
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def _docs(version):
    return list(version.documents.order_by("position", "pk"))


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_a_complete_file_is_filed_and_its_decision_clock_starts(commune_a):
    version = version_in(commune_a, documents=2, max_delay_days=30, delay_calendar="calendar")
    case = file_case(version=version)
    assert case.state == "submitted"
    assert case.complete_on == date(2026, 3, 2)
    assert case.number == f"{commune_a.code}-2026-000001"
    decision = deadlines_of(case).get(kind="decision")
    assert (decision.days, decision.calendar, decision.due_on) == (30, "calendar", date(2026, 4, 1))
    assert case.due_on == date(2026, 4, 1)
    assert case.attachments.count() == 2
    assert TransitionLog.objects.filter(object_id=str(case.pk), transition="file_complete").exists()
    event = AuditEvent.objects.get(action="case.file_complete", object_id=str(case.pk))
    assert event.changes["number"] == case.number
    assert event.changes["documents"] == sorted(d.pk for d in version.documents.all())


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_an_incomplete_file_lists_every_missing_document_and_gets_30_days(commune_a):
    version = version_in(commune_a, documents=3)
    first, second, third = _docs(version)
    case = file_case(version=version, documents={str(first.pk): pdf_upload()})
    assert case.state == "incomplete"
    assert [d.pk for d in missing_documents(case)] == [second.pk, third.pk]
    completion = deadlines_of(case).get(kind="completion")
    assert completion.due_on == date(2026, 4, 1)  # 30 calendar days
    assert not deadlines_of(case).filter(kind="decision").exists()  # no clock before complete


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_supplying_the_last_document_completes_the_file_and_starts_the_clock(commune_a):
    citizen = CitizenFactory()
    version = version_in(commune_a, documents=2, max_delay_days=10, delay_calendar="working")
    first, second = _docs(version)
    case = file_case(citizen=citizen, version=version, documents={str(first.pk): pdf_upload()})
    with time_machine.travel(date(2026, 3, 9), tick=False):
        case = case_add_documents(actor=citizen, case=case, files={str(second.pk): pdf_upload()})
    assert case.state == "submitted"
    assert case.complete_on == date(2026, 3, 9)
    decision = deadlines_of(case).get(kind="decision")
    assert decision.starts_on == date(2026, 3, 9)
    assert deadlines_of(case).get(kind="completion").status == "stopped"


def test_the_receipt_states_number_version_documents_and_what_is_missing(commune_a):
    citizen = CitizenFactory(preferred_language="fr")
    version = version_in(commune_a, documents=2)
    first, second = _docs(version)
    case = file_case(citizen=citizen, version=version, documents={str(first.pk): pdf_upload()})
    receipt = receipt_for(actor=citizen, case=case)
    assert receipt.kind == RECEIPT
    assert receipt.file.open("rb").read(5) == b"%PDF-"
    values = " ".join(row["value"] for row in receipt.summary)
    assert case.number in values
    assert "en cours de dépôt" in values
    # Asked twice without a new deposit: the same receipt.
    assert receipt_for(actor=citizen, case=case).pk == receipt.pk
    case_add_documents(actor=citizen, case=case, files={str(second.pk): pdf_upload()})
    case.refresh_from_db()
    newer = receipt_for(actor=citizen, case=case)
    assert newer.pk != receipt.pk
    receipt.refresh_from_db()
    assert receipt.superseded_at is not None
    assert "Dossier déposé" in " ".join(row["value"] for row in newer.summary)


def test_the_receipt_pdf_lists_the_missing_documents(commune_a):
    version = version_in(commune_a, documents=2)
    first, second = _docs(version)
    citizen = CitizenFactory(preferred_language="fr")
    case = file_case(citizen=citizen, version=version, documents={str(first.pk): pdf_upload()})
    receipt = receipt_for(actor=citizen, case=case)
    text = pdf_text(receipt.file.path)
    assert case.number in text
    assert second.name_fr in text
    assert "30" in text


def test_invalid_answers_write_nothing(commune_a):
    version = version_in(
        commune_a,
        documents=0,
        form_schema=[
            {
                "name": "surface",
                "type": "number",
                "label_ar": "المساحة",
                "label_fr": "Surface",
                "required": True,
            }
        ],
    )
    before = Case.objects.count()
    with pytest.raises(ValidationError) as exc:
        file_case(version=version, data={})
    assert "surface" in exc.value.message_dict
    assert Case.objects.count() == before


def test_a_file_whose_content_is_not_a_pdf_is_refused_whatever_its_name(commune_a):
    version = version_in(commune_a, documents=1)
    (doc,) = _docs(version)
    fake = SimpleUploadedFile("scan.pdf", b"just some text", content_type="application/pdf")
    before = (Case.objects.count(), Attachment.objects.count())
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        file_case(version=version, documents={str(doc.pk): fake})
    with translation.override("en"):  # lazy messages: read them in English
        assert "not a PDF, JPEG or PNG" in str(exc.value.message_dict[f"document_{doc.pk}"])
    assert (Case.objects.count(), Attachment.objects.count()) == before


def test_an_oversized_file_is_refused(commune_a, settings):
    settings.CASES_MAX_UPLOAD_BYTES = 100
    version = version_in(commune_a, documents=1)
    (doc,) = _docs(version)
    big = SimpleUploadedFile("photo.png", PNG_BYTES + b"\0" * 200, content_type="image/png")
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        file_case(version=version, documents={str(doc.pk): big})
    with translation.override("en"):
        assert "too large" in str(exc.value.message_dict)
    assert not Case.objects.exists()


def test_a_png_photo_is_accepted(commune_a):
    version = version_in(commune_a, documents=1)
    (doc,) = _docs(version)
    photo = SimpleUploadedFile("photo.bin", PNG_BYTES, content_type="application/octet-stream")
    case = file_case(version=version, documents={str(doc.pk): photo})
    assert case.attachments.get().content_type == "image/png"


def test_a_file_for_a_document_of_another_procedure_is_refused(commune_a):
    version = version_in(commune_a, documents=1)
    other = version_in(commune_a, documents=1)
    (foreign,) = _docs(other)
    with pytest.raises(ValidationError):
        file_case(version=version, documents={str(foreign.pk): pdf_upload()})
    assert not Case.objects.exists()


def test_a_procedure_not_offered_online_cannot_be_filed_online(commune_a):
    version = version_in(commune_a, is_online=False)
    with pytest.raises(ValidationError) as exc:
        file_case(version=version)
    assert exc.value.message_dict["__all__"]
    assert not Case.objects.exists()


def test_filing_online_needs_an_account(commune_a):
    from django.contrib.auth.models import AnonymousUser

    version = version_in(commune_a, documents=0)
    with pytest.raises(PermissionDenied):
        case_submit(actor=AnonymousUser(), version=version, data={})


def test_an_agent_files_at_the_counter_for_a_walk_in_citizen(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    known = CitizenFactory(cin="AB123456")
    version = version_in(commune_a, documents=0)
    case = case_submit(
        actor=agent,
        version=version,
        data={},
        channel="counter",
        applicant={"name": "Fatima Zahra", "cin": "ab123456", "phone": "0612345678"},
    )
    assert (case.channel, case.filed_by, case.applicant_cin) == ("counter", agent, "AB123456")
    assert case.applicant == known  # linked: they can follow it online


def test_counter_filing_needs_name_and_a_valid_cin(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    version = version_in(commune_a, documents=0)
    with pytest.raises(ValidationError) as exc:
        case_submit(
            actor=agent, version=version, data={}, channel="counter", applicant={"cin": "12"}
        )
    assert {"applicant_name", "applicant_cin"} <= set(exc.value.message_dict)
    assert not Case.objects.exists()


def test_an_agent_of_another_commune_cannot_file_at_this_counter(commune_a, commune_b):
    agent_b = StaffFactory(collectivity=commune_b, role=Role.AGENT)
    version = version_in(commune_a, documents=0)
    with pytest.raises(PermissionDenied):
        case_submit(
            actor=agent_b,
            version=version,
            data={},
            channel="counter",
            applicant={"name": "Fatima Zahra", "cin": "AB123456"},
        )
    assert not Case.objects.exists()


def test_a_business_files_with_its_ice(commune_a):
    version = version_in(commune_a, documents=0)
    with pytest.raises(ValidationError) as exc:
        file_case(version=version, applicant={"kind": "business", "business_name": "Atlas SARL"})
    assert "business_ice" in exc.value.message_dict
    case = file_case(
        version=version,
        applicant={"kind": "business", "business_name": "Atlas SARL", "business_ice": "0" * 15},
    )
    assert case.display_applicant.startswith("Atlas SARL")


def test_an_idempotency_key_returns_the_first_case(commune_a):
    citizen = CitizenFactory()
    version = version_in(commune_a, documents=0)
    first = file_case(citizen=citizen, version=version, idempotency_key="k-1")
    again = file_case(citizen=citizen, version=version, idempotency_key="k-1")
    assert again.pk == first.pk
    assert Case.objects.count() == 1
    with pytest.raises(ValidationError):
        file_case(
            citizen=citizen,
            version=version,
            idempotency_key="k-1",
            applicant={"kind": "business", "business_name": "X", "business_ice": "1" * 15},
        )
    assert Case.objects.count() == 1


def test_a_case_keeps_the_version_it_was_filed_under(commune_a):
    from jamaati.catalogue.models import ProcedureVersion

    version = version_in(commune_a, documents=0)
    case = file_case(version=version)
    ProcedureVersion.objects.filter(pk=version.pk).update(status="retired")
    case.refresh_from_db()
    assert case.version_id == version.pk
    with pytest.raises(ValidationError):
        file_case(version=ProcedureVersion.objects.get(pk=version.pk))


def test_case_numbers_follow_each_other_per_collectivity_and_year(commune_a, commune_b):
    version_a = version_in(commune_a, documents=0)
    version_b = version_in(commune_b, documents=0)
    numbers = [file_case(version=version_a).number for _ in range(3)]
    year = numbers[0].split("-")[1]
    assert numbers == [f"{commune_a.code}-{year}-{n:06d}" for n in (1, 2, 3)]
    assert file_case(version=version_b).number == f"{commune_b.code}-{year}-000001"


def test_the_engine_refuses_to_file_as_complete_a_file_with_missing_documents(commune_a):
    from jamaati.core.workflow import TransitionNotAllowed, transition

    version = version_in(commune_a, documents=1)
    case = file_case(version=version, documents={})
    with pytest.raises(TransitionNotAllowed):
        transition(case, "complete", actor=case.applicant, missing=[1])
    case.refresh_from_db()
    assert case.state == "incomplete"
