"""Factories for cases.

`CaseFactory(collectivity=c)` writes a case straight to the database in the `submitted` state
with no clock (test data for probes and lists); tests of the rules file cases through
`case_submit`, with `file_case()` below.
"""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jamaati.accounts.tests.factories import CitizenFactory, UserFactory
from jamaati.cases.models import Attachment, Case, Channel, Consultation, Message
from jamaati.catalogue.tests.factories import published_version
from jamaati.core.names import search_key

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def pdf_upload(name: str = "cin.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    """A small, real PDF as a browser would upload it."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def pdf_text(path) -> str:
    """The text of a PDF the platform issued, as a reader would extract it."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def version_in(collectivity, *, documents: int = 1, **kwargs):
    """A published, online version of a procedure of `collectivity`, with `documents`
    mandatory user-supplied documents."""
    kwargs.setdefault("is_online", True)
    kwargs.setdefault("is_at_counter", True)
    return published_version(
        collectivity=collectivity,
        documents=[{"name_ar": f"وثيقة {i}", "name_fr": f"Document {i}"} for i in range(documents)],
        **kwargs,
    )


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    collectivity = factory.LazyFunction(lambda: None)
    version = factory.LazyAttribute(lambda o: version_in(o.collectivity, documents=0))
    procedure = factory.LazyAttribute(lambda o: o.version.procedure)
    number = factory.Sequence(lambda n: f"TEST-{timezone.now().year}-{n:06d}")
    state = "submitted"
    channel = Channel.ONLINE
    applicant = factory.SubFactory(CitizenFactory)
    applicant_name = "Amina Benali"
    filed_by = factory.SelfAttribute("applicant")
    due_on = factory.LazyFunction(lambda: timezone.localdate())
    search_key = factory.LazyAttribute(lambda o: search_key(f"{o.number} {o.applicant_name}"))


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    case = factory.SubFactory(CaseFactory, collectivity=factory.SelfAttribute("..collectivity"))
    author = factory.SubFactory(UserFactory)
    from_staff = False
    body = "Bonjour"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    case = factory.SubFactory(CaseFactory, collectivity=factory.SelfAttribute("..collectivity"))
    service = "Service technique"
    question = "Avis ?"
    days = 5
    asked_by = factory.SubFactory(UserFactory)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    case = factory.SubFactory(CaseFactory, collectivity=factory.SelfAttribute("..collectivity"))
    file = factory.django.FileField(filename="doc.pdf", data=PDF_BYTES)
    original_name = "doc.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = "0" * 64
    uploaded_by = factory.SubFactory(UserFactory)


def file_case(*, citizen=None, version=None, collectivity=None, documents=None, **kwargs):
    """File a case online through the service, as `citizen`, with every document supplied
    unless `documents` says otherwise (a dict requirement pk -> upload)."""
    from jamaati.cases.services import case_submit

    citizen = citizen or CitizenFactory()
    version = version or version_in(collectivity)
    if documents is None:
        documents = {str(d.pk): pdf_upload() for d in version.documents.all()}
    return case_submit(
        actor=citizen, version=version, data=kwargs.pop("data", {}), files=documents, **kwargs
    )
