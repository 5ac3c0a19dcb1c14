"""The applicant's case pages through HTTP: scoping, documents, answers, appeals, withdrawal,
rating and messages."""

from html import unescape

import pytest
from django.utils import translation

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.models import Attachment, Case, Message, Rating
from jamaati.cases.selectors import unread_count
from jamaati.cases.services import (
    case_accept,
    case_refuse,
    case_request_info,
    message_send,
)
from jamaati.cases.tests.citizen.helpers import signed_in, url
from jamaati.cases.tests.factories import file_case, pdf_upload, version_in
from jamaati.core.access.roles import Role
from jamaati.core.documents.models import IssuedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(commune_a):
    return version_in(commune_a, documents=2)


@pytest.fixture
def citizen():
    return CitizenFactory()


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT)


@pytest.fixture
def signatory(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.SIGNATORY)


@pytest.fixture
def case(citizen, version):
    return file_case(citizen=citizen, version=version)


def _routes(case, attachment_pk, code="XXXX"):
    n = case.number
    return {
        "get": [
            url("cases:case-detail", number=n),
            url("cases:case-receipt", number=n),
            url("cases:case-receipt-pdf", number=n),
            url("cases:case-document", number=n, verification_code=code),
            url("cases:case-attachment", number=n, attachment_pk=attachment_pk),
        ],
        "post": [
            url("cases:case-upload", number=n),
            url("cases:case-message", number=n),
            url("cases:case-act", number=n, action="withdraw"),
            url("cases:case-act", number=n, action="appeal"),
            url("cases:case-rate", number=n),
        ],
    }


def test_another_citizens_case_answers_404_on_every_route(client, case, signatory):
    case = case_accept(actor=signatory, case=case)
    code = IssuedDocument.objects.filter(kind="case_decision").get().code
    attachment = case.attachments.first()
    signed_in(client, CitizenFactory())
    routes = _routes(case, attachment.pk, code)
    for target in routes["get"]:
        assert client.get(target).status_code == 404, target
    for target in routes["post"]:
        response = client.post(target, {"confirm": "yes", "reasons": "x", "body": "x"})
        assert response.status_code == 404, target
    assert Message.objects.count() == 0
    assert Case.objects.get().state == "accepted"


def test_staff_of_the_commune_is_not_the_applicant_either(client, case, agent):
    signed_in(client, agent)
    assert client.get(url("cases:case-detail", number=case.number)).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_on_every_route(client, case):
    routes = _routes(case, case.attachments.first().pk)
    for target in routes["get"] + routes["post"] + [url("cases:case-list")]:
        response = client.post(target) if target in routes["post"] else client.get(target)
        assert response.status_code == 302, target
        assert "/accounts/login/" in response["Location"]


def test_my_cases_list_shows_only_mine_newest_first_with_unread_badge(
    client, citizen, version, agent
):
    first = file_case(citizen=citizen, version=version)
    second = file_case(citizen=citizen, version=version)
    other = file_case(version=version)
    message_send(actor=agent, case=first, body="Bonjour", from_staff=True)
    signed_in(client, citizen)
    with translation.override("fr"):
        response = client.get(url("cases:case-list", "fr"))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert html.index(second.number) < html.index(first.number)
    assert other.number not in html
    assert "1 new message" in html or "1 nouveau message" in html or "1 " in html
    assert html.count("<strong>1 ") == 1


def test_incomplete_case_page_lists_all_missing_documents_and_upload_completes(
    client, citizen, version
):
    d1, d2 = version.documents.order_by("position")
    case = file_case(citizen=citizen, version=version, documents={})
    assert case.state == "incomplete"
    signed_in(client, citizen)
    page = unescape(client.get(url("cases:case-detail", number=case.number)).content.decode())
    assert d1.name_ar in page
    assert d2.name_ar in page
    assert f'name="document_{d1.pk}"' in page
    assert f'name="document_{d2.pk}"' in page

    response = client.post(
        url("cases:case-upload", number=case.number), {f"document_{d1.pk}": pdf_upload()}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "incomplete"
    response = client.post(
        url("cases:case-upload", number=case.number), {f"document_{d2.pk}": pdf_upload()}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "submitted"


def test_upload_without_a_file_shows_the_error_and_writes_nothing(client, citizen, version):
    case = file_case(citizen=citizen, version=version, documents={})
    signed_in(client, citizen)
    response = client.post(url("cases:case-upload", number=case.number), {})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert Attachment.objects.count() == 0


def test_answering_the_request_resumes_the_review(client, citizen, case, agent):
    case = case_request_info(actor=agent, case=case, request="Envoyez une CIN lisible.")
    assert case.state == "awaiting_applicant"
    signed_in(client, citizen)
    page = unescape(client.get(url("cases:case-detail", number=case.number)).content.decode())
    assert "Envoyez une CIN lisible." in page
    assert 'name="answer"' in page
    d1 = case.version.documents.order_by("position").first()
    response = client.post(
        url("cases:case-upload", number=case.number),
        {"answer": "Voici la CIN.", f"document_{d1.pk}": pdf_upload("cin2.pdf")},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "submitted"
    assert case.attachments.filter(original_name="cin2.pdf").exists()
    assert Message.objects.filter(from_staff=False, body="Voici la CIN.").exists()


def test_empty_answer_is_refused(client, citizen, case, agent):
    case = case_request_info(actor=agent, case=case, request="Précisez l'adresse.")
    signed_in(client, citizen)
    response = client.post(url("cases:case-upload", number=case.number), {"answer": "  "})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    case.refresh_from_db()
    assert case.state == "awaiting_applicant"


def test_appeal_without_reasons_is_refused_then_with_reasons_goes_to_the_president(
    client, citizen, case, signatory
):
    case = case_refuse(actor=signatory, case=case, reasons="Hors zone", legal_basis="Art. 5")
    signed_in(client, citizen)
    target = url("cases:case-act", number=case.number, action="appeal")
    page = client.get(url("cases:case-detail", number=case.number)).content.decode()
    assert target in page
    assert "Hors zone" in page
    assert "Art. 5" in page
    response = client.post(target, {"reasons": "   "})
    assert response.status_code == 200
    assert 'href="#id_reasons"' in response.content.decode()
    case.refresh_from_db()
    assert case.state == "refused"
    response = client.post(target, {"reasons": "La parcelle est dans la zone."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "appeal_president"


def test_an_action_not_allowed_in_the_state_is_refused_with_a_message(client, citizen, case):
    signed_in(client, citizen)
    response = client.post(
        url("cases:case-act", number=case.number, action="appeal"), {"reasons": "Pourquoi"}
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    case.refresh_from_db()
    assert case.state == "submitted"


def test_unknown_or_staff_action_answers_404(client, citizen, case):
    signed_in(client, citizen)
    for action in ("accept", "grant_appeal", "nope"):
        response = client.post(url("cases:case-act", number=case.number, action=action))
        assert response.status_code == 404
    case.refresh_from_db()
    assert case.state == "submitted"


def test_withdraw_asks_for_confirmation_first(client, citizen, case):
    signed_in(client, citizen)
    target = url("cases:case-act", number=case.number, action="withdraw")
    response = client.post(target)
    assert response.status_code == 200
    assert 'name="confirm" value="yes"' in response.content.decode()
    case.refresh_from_db()
    assert case.state == "submitted"
    response = client.post(target, {"confirm": "yes"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "withdrawn"
    page = client.get(url("cases:case-detail", number=case.number)).content.decode()
    assert target not in page
    assert 'name="score"' in page


def test_rating_once_then_refused(client, citizen, case, signatory):
    case = case_accept(actor=signatory, case=case)
    signed_in(client, citizen)
    target = url("cases:case-rate", number=case.number)
    assert client.post(target, {"score": "9"}).status_code == 200
    assert Rating.objects.count() == 0
    assert client.post(target, {"score": "4", "comment": "Rapide"}).status_code == 302
    assert Rating.objects.get().score == 4
    response = client.post(target, {"score": "5"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert Rating.objects.get().score == 4


def test_rating_an_open_case_is_refused(client, citizen, case):
    signed_in(client, citizen)
    response = client.post(url("cases:case-rate", number=case.number), {"score": "5"})
    assert response.status_code == 200
    assert Rating.objects.count() == 0


def test_opening_the_page_marks_staff_messages_read_and_sending_reaches_staff(
    client, citizen, case, agent
):
    message_send(actor=agent, case=case, body="Question ?", from_staff=True)
    message_send(actor=agent, case=case, body="Relance", from_staff=True)
    assert unread_count(case, staff_side=False) == 2
    signed_in(client, citizen)
    page = unescape(client.get(url("cases:case-detail", number=case.number)).content.decode())
    assert "Question ?" in page
    assert "Relance" in page
    assert unread_count(case, staff_side=False) == 0

    response = client.post(url("cases:case-message", number=case.number), {"body": "Réponse"})
    assert response.status_code == 302
    assert unread_count(case, staff_side=True) == 1
    response = client.post(url("cases:case-message", number=case.number), {"body": "  "})
    assert response.status_code == 200
    assert unread_count(case, staff_side=True) == 1


def test_supplied_file_is_served_as_attachment_with_its_stored_type(client, citizen, case):
    attachment = case.attachments.first()
    Attachment.objects.filter(pk=attachment.pk).update(original_name="x.html")
    signed_in(client, citizen)
    response = client.get(
        url("cases:case-attachment", number=case.number, attachment_pk=attachment.pk)
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    other = file_case(version=case.version)
    stranger = other.attachments.first()
    assert (
        client.get(
            url("cases:case-attachment", number=case.number, attachment_pk=stranger.pk)
        ).status_code
        == 404
    )


def test_decision_is_listed_and_downloads_and_another_cases_code_answers_404(
    client, citizen, case, signatory
):
    case = case_accept(actor=signatory, case=case)
    other = case_accept(actor=signatory, case=file_case(version=case.version))
    mine = IssuedDocument.objects.get(kind="case_decision", object_id=str(case.pk))
    theirs = IssuedDocument.objects.get(kind="case_decision", object_id=str(other.pk))
    signed_in(client, citizen)
    page = client.get(url("cases:case-detail", number=case.number)).content.decode()
    target = url("cases:case-document", number=case.number, verification_code=mine.code)
    assert target in page
    response = client.get(target)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    wrong = url("cases:case-document", number=case.number, verification_code=theirs.code)
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_case_pages_render_in_arabic_and_french(client, citizen, case, lang, direction):
    signed_in(client, citizen)
    for name in ("cases:case-detail", "cases:case-receipt"):
        response = client.get(url(name, lang, number=case.number))
        assert response.status_code == 200
        assert f'lang="{lang}" dir="{direction}"' in response.content.decode()
    response = client.get(url("cases:case-list", lang))
    assert response.status_code == 200
    assert f'lang="{lang}" dir="{direction}"' in response.content.decode()
    assert url("cases:case-list", lang) in response.content.decode()  # header link


def test_appeal_against_silence_is_offered_once_the_decision_delay_ran_out(
    client, citizen, case, time_machine
):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from jamaati.core.deadlines.selectors import deadlines_of

    target = url("cases:case-act", number=case.number, action="appeal_silence")
    signed_in(client, citizen)
    assert target not in client.get(url("cases:case-detail", number=case.number)).content.decode()
    clock = deadlines_of(case).get(kind="decision")
    assert clock.on_expiry == ""
    deadlines_of(case).filter(kind="decision").update(status="expired")
    later = clock.due_on + timedelta(days=2)
    time_machine.move_to(datetime.combine(later, time(10), tzinfo=timezone.get_current_timezone()))
    signed_in(client, citizen)  # the first session has expired by then
    assert target in client.get(url("cases:case-detail", number=case.number)).content.decode()
    response = client.post(target, {"reasons": "Aucune réponse dans le délai."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "appeal_president"


def test_dismissed_appeal_can_be_referred_to_the_governor(client, citizen, case, signatory):
    from jamaati.cases.services import case_act

    case = case_refuse(actor=signatory, case=case, reasons="Hors zone", legal_basis="Art. 5")
    case = case_act(actor=citizen, case=case, name="appeal", reasons="Je conteste.")
    case = case_act(actor=signatory, case=case, name="dismiss_appeal", reasons="Maintenu.")
    signed_in(client, citizen)
    target = url("cases:case-act", number=case.number, action="refer_governor")
    assert target in client.get(url("cases:case-detail", number=case.number)).content.decode()
    assert client.post(target, {"reasons": ""}).status_code == 200
    case.refresh_from_db()
    assert case.state == "appeal_dismissed"
    assert client.post(target, {"reasons": "Je saisis le gouverneur."}).status_code == 302
    case.refresh_from_db()
    assert case.state == "appeal_governor"
