"""Filing at the counter for a walk-in citizen, its receipt, and the applicant's actions the
agent takes on their behalf."""

import pytest
from django.urls import reverse

from jamaati.cases.models import Case
from jamaati.cases.tests.bo.conftest import url
from jamaati.cases.tests.factories import pdf_upload, version_in
from jamaati.catalogue.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


def counter_url(version, code=None):
    return reverse(
        "bo:procedure-counter",
        kwargs={"code": code or version.collectivity.code, "pk": version.procedure_id},
    )


def walk_in(**extra):
    return {
        "applicant_kind": "person",
        "applicant_name": "Hassan Tazi",
        "applicant_cin": "BE123456",
        "applicant_phone": "0612345678",
        "applicant_email": "",
        "business_name": "",
        "business_ice": "",
        **extra,
    }


def test_counter_lists_the_procedures_handled_at_the_counter(
    staff_client, agent, commune_a, version_a
):
    online_only = version_in(commune_a, documents=0, is_at_counter=False)
    response = staff_client(agent).get(reverse("bo:case-counter", kwargs={"code": commune_a.code}))
    assert response.status_code == 200
    html = response.content.decode()
    assert counter_url(version_a) in html
    assert counter_url(online_only) not in html


def test_file_for_a_walk_in_then_print_the_receipt(staff_client, agent, version_a):
    client = staff_client(agent)
    assert client.get(counter_url(version_a)).status_code == 200
    document = version_a.documents.get()
    response = client.post(
        counter_url(version_a), {**walk_in(), f"document_{document.pk}": pdf_upload()}
    )
    assert response.status_code == 302
    case = Case.objects.get(applicant_cin="BE123456")
    assert response["Location"] == url(case)
    assert case.channel == "counter"
    assert case.state == "submitted"
    assert case.filed_by == agent
    page = client.get(url(case))
    assert url(case, "case-receipt") in page.content.decode()
    receipt = client.get(url(case, "case-receipt"))
    assert receipt.status_code == 200
    assert b"".join(receipt.streaming_content).startswith(b"%PDF-")


def test_counter_filing_without_the_applicant_writes_nothing(staff_client, agent, version_a):
    response = staff_client(agent).post(counter_url(version_a), walk_in(applicant_name=""))
    assert response.status_code == 200
    assert response.context["form"].errors["applicant_name"]
    assert not Case.objects.exists()


def test_counter_filing_with_a_bad_cin_writes_nothing(staff_client, agent, version_a):
    response = staff_client(agent).post(counter_url(version_a), walk_in(applicant_cin="12"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Case.objects.exists()


def test_an_incomplete_counter_case_is_completed_on_behalf_of_the_applicant(
    staff_client, agent, version_a
):
    client = staff_client(agent)
    client.post(counter_url(version_a), walk_in())
    case = Case.objects.get()
    assert case.state == "incomplete"
    page = client.get(url(case))
    assert [i["t"].name for i in page.context["counter_actions"]] == ["complete", "withdraw"]
    document = version_a.documents.get()
    response = client.post(
        url(case, "case-act", action="complete"), {f"document_{document.pk}": pdf_upload()}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "submitted"


def test_counter_of_another_communes_procedure_is_404(staff_client, agent, commune_a, commune_b):
    other = version_in(commune_b, documents=0)
    client = staff_client(agent)
    assert client.get(counter_url(other)).status_code == 404
    assert client.get(counter_url(other, code=commune_a.code)).status_code == 404
    assert client.post(counter_url(other, code=commune_a.code), walk_in()).status_code == 404
    assert (
        client.get(reverse("bo:case-counter", kwargs={"code": commune_b.code})).status_code == 404
    )
    assert not Case.objects.exists()


def test_unpublished_procedure_is_404(staff_client, agent, commune_a):
    procedure = ProcedureFactory(collectivity=commune_a)
    response = staff_client(agent).get(
        reverse("bo:procedure-counter", kwargs={"code": commune_a.code, "pk": procedure.pk})
    )
    assert response.status_code == 404


def test_a_signatory_cannot_file_at_the_counter(staff_client, signatory, version_a):
    response = staff_client(signatory).post(counter_url(version_a), walk_in())
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_counter_action_outside_its_state_writes_nothing(staff_client, agent, version_a):
    client = staff_client(agent)
    document = version_a.documents.get()
    client.post(counter_url(version_a), {**walk_in(), f"document_{document.pk}": pdf_upload()})
    case = Case.objects.get()
    assert case.state == "submitted"
    response = client.post(
        url(case, "case-act", action="complete"), {f"document_{document.pk}": pdf_upload()}
    )
    assert response.status_code == 200
    assert response.context["bound"]["complete"].non_field_errors()
    assert case.attachments.count() == 1
