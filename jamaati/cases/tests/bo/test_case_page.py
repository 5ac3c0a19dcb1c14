"""The case page: what it shows, the actions each role sees and may take, refusals shown with
nothing written, messages, consultations and downloads; 404 outside the collectivity."""

import pytest
from django.utils import translation

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.cases.models import Case, Consultation, Message
from jamaati.cases.services import case_accept, message_send
from jamaati.cases.tests.bo.conftest import url
from jamaati.cases.tests.factories import CaseFactory, file_case
from jamaati.core.access.roles import Role
from jamaati.core.workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def actions(response, box="staff_actions"):
    return [item["t"].name for item in response.context[box]]


def test_case_page_shows_header_clocks_timeline_and_documents(staff_client, agent, filed):
    response = staff_client(agent).get(url(filed))
    assert response.status_code == 200
    html = response.content.decode()
    assert filed.number in html
    assert filed.applicant_cin in html
    assert "Loi 55.19, art. 16-17, 19-20" in html  # the decision clock's legal basis
    assert [c["deadline"].kind for c in response.context["clocks"]] == ["decision"]
    assert response.context["clocks"][0]["days_left"] is not None
    assert [t["log"].transition for t in response.context["timeline"]] == ["file_complete"]
    attachment = filed.attachments.get()
    assert url(filed, "case-attachment", attachment_pk=attachment.pk) in html


def test_agent_sees_request_info_but_not_accept(staff_client, agent, filed):
    response = staff_client(agent).get(url(filed))
    names = actions(response)
    assert "request_info" in names
    assert "accept" not in names
    assert "refuse" not in names
    assert actions(response, "counter_actions") == []  # an online case
    assert 'action="' + url(filed, "case-act", action="accept") not in response.content.decode()


def test_signatory_sees_accept_and_refuse(staff_client, signatory, filed):
    names = actions(staff_client(signatory).get(url(filed)))
    assert {"accept", "refuse", "request_info"} <= set(names)
    assert "deem_accept" not in names
    assert "withdraw" not in names


def test_agent_posting_accept_is_403_and_changes_nothing(staff_client, agent, filed):
    response = staff_client(agent).post(url(filed, "case-act", action="accept"), {"confirm": "on"})
    assert response.status_code == 403
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_applicant_action_on_an_online_case_is_403(staff_client, agent, filed):
    response = staff_client(agent).post(
        url(filed, "case-act", action="withdraw"), {"confirm": "on"}
    )
    assert response.status_code == 403
    filed.refresh_from_db()
    assert filed.state == "submitted"


@pytest.mark.parametrize("action", ["deem_accept", "file_complete", "return_file", "nothing"])
def test_clock_only_filing_and_unknown_actions_are_404(staff_client, signatory, filed, action):
    response = staff_client(signatory).post(url(filed, "case-act", action=action))
    assert response.status_code == 404


def test_signatory_accepts_and_a_decision_is_issued(staff_client, signatory, filed):
    client = staff_client(signatory)
    response = client.post(url(filed, "case-act", action="accept"), {"confirm": "on"})
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.state == "accepted"
    page = client.get(url(filed))
    documents = page.context["documents"]
    assert [d.kind for d in documents] == ["case_decision"]
    pdf = client.get(url(filed, "case-document", verification_code=documents[0].code))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_accept_without_confirmation_writes_nothing(staff_client, signatory, filed):
    response = staff_client(signatory).post(url(filed, "case-act", action="accept"), {})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_refusal_without_reasons_is_refused_with_a_message(staff_client, signatory, filed):
    target = url(filed, "case-act", action="refuse")
    response = staff_client(signatory).post(target, {"reasons": "", "legal_basis": "Art. 5"})
    assert response.status_code == 200
    form = response.context["bound"]["refuse"]
    with translation.override("en"):
        assert form.errors.as_data()["reasons"][0].code == "required"
    assert "error-summary" in response.content.decode()
    filed.refresh_from_db()
    assert filed.state == "submitted"
    assert not TransitionLog.objects.filter(object_id=str(filed.pk), transition="refuse").exists()


def test_refusal_with_reasons_and_basis(staff_client, signatory, filed):
    response = staff_client(signatory).post(
        url(filed, "case-act", action="refuse"),
        {"reasons": "Plan non conforme", "legal_basis": "Loi 12.90, art. 43"},
    )
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.state == "refused"
    assert filed.decision_legal_basis == "Loi 12.90, art. 43"


def test_request_info_then_a_second_one_is_refused(staff_client, agent, filed):
    client = staff_client(agent)
    first = client.post(url(filed, "case-act", action="request_info"), {"request": "Le plan"})
    assert first.status_code == 302
    filed.refresh_from_db()
    assert filed.state == "awaiting_applicant"
    assert Message.objects.filter(case=filed, from_staff=True).count() == 1
    # The applicant answers; the clock resumes; a second request is refused by the engine.
    from jamaati.cases.services import case_answer_info

    case_answer_info(actor=filed.applicant, case=filed, answer="Voici", files={})
    filed.refresh_from_db()
    assert filed.state == "submitted"
    second = client.post(url(filed, "case-act", action="request_info"), {"request": "Encore"})
    assert second.status_code == 200
    form = second.context["bound"]["request_info"]
    assert form.non_field_errors() or form.errors
    assert "error-summary" in second.content.decode()
    filed.refresh_from_db()
    assert filed.state == "submitted"
    assert Message.objects.filter(case=filed, from_staff=True).count() == 1


def test_request_info_needs_its_text(staff_client, agent, filed):
    response = staff_client(agent).post(url(filed, "case-act", action="request_info"), {})
    assert response.status_code == 200
    filed.refresh_from_db()
    assert filed.state == "submitted"


def test_action_in_the_wrong_state_is_refused_with_a_message(staff_client, signatory, filed):
    case_accept(actor=signatory, case=filed)
    response = staff_client(signatory).post(
        url(filed, "case-act", action="refuse"), {"reasons": "x", "legal_basis": "y"}
    )
    assert response.status_code == 200
    assert response.context["bound"]["refuse"].non_field_errors()
    filed.refresh_from_db()
    assert filed.state == "accepted"


def test_messages_are_sent_and_the_applicants_are_marked_read(staff_client, agent, filed):
    message_send(actor=filed.applicant, case=filed, body="Question ?", from_staff=False)
    client = staff_client(agent)
    page = client.get(url(filed))
    assert "Question ?" in page.content.decode()
    assert not Message.objects.filter(case=filed, from_staff=False, read_at=None).exists()
    response = client.post(url(filed, "case-message"), {"body": "Réponse de l'agent"})
    assert response.status_code == 302
    assert Message.objects.filter(case=filed, from_staff=True, body="Réponse de l'agent").exists()


def test_empty_message_writes_nothing(staff_client, agent, filed):
    response = staff_client(agent).post(url(filed, "case-message"), {"body": "  "})
    assert response.status_code == 200
    assert response.context["bound"]["message"].errors
    assert not Message.objects.filter(case=filed).exists()


def test_consultation_request_and_answer(staff_client, agent, filed):
    client = staff_client(agent)
    response = client.post(
        url(filed, "case-consult"),
        {"service": "Service technique", "question": "Conforme ?", "days": "5"},
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(case=filed)
    assert consultation.days == 5
    bad = client.post(url(filed, "case-opinion", consultation_id=consultation.pk), {"opinion": ""})
    assert bad.status_code == 200
    consultation.refresh_from_db()
    assert consultation.answered_at is None
    ok = client.post(
        url(filed, "case-opinion", consultation_id=consultation.pk), {"opinion": "Favorable"}
    )
    assert ok.status_code == 302
    consultation.refresh_from_db()
    assert consultation.opinion == "Favorable"
    assert consultation.answered_at is not None


def test_consultation_with_too_many_days_writes_nothing(staff_client, agent, filed):
    response = staff_client(agent).post(
        url(filed, "case-consult"), {"service": "S", "question": "Q", "days": "90"}
    )
    assert response.status_code == 200
    assert response.context["bound"]["consult"].errors["days"]
    assert not Consultation.objects.filter(case=filed).exists()


def test_attachment_download(staff_client, agent, filed):
    attachment = filed.attachments.get()
    response = staff_client(agent).get(url(filed, "case-attachment", attachment_pk=attachment.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_an_auditor_reads_but_sees_no_action_and_cannot_write(staff_client, commune_a, filed):
    auditor = StaffFactory(collectivity=commune_a, role=Role.AUDITOR)
    client = staff_client(auditor)
    page = client.get(url(filed))
    assert page.status_code == 200
    assert actions(page) == []
    assert client.post(url(filed, "case-message"), {"body": "x"}).status_code == 403
    assert (
        client.post(url(filed, "case-act", action="request_info"), {"request": "x"}).status_code
        == 403
    )
    assert not Message.objects.filter(case=filed).exists()


def test_every_case_route_of_another_commune_is_404(staff_client, agent, commune_a, commune_b):
    other = CaseFactory(collectivity=commune_b)
    consultation = Consultation.objects.create(
        collectivity=commune_b, case=other, service="S", question="Q", days=3, asked_by=agent
    )
    client = staff_client(agent)
    urls = [
        url(other),
        url(other, "case-act", action="request_info"),
        url(other, "case-message"),
        url(other, "case-consult"),
        url(other, "case-opinion", consultation_id=consultation.pk),
        url(other, "case-attachment", attachment_pk=1),
        url(other, "case-document", verification_code="ABCDEFGHJKMN"),
        url(other, "case-receipt"),
    ]
    from django.urls import reverse

    for target in urls:
        own_code = target.replace(commune_b.code, commune_a.code)
        for u in (target, own_code):
            assert client.get(u).status_code == 404, u
            assert client.post(u).status_code == 404, u
    assert (
        client.get(reverse("bo:case-detail", kwargs={"code": commune_b.code, "pk": 1})).status_code
        == 404
    )


def test_opinion_of_another_cases_consultation_is_404(staff_client, agent, commune_a, filed):
    other = CaseFactory(collectivity=commune_a)
    consultation = Consultation.objects.create(
        collectivity=commune_a, case=other, service="S", question="Q", days=3, asked_by=agent
    )
    response = staff_client(agent).post(
        url(filed, "case-opinion", consultation_id=consultation.pk), {"opinion": "x"}
    )
    assert response.status_code == 404


def test_document_of_another_case_is_404(staff_client, signatory, version_a, filed):
    other = file_case(version=version_a)
    case_accept(actor=signatory, case=other)
    from jamaati.cases.documents import case_documents

    code = case_documents(other)[0].code
    response = staff_client(signatory).get(url(filed, "case-document", verification_code=code))
    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(client, filed):
    response = client.get(url(filed))
    assert response.status_code in (302, 403, 404)
    assert Case.objects.get(pk=filed.pk).state == "submitted"


def test_extend_is_offered_only_when_the_procedure_allows_it(staff_client, agent, commune_a):
    from jamaati.cases.tests.factories import version_in

    closed = file_case(version=version_in(commune_a, documents=0))
    open_ = file_case(
        version=version_in(
            commune_a, documents=0, allows_extension=True, extension_reason="expert_study"
        )
    )
    client = staff_client(agent)
    assert "extend" not in actions(client.get(url(closed)))
    assert "extend" in actions(client.get(url(open_)))
    response = client.post(url(open_, "case-act", action="extend"), {"reason": "expert_study"})
    assert response.status_code == 302
    clock = client.get(url(open_)).context["clocks"][0]["deadline"]
    assert clock.extensions == 1
