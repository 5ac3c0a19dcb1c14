"""Issued documents: a real PDF, its stored hash, codes, shaped Arabic, audit, supersession."""

import hashlib
import re
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation

from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent
from jamaati.core.documents.models import CODE_ALPHABET, IssuedDocument, group_code
from jamaati.core.documents.render import font_faces, qr_data_uri, render_pdf, verify_url
from jamaati.core.documents.responses import document_file_response
from jamaati.core.documents.selectors import document_get_by_code, documents_of, normalise_code
from jamaati.core.documents.services import (
    document_issue,
    document_supersede,
    document_supersede_for,
)
from tests.workflow_app.factories import DossierFactory

pytestmark = pytest.mark.django_db

BEH = "\u0628"  # three behs in a row take their initial, medial and final forms
SUMMARY = [
    {"label_ar": "رقم الملف", "label_fr": "Numéro du dossier", "value": "BG-2026-000123"},
    {"label_ar": "تاريخ الإيداع", "label_fr": "Date de dépôt", "value": "2026-11-22"},
]


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user(username="clerk", password="x" * 12)


def issue(owner, actor, **overrides):
    arguments = {
        "actor": actor,
        "owner": owner,
        "kind": "case_receipt",
        "title_ar": "وصل إيداع طلب",
        "title_fr": "Récépissé de dépôt",
        "template_name": "documents/summary.html",
        "context": {"lead": f"تشهد الجماعة بتسلم الطلب {BEH * 3}"},
        "summary": SUMMARY,
        "signed_by": "رئيس المجلس الجماعي",
        **overrides,
    }
    return document_issue(**arguments)


def inflated(pdf: bytes) -> list[str]:
    """The PDF's compressed streams, decompressed (object streams included)."""
    texts = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            texts.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return texts


def to_unicode_maps(pdf: bytes) -> list[dict[str, set[str]]]:
    """Each embedded font's ToUnicode CMap read back: {unicode hex: {glyph ids}}."""
    maps = []
    for text in inflated(pdf):
        if "beginbfchar" not in text:
            continue
        by_char: dict[str, set[str]] = {}
        for glyph, char in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]{4,})>", text, re.I):
            by_char.setdefault(char.lower(), set()).add(glyph.lower())
        maps.append(by_char)
    return maps


# Rendering -------------------------------------------------------------------------------------


def test_issue_stores_a_real_pdf_whose_hash_is_the_rows(media, commune_a, clerk):
    dossier = DossierFactory(collectivity=commune_a)
    document = issue(dossier, clerk)
    document.refresh_from_db()
    with document.file.open("rb") as f:
        stored = f.read()
    assert stored.startswith(b"%PDF-")
    assert document.sha256 == hashlib.sha256(stored).hexdigest()
    assert document.size == len(stored)
    assert document.file.name == f"documents/{commune_a.code}/{document.issued_at.year}/" + (
        f"{document.code}.pdf"
    )
    # Under the private media root, not under static files or anything served.
    assert (media / document.file.name).is_file()
    assert document.collectivity == commune_a
    assert document.owner == dossier
    assert document.issued_by == clerk
    assert document.summary == [{**row, "value": row["value"]} for row in SUMMARY]
    assert document.is_valid


def test_the_arabic_is_shaped_in_the_embedded_arabic_font(media, commune_a, clerk):
    document = issue(DossierFactory(collectivity=commune_a), clerk)
    with document.file.open("rb") as f:
        pdf = f.read()
    assert any("Jamaati-Arabic" in t for t in [pdf.decode("latin-1"), *inflated(pdf)]), (
        "the Arabic font is not embedded"
    )
    glyphs_for_beh = max(len(m.get("0628", ())) for m in to_unicode_maps(pdf))
    # Unshaped text would draw one beh glyph three times; shaped, initial, medial and final.
    assert glyphs_for_beh >= 3


def test_unshaped_text_would_be_caught(media, commune_a):
    """The shaping check above can fail: Latin text has one glyph per letter."""
    pdf = render_pdf(
        "documents/summary.html",
        {"collectivity": commune_a, "title_fr": "bbb", "lead": "bbb"},
        language="fr",
    )
    assert max(len(m.get("0062", ())) for m in to_unicode_maps(pdf)) == 1


def test_base_template_sets_language_direction_and_logical_css(commune_a):
    for language, direction in (("ar", "rtl"), ("fr", "ltr")):
        with translation.override(language):
            html = render_to_string(
                "documents/summary.html",
                {"lang": language, "dir": direction, "font_faces": font_faces(), "code": "X"},
            )
        assert f'<html lang="{language}" dir="{direction}">' in html
        assert "file://" in html
        assert not re.search(
            r"(margin|padding|border)-(left|right)|text-align:\s*(left|right)", html
        )


def test_the_pdf_prints_the_code_and_its_verify_url(commune_a):
    pdf = render_pdf(
        "documents/summary.html",
        {"collectivity": commune_a, "title_fr": "Reçu", "code": "7K3MQ9PX2TRW"},
        language="fr",
    )
    url = "http://127.0.0.1:8000/fr/verify/7K3MQ9PX2TRW/"
    assert verify_url("7K3MQ9PX2TRW", "fr") == url
    # The printed URL is also a link, for whoever holds the file rather than the paper.
    assert any(
        f"(/URI ({url}))" in t or f"/URI ({url})" in t
        for t in [pdf.decode("latin-1"), *inflated(pdf)]
    )


def test_the_page_carries_the_qr_code_of_the_verify_url(commune_a, settings):
    settings.JAMAATI_PUBLIC_URL = "https://jamaati.example.ma"
    url = "https://jamaati.example.ma/ar/verify/7K3MQ9PX2TRW/"
    with translation.override("ar"):
        html = render_to_string(
            "documents/summary.html",
            {"lang": "ar", "code": "7K3MQ9PX2TRW", "qr": qr_data_uri(url), "verify_url": url},
        )
    assert f'<img src="{qr_data_uri(url)}"' in html
    assert qr_data_uri(url).startswith("data:image/svg+xml")
    assert verify_url("7K3MQ9PX2TRW", "ar") == url


def test_render_refuses_other_languages(commune_a):
    with pytest.raises(ValueError, match="not 'zgh'"):
        render_pdf("documents/summary.html", {}, language="zgh")


def test_documents_load_no_file_but_the_fonts(commune_a, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    from jamaati.core.documents.render import _LocalFetcher

    with pytest.raises(ValueError, match="may not load"):
        _LocalFetcher().fetch(secret.as_uri())
    with pytest.raises(ValueError, match="may not load"):
        _LocalFetcher().fetch("http://169.254.169.254/latest/meta-data/")
    assert _LocalFetcher().fetch(font_faces()[0][2])


# Codes ------------------------------------------------------------------------------------------


def test_codes_are_twelve_crockford_characters_and_unique(media, commune_a, clerk):
    dossier = DossierFactory(collectivity=commune_a)
    documents = [issue(dossier, clerk, language="fr") for _ in range(8)]
    codes = [d.code for d in documents]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == 12
        assert set(code) <= set(CODE_ALPHABET)
    assert not set(CODE_ALPHABET) & set("ILOU")
    assert documents[0].display_code == group_code(codes[0])
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", documents[0].display_code)


def test_a_taken_code_is_drawn_again(media, commune_a, clerk, monkeypatch):
    first = issue(DossierFactory(collectivity=commune_a), clerk)
    draws = iter([first.code, first.code, "ABCDEFGHJKMN"])
    monkeypatch.setattr("jamaati.core.documents.services.new_code", lambda: next(draws))
    second = issue(DossierFactory(collectivity=commune_a), clerk)
    assert second.code == "ABCDEFGHJKMN"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7K3M-Q9PX-2TRW", "7K3MQ9PX2TRW"),
        (" 7k3m q9px 2trw ", "7K3MQ9PX2TRW"),
        ("OIL0-0000-0000", "011000000000"),
        ("7K3MQ9PX2TR", None),
        ("7K3MQ9PX2TRWX", None),
        ("7K3MQ9PX2TRU", None),
        ("\u0667K3MQ9PX2TRW", None),  # an Arabic-Indic seven
        ("", None),
        (None, None),
        ("x" * 5000, None),
    ],
)
def test_normalise_code(typed, expected):
    assert normalise_code(typed) == expected


def test_get_by_code_accepts_any_spelling_and_404s_otherwise(media, commune_a, clerk):
    document = issue(DossierFactory(collectivity=commune_a), clerk)
    assert document_get_by_code(document.display_code.lower()) == document
    with pytest.raises(Http404):
        document_get_by_code("0000-0000-0000" if document.code != "0" * 12 else "1" * 12)
    with pytest.raises(Http404):
        document_get_by_code("not a code")


def test_documents_of_an_owner(media, commune_a, clerk):
    dossier, other = DossierFactory.create_batch(2, collectivity=commune_a)
    receipt = issue(dossier, clerk)
    decision = issue(dossier, clerk, kind="decision", language="fr")
    issue(other, clerk)
    assert list(documents_of(dossier)) == [decision, receipt]
    assert list(documents_of(dossier, kind="decision")) == [decision]


# Audit and supersession -------------------------------------------------------------------------


def test_issue_is_audited(media, commune_a, clerk):
    document = issue(DossierFactory(collectivity=commune_a), clerk)
    event = AuditEvent.objects.get(collectivity=commune_a, action="document.issue")
    assert event.object_type == "core.issueddocument"
    assert event.object_id == str(document.pk)
    assert event.actor_id == clerk.pk
    assert event.changes["code"] == document.code
    assert event.changes["sha256"] == document.sha256
    assert verify_chain(commune_a) is None


def test_supersede_marks_invalid_and_is_refused_twice(media, commune_a, clerk):
    document = issue(DossierFactory(collectivity=commune_a), clerk)
    with pytest.raises(ValidationError):
        document_supersede(actor=clerk, document=document, reason="  ")
    document_supersede(actor=clerk, document=document, reason="Error in the applicant's name")
    document.refresh_from_db()
    assert not document.is_valid
    assert document.superseded_reason == "Error in the applicant's name"
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        document_supersede(actor=clerk, document=document, reason="again")
    with translation.override("en"):  # lazy or not, the message is read in English
        assert "already superseded" in str(refused.value)
    assert AuditEvent.objects.filter(action="document.supersede").count() == 1


def test_supersede_for_owner_and_kind(media, commune_a, clerk):
    dossier = DossierFactory(collectivity=commune_a)
    receipts = [issue(dossier, clerk), issue(dossier, clerk)]
    decision = issue(dossier, clerk, kind="decision")
    done = document_supersede_for(actor=clerk, owner=dossier, kind="case_receipt", reason="New")
    assert sorted(d.pk for d in done) == sorted(d.pk for d in receipts)
    assert not IssuedDocument.objects.filter(kind="case_receipt").valid().exists()
    decision.refresh_from_db()
    assert decision.is_valid
    assert document_supersede_for(actor=clerk, owner=dossier, kind="case_receipt", reason="x") == []


def test_file_response_is_a_pdf_named_after_kind_and_code(media, commune_a, clerk):
    document = issue(DossierFactory(collectivity=commune_a), clerk)
    response = document_file_response(document, inline=False)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert f'filename="case_receipt-{document.code}.pdf"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert document_file_response(document)["Content-Disposition"].startswith("inline")


def test_title_follows_the_active_language(commune_a):
    document = IssuedDocument(title_ar="وصل", title_fr="Récépissé")
    with translation.override("fr"):
        assert document.title == "Récépissé"
    with translation.override("ar"):
        assert document.title == "وصل"
    with translation.override("zgh"):
        assert document.title == "وصل"
