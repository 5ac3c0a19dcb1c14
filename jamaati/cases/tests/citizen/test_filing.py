"""Filing online through HTTP: complete and incomplete files, receipts, refused input."""

from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from jamaati.cases.models import Attachment, Case
from jamaati.cases.tests.citizen.helpers import file_url, signed_in, url
from jamaati.cases.tests.factories import pdf_upload, version_in
from jamaati.catalogue.tests.factories import published_version

pytestmark = pytest.mark.django_db

SCHEMA = [
    {
        "name": "plot",
        "type": "text",
        "label_ar": "رقم القطعة",
        "label_fr": "Parcelle",
        "required": True,
    },
    {"name": "surface", "type": "number", "label_ar": "المساحة", "label_fr": "Surface", "min": 1},
]


@pytest.fixture
def version(commune_a):
    return version_in(commune_a, documents=2, form_schema=SCHEMA)


def _docs(version):
    return list(version.documents.order_by("position"))


def test_filing_page_shows_the_procedure_and_a_file_input_per_document(client, version):
    signed_in(client)
    response = client.get(file_url(version))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert version.name_ar in html
    assert 'enctype="multipart/form-data"' in html
    for d in _docs(version):
        assert f'name="document_{d.pk}"' in html
        assert d.name_ar in html
    assert html.count('accept=".pdf,.jpg,.jpeg,.png"') == 2
    assert 'name="plot"' in html


def test_anonymous_visitor_is_sent_to_sign_in_with_next(client, version):
    target = file_url(version)
    response = client.get(target)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=" in response["Location"]
    assert client.post(target, {"plot": "12"}).status_code == 302
    assert Case.objects.count() == 0


def test_complete_filing_redirects_to_the_receipt(client, version):
    citizen = signed_in(client)
    d1, d2 = _docs(version)
    response = client.post(
        file_url(version),
        {
            "plot": "A-12",
            "surface": "120",
            f"document_{d1.pk}": pdf_upload("a.pdf"),
            f"document_{d2.pk}": pdf_upload("b.pdf"),
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("cases:case-receipt", number=case.number)
    assert case.applicant == citizen
    assert case.state == "submitted"
    assert case.channel == "online"
    assert case.data == {"plot": "A-12", "surface": "120"} or case.data["plot"] == "A-12"
    receipt = client.get(response["Location"])
    html = unescape(receipt.content.decode())
    assert case.number in html
    assert "a.pdf" in html
    assert "b.pdf" in html


def test_incomplete_filing_receipt_lists_every_missing_document_and_the_limit(client, version):
    signed_in(client)
    d1, d2 = _docs(version)
    response = client.post(file_url(version, "fr"), {"plot": "A-12"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.state == "incomplete"
    with translation.override("fr"):
        receipt = client.get(url("cases:case-receipt", "fr", number=case.number))
    html = unescape(receipt.content.decode())
    assert d1.name_fr in html
    assert d2.name_fr in html
    limit = timezone.localdate() + timedelta(days=30)
    assert str(limit.year) in html
    from django.utils.formats import date_format

    with translation.override("fr"):
        assert date_format(limit, "DATE_FORMAT") in html


def test_receipt_pdf_downloads(client, version):
    signed_in(client)
    client.post(file_url(version), {"plot": "1"})
    case = Case.objects.get()
    response = client.get(url("cases:case-receipt-pdf", number=case.number))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_invalid_answer_is_shown_on_its_field_and_nothing_is_written(client, version):
    signed_in(client)
    d1, _d2 = _docs(version)
    with translation.override("en"):
        response = client.post(
            file_url(version, "fr"),
            {"plot": "", "surface": "-5", f"document_{d1.pk}": pdf_upload()},
        )
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert 'class="error-summary"' in html
    assert 'href="#id_plot"' in html
    assert 'href="#id_surface"' in html
    assert Case.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_a_text_file_named_pdf_is_refused_on_its_field(client, version):
    signed_in(client)
    d1, _d2 = _docs(version)
    fake = SimpleUploadedFile("cin.pdf", b"just some text, not a PDF", "application/pdf")
    response = client.post(file_url(version), {"plot": "1", f"document_{d1.pk}": fake})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="#id_document_{d1.pk}"' in html
    assert f'id="id_document_{d1.pk}-error"' in html
    assert Case.objects.count() == 0


def test_an_oversized_file_is_refused(client, version, settings):
    settings.CASES_MAX_UPLOAD_BYTES = 100
    signed_in(client)
    d1, _d2 = _docs(version)
    big = pdf_upload("big.pdf", b"%PDF-1.4\n" + b"0" * 500)
    response = client.post(file_url(version), {"plot": "1", f"document_{d1.pk}": big})
    assert response.status_code == 200
    assert f'id="id_document_{d1.pk}-error"' in response.content.decode()
    assert Case.objects.count() == 0


def test_a_procedure_not_online_shows_a_message_not_a_form(client, commune_a):
    version = version_in(commune_a, is_online=False)
    signed_in(client)
    response = client.get(file_url(version))
    assert response.status_code == 200
    assert b'<form method="post" enctype' not in response.content
    assert client.post(file_url(version), {}).status_code == 200
    assert Case.objects.count() == 0


def test_another_communes_procedure_under_this_code_answers_404(client, commune_a, commune_b):
    version = version_in(commune_b)
    signed_in(client)
    wrong = url("public:case-file", code=commune_a.code, slug=version.procedure.slug)
    assert client.get(wrong).status_code == 404
    assert client.post(wrong, {}).status_code == 404


def test_unpublished_procedure_answers_404(client, commune_a):
    from jamaati.catalogue.tests.factories import ProcedureVersionFactory

    draft = ProcedureVersionFactory(collectivity=commune_a, is_online=True)
    signed_in(client)
    assert client.get(file_url(draft)).status_code == 404


def test_procedure_page_has_an_apply_online_button_only_when_online(client, commune_a):
    online = version_in(commune_a)
    offline = published_version(collectivity=commune_a, is_online=False)
    for version, expected in ((online, True), (offline, False)):
        page = client.get(
            url(
                "public:catalogue:procedure-detail",
                code=commune_a.code,
                slug=version.procedure.slug,
            )
        )
        assert (file_url(version) in page.content.decode()) is expected


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_filing_page_renders_in_arabic_and_french(client, version, lang, direction):
    signed_in(client)
    response = client.get(file_url(version, lang))
    assert response.status_code == 200
    assert f'lang="{lang}" dir="{direction}"' in response.content.decode()


def test_a_business_files_online_with_its_ice(client, commune_a):
    from jamaati.accounts.tests.factories import CitizenFactory
    from jamaati.cases.models import Case
    from jamaati.cases.tests.factories import version_in

    citizen = CitizenFactory()
    version = version_in(commune_a, documents=0)
    client.force_login(citizen)
    url = f"/fr/c/{commune_a.code}/procedures/{version.procedure.slug}/apply/"
    response = client.post(url, {"applicant_kind": "business", "business_name": "Atlas SARL"})
    assert response.status_code == 200
    assert "ICE" in response.content.decode()
    assert not Case.objects.exists()
    response = client.post(
        url,
        {"applicant_kind": "business", "business_name": "Atlas SARL", "business_ice": "0" * 15},
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.applicant, case.business_name, case.business_ice) == (
        citizen,
        "Atlas SARL",
        "0" * 15,
    )
