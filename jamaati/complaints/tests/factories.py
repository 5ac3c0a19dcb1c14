"""Factories for complaints.

`ComplaintFactory(collectivity=c)` writes a complaint straight to the database, received, with
no clock (test data for probes and lists); tests of the rules file complaints through
`complaint_file`, with `file_complaint()` below.
"""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.complaints.models import Complaint, ComplaintCategory, ComplaintPhoto

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
RABAT = ("34.020882", "-6.841650")
BEN_GUERIR = ("32.236000", "-7.954000")


def png_upload(name: str = "photo.png", content: bytes = PNG_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def jpeg_bytes() -> bytes:
    """A small real JPEG (drawn with Pillow)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


class ComplaintCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplaintCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-category-{n}")
    name_ar = "الإنارة العمومية"
    name_fr = "Éclairage public"
    group = "Voirie / الطرق"
    level = "commune"
    service_name_ar = "مصلحة الأشغال"
    service_name_fr = "Service des travaux"


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    collectivity = factory.LazyFunction(lambda: None)
    number = factory.Sequence(lambda n: f"TEST-R-{timezone.now().year}-{n:06d}")
    kind = "complaint"
    category = factory.SubFactory(ComplaintCategoryFactory)
    channel = "web"
    text = "Le lampadaire de la rue 5 est éteint depuis une semaine."
    applicant = factory.SubFactory(CitizenFactory)
    contact_name = "Amina Benali"
    state = "received"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=60))


class ComplaintPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplaintPhoto

    collectivity = factory.LazyFunction(lambda: None)
    complaint = factory.LazyAttribute(lambda o: ComplaintFactory(collectivity=o.collectivity))
    file = factory.django.FileField(filename="photo.png", data=PNG_BYTES)
    content_type = "image/png"
    size = len(PNG_BYTES)
    sha256 = "0" * 64
    original_name = "photo.png"


def file_complaint(collectivity, actor, **overrides):
    """A complaint filed through the service (clocks running), web channel by default."""
    from jamaati.complaints.services import complaint_file

    kwargs = {
        "actor": actor,
        "collectivity": collectivity,
        "kind": "complaint",
        "category": overrides.pop("category", None) or ComplaintCategoryFactory(),
        "text": "Le lampadaire de la rue 5 est éteint depuis une semaine.",
        "channel": "web",
    }
    kwargs.update(overrides)
    return complaint_file(**kwargs)
