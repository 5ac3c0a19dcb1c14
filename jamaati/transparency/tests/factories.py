"""Test helpers for the publication register: small real files and a publish shortcut."""

from datetime import date
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from jamaati.accounts.tests.factories import UserFactory
from jamaati.transparency.models import Publication

# A minimal but well-formed PDF (one empty page).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
CSV_BYTES = "chapitre;montant\nfonctionnement;1000\néquipement;2500\n".encode()


def pdf_upload(name: str = "budget.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def csv_upload(name: str = "budget.csv", data: bytes = CSV_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def make_publication(
    collectivity: Any,
    user: Any,
    *,
    obligation: str = "budget",
    title_ar: str = "ميزانية الجماعة",
    title_fr: str = "Budget de la commune",
    period_year: int | None = 2026,
    published_on: date = date(2026, 1, 15),
    **fields: Any,
) -> Publication:
    """A row written directly (for selectors and pages); services are tested on their own."""
    return Publication.objects.create(
        collectivity=collectivity,
        published_by=user,
        obligation=obligation,
        title_ar=title_ar,
        title_fr=title_fr,
        period_year=period_year,
        published_on=published_on,
        external_url=fields.pop("external_url", "https://example.ma/doc"),
        **fields,
    )


class PublicationFactory(factory.django.DjangoModelFactory):
    """An item in force (a link, no file): `PublicationFactory(collectivity=c)`. The project's
    cross-tenant probe finds it by name."""

    class Meta:
        model = Publication

    obligation = "services"
    title_ar = "لائحة الخدمات"
    title_fr = "Liste des services"
    external_url = "https://example.ma/services"
    published_on = date(2026, 2, 1)
    published_by = factory.SubFactory(UserFactory)
