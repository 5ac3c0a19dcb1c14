"""The requester's pages and the public pages: filing online (similar requests shown first),
the receipt, following a request, complaining; the register without personal data."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.information.models import InformationRequest
from jamaati.information.services import request_answer, request_mask
from jamaati.information.tests.conftest import file_request, filing_data, pdf_upload

pytestmark = pytest.mark.django_db


def _file_url(node, lang="fr"):
    from django.utils import translation

    with translation.override(lang):
        return reverse("public:information-file", kwargs={"code": node.code})


def _mine(name, number, lang="fr", **kwargs):
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"information:{name}", kwargs={"number": number, **kwargs})


def test_filing_needs_an_account(client, commune_a):
    response = client.get(_file_url(commune_a))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_citizen_files_online_and_gets_the_receipt(client, citizen, commune_a):
    client.force_login(citizen)
    page = client.get(_file_url(commune_a, "ar"))
    assert page.status_code == 200
    assert "بدون" in page.content.decode() or "register" in page.content.decode()
    response = client.post(_file_url(commune_a), {**filing_data(), "is_urgent": ""})
    item = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _mine("request-receipt", item.number)
    receipt = client.get(response["Location"])
    assert item.number in receipt.content.decode()
    pdf = client.get(_mine("request-receipt-pdf", item.number))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_a_bad_filing_says_why_and_writes_nothing(client, citizen, commune_a):
    client.force_login(citizen)
    for data in (
        {**filing_data(), "sought": ""},
        {**filing_data(), "id_number": "123"},
        {**filing_data(), "is_urgent": "on"},
        {"sought": ["a", "b"], "id_kind": "zzz"},
        {},
    ):
        response = client.post(_file_url(commune_a), data)
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_the_first_step_shows_similar_requests_already_answered(
    client, citizen, commune_a, officer
):
    earlier = file_request(citizen, commune_a, sought="Le budget communal de 2024 et annexes")
    request_answer(actor=officer, request=earlier, kind="given", data={}, upload=pdf_upload())
    client.force_login(CitizenFactory(password=None))
    response = client.post(
        _file_url(commune_a),
        {**filing_data(), "sought": "Je voudrais le budget communal", "step": "check"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Le budget communal de 2024" in body
    assert InformationRequest.objects.count() == 1  # checking files nothing


def test_the_requester_follows_the_answer_and_downloads_the_file(
    client, citizen, commune_a, officer
):
    item = file_request(citizen, commune_a)
    request_answer(
        actor=officer, request=item, kind="given", data={"text": "Ci-joint"}, upload=pdf_upload()
    )
    client.force_login(citizen)
    page = client.get(_mine("request-detail", item.number))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Ci-joint" in body
    assert _mine("request-file", item.number) in body
    download = client.get(_mine("request-file", item.number))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "appeal_head" in body  # the complaint form while its window is open
    assert client.get(reverse("information:request-list")).status_code == 200


def test_the_requester_complains_to_the_head(client, citizen, commune_a, officer):
    item = file_request(citizen, commune_a)
    request_answer(
        actor=officer, request=item, kind="refuse", data={"ground": "not_held", "text": "Non"}
    )
    client.force_login(citizen)
    url = _mine("request-act", item.number, action="appeal_head")
    empty = client.post(url, {"reasons": ""})
    assert empty.status_code == 200
    assert "error-summary" in empty.content.decode()
    response = client.post(url, {"reasons": "Le document existe."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "appeal_head"
    assert client.post(_mine("request-act", item.number, action="withdraw")).status_code == 404


def test_a_late_complaint_is_refused_on_the_page(client, citizen, commune_a, officer):
    item = file_request(citizen, commune_a, on=date(2026, 4, 1))
    with time_machine.travel(date(2026, 4, 6), tick=False):
        request_answer(
            actor=officer, request=item, kind="refuse", data={"ground": "unclear", "text": "?"}
        )
    client.force_login(citizen)
    with time_machine.travel(date(2026, 5, 20), tick=False):
        response = client.post(
            _mine("request-act", item.number, action="appeal_head"), {"reasons": "Tard"}
        )
    assert response.status_code == 200
    assert "20" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "refused"


def test_someone_else_s_request_answers_404(client, citizen, commune_a):
    item = file_request(citizen, commune_a)
    client.force_login(CitizenFactory(password=None))
    for name, extra in (
        ("request-detail", {}),
        ("request-receipt", {}),
        ("request-receipt-pdf", {}),
        ("request-file", {}),
        ("request-document", {"verification_code": "ABCD-EFGH"}),
    ):
        assert client.get(_mine(name, item.number, **extra)).status_code == 404
    url = _mine("request-act", item.number, action="appeal_head")
    assert client.post(url, {"reasons": "x"}).status_code == 404


# --- the register --------------------------------------------------------------------------


def _register(node, lang="fr", number=None):
    from django.utils import translation

    with translation.override(lang):
        if number:
            return reverse(
                "public:information-register-detail", kwargs={"code": node.code, "number": number}
            )
        return reverse("public:information-register", kwargs={"code": node.code})


def test_the_register_shows_requests_and_answers_without_personal_data(
    client, citizen, commune_a, officer
):
    item = file_request(citizen, commune_a)
    request_answer(
        actor=officer, request=item, kind="given", data={"text": "Voici"}, upload=pdf_upload()
    )
    for url in (
        _register(commune_a),
        _register(commune_a, "ar"),
        _register(commune_a, number=item.number),
    ):
        body = client.get(url).content.decode()
        assert "Le budget communal" in body
        for personal in ("Amina", "Benali", "AB123456", "Orangers", "amina@example.ma"):
            assert personal not in body
    detail = client.get(_register(commune_a, number=item.number)).content.decode()
    assert "Voici" in detail
    file_url = reverse(
        "public:information-register-file", kwargs={"code": commune_a.code, "number": item.number}
    )
    assert client.get(file_url).status_code == 200


def test_the_register_is_searchable(client, citizen, commune_a):
    file_request(citizen, commune_a, sought="Les marchés publics de voirie en 2025")
    file_request(citizen, commune_a, sought="Le plan d'aménagement du centre")
    body = client.get(_register(commune_a) + "?q=voirie").content.decode()
    assert "voirie" in body
    assert "aménagement" not in body


def test_the_register_shows_the_masked_text(client, citizen, commune_a, officer):
    item = file_request(citizen, commune_a, sought="Le dossier de mon voisin Karim Alaoui, lot 12")
    request_mask(actor=officer, request=item, text="Le dossier d'un lot du lotissement")
    body = client.get(_register(commune_a, number=item.number)).content.decode()
    assert "Karim" not in body
    assert "lotissement" in body
    assert "Karim" not in client.get(_register(commune_a) + "?q=karim").content.decode()


def test_another_commune_s_request_is_not_in_this_register(client, citizen, commune_a, commune_b):
    item = file_request(citizen, commune_b)
    assert client.get(_register(commune_a, number=item.number)).status_code == 404
    assert item.number not in client.get(_register(commune_a)).content.decode()


def test_the_similar_box_follows_the_text_typed(client, citizen, commune_a, officer):
    earlier = file_request(citizen, commune_a, sought="Les marchés publics de voirie en 2025")
    request_answer(actor=officer, request=earlier, kind="given", data={}, upload=pdf_upload())
    from django.utils import translation

    with translation.override("fr"):
        url = reverse("public:information-similar", kwargs={"code": commune_a.code})
    body = client.get(url, {"q": "les marchés de voirie"}).content.decode()
    assert "Les marchés publics de voirie" in body
    assert "Amina" not in body
    assert "voirie" not in client.get(url, {"q": "plan d'aménagement du centre"}).content.decode()
    assert client.get(url, {"q": "x" * 5000}).status_code == 200
