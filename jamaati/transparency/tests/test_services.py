"""Writes: publish (file, link, CSV), replace, withdraw; bad input writes nothing; audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from jamaati.core.audit.models import AuditEvent
from jamaati.transparency.models import Publication
from jamaati.transparency.services import publication_publish, publication_withdraw
from jamaati.transparency.tests.factories import CSV_BYTES, PDF_BYTES, csv_upload, pdf_upload

pytestmark = pytest.mark.django_db


def publish(actor, collectivity, **overrides):
    data = {
        "obligation": "budget",
        "title_ar": "ميزانية 2026",
        "title_fr": "Budget 2026",
        "period_year": 2026,
        "file": pdf_upload(),
    }
    data.update(overrides)
    return publication_publish(actor=actor, collectivity=collectivity, **data)


def test_publish_a_pdf_is_stored_and_audited(agent, commune_a):
    item = publish(agent, commune_a)
    assert item.content_type == "application/pdf"
    assert item.size == len(PDF_BYTES)
    assert item.file.read() == PDF_BYTES
    assert item.original_name == "budget.pdf"
    assert item.published_on == timezone.localdate()
    event = AuditEvent.objects.filter(action="publication.publish").last()
    assert event.object_id == str(item.pk)


def test_publish_a_csv_or_only_a_link(officer, commune_a):
    item = publish(officer, commune_a, file=csv_upload())
    assert item.content_type == "text/csv"
    assert item.size == len(CSV_BYTES)
    link = publish(
        officer,
        commune_a,
        obligation="services",
        period_year="",
        file=None,
        external_url="https://www.idarati.ma/",
    )
    assert link.external_url == "https://www.idarati.ma/"
    assert not link.file


def test_replace_withdraws_the_old_item(agent, commune_a):
    old = publish(agent, commune_a)
    new = publish(agent, commune_a, title_ar="ميزانية 2026 المعدلة", replaces=old)
    old.refresh_from_db()
    assert old.is_withdrawn
    assert old.superseded_by == new
    assert old.withdrawn_by == agent
    assert Publication.objects.count() == 2  # nothing deleted
    assert AuditEvent.objects.filter(action="publication.withdraw").count() == 1


def test_withdraw_needs_a_reason_and_happens_once(agent, commune_a):
    item = publish(agent, commune_a)
    with pytest.raises(ValidationError):
        publication_withdraw(actor=agent, item=item, reason="  ")
    publication_withdraw(actor=agent, item=item, reason="Erreur de chiffres")
    item.refresh_from_db()
    assert item.withdrawal_reason == "Erreur de chiffres"
    with pytest.raises(ValidationError):
        publication_withdraw(actor=agent, item=item, reason="encore")


BIG = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 200, content_type="application/pdf")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_ar": "  "}, "title_ar"),
        ({"file": None, "external_url": ""}, "file"),
        ({"file": None, "external_url": "javascript:alert(1)"}, "external_url"),
        ({"file": None, "external_url": "ftp://example.ma/x"}, "external_url"),
        ({"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")}, "file"),
        ({"file": SimpleUploadedFile("x.csv", b"\x00\x01\x02;binary\n")}, "file"),
        ({"file": SimpleUploadedFile("x.exe", CSV_BYTES)}, "file"),
        ({"file": SimpleUploadedFile("empty.pdf", b"")}, "file"),
        ({"period_year": 2099}, "period_year"),
        ({"period_year": "deux mille"}, "period_year"),
        ({"period_year": ""}, "period_year"),  # annual obligation without its year
        ({"obligation": "horoscope"}, "obligation"),
        ({"title_ar": "a" * 300}, "title_ar"),
        ({"title_fr": "\x00"}, "title_fr"),
    ],
)
def test_bad_input_writes_nothing(agent, commune_a, overrides, field):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        publish(agent, commune_a, **overrides)
    assert field in error.value.message_dict
    assert Publication.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_oversized_file_is_refused(agent, commune_a, settings):
    settings.CASES_MAX_UPLOAD_BYTES = len(PDF_BYTES) + 10
    with pytest.raises(ValidationError) as error:
        publish(agent, commune_a, file=BIG)
    assert "file" in error.value.message_dict
    assert Publication.objects.count() == 0


def test_next_year_is_allowed(agent, commune_a):
    item = publish(agent, commune_a, period_year=timezone.localdate().year + 1)
    assert item.period_year == timezone.localdate().year + 1


def test_denied_and_other_commune(signatory, agent_b, agent, commune_a):
    with pytest.raises(PermissionDenied):
        publish(signatory, commune_a)
    with pytest.raises(Http404):
        publish(agent_b, commune_a)
    item = publish(agent, commune_a)
    with pytest.raises(Http404):
        publication_withdraw(actor=agent_b, item=item, reason="x")
    with pytest.raises(PermissionDenied):
        publication_withdraw(actor=signatory, item=item, reason="x")
    assert Publication.objects.count() == 1
