"""Filing: who may file what, the checks (each refusal writes nothing), routing by level,
numbering, photos, the acknowledgement and the anonymous tracking secret."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.complaints.models import Complaint, ComplaintPhoto
from jamaati.complaints.services import route
from jamaati.complaints.tests.factories import (
    BEN_GUERIR,
    PDF_BYTES,
    RABAT,
    ComplaintCategoryFactory,
    file_complaint,
    jpeg_bytes,
    png_upload,
)
from jamaati.complaints.tracking import token_matches
from jamaati.core.access.roles import Role
from jamaati.core.deadlines.arithmetic import due_date
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen():
    return CitizenFactory(email="amina@example.ma")


@pytest.fixture
def agent(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT)


def _refused(field, **kwargs):
    before = Complaint.objects.count(), ComplaintPhoto.objects.count()
    with pytest.raises(ValidationError) as exc:
        file_complaint(**kwargs)
    assert field in exc.value.message_dict, exc.value.message_dict
    assert (Complaint.objects.count(), ComplaintPhoto.objects.count()) == before
    return " ".join(exc.value.message_dict[field])


def test_a_filed_complaint_is_numbered_received_and_its_clocks_run(commune_a, citizen):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        complaint = file_complaint(commune_a, citizen)
    assert complaint.number == "07.427.01.01-R-2026-000001"
    assert complaint.state == "received"
    assert complaint.applicant == citizen
    assert not complaint.is_anonymous
    clocks = {d.kind: d for d in deadlines_of(complaint)}
    assert clocks["answer"].due_on == due_date(date(2026, 3, 2), 60, "calendar")
    assert clocks["answer"].legal_basis == "Décret 2.17.265, art. 8"
    assert clocks["answer"].remind_days == 10
    assert clocks["clarification_window"].due_on == due_date(date(2026, 3, 2), 15, "calendar")
    assert complaint.due_on == clocks["answer"].due_on
    with time_machine.travel(date(2026, 3, 3), tick=False):
        second = file_complaint(commune_a, citizen)
    assert second.number.endswith("-R-2026-000002")


def test_acknowledgement_by_email_with_the_number(
    commune_a, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file_complaint(commune_a, citizen)
    assert [m.to for m in mailoutbox] == [["amina@example.ma"]]
    assert complaint.number in mailoutbox[0].subject
    assert f"/my/complaints/{complaint.number}/" in mailoutbox[0].body


def test_anonymous_observation_gets_a_tracking_secret(
    commune_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file_complaint(
            commune_a,
            AnonymousUser(),
            kind="observation",
            contact_email="passant@example.ma",
        )
    assert complaint.is_anonymous
    assert complaint.applicant is None
    assert complaint.tracking_secret
    assert complaint.tracking_token != complaint.tracking_secret
    assert token_matches(complaint.tracking_secret, complaint.tracking_token)
    assert f"?t={complaint.tracking_secret}" in mailoutbox[0].body


def test_an_anonymous_complaint_is_refused(commune_a):
    message = _refused("__all__", collectivity=commune_a, actor=AnonymousUser(), kind="complaint")
    assert "cannot be anonymous" in message


def test_a_signed_in_person_may_send_an_anonymous_suggestion_but_not_complaint(commune_a, citizen):
    suggestion = file_complaint(commune_a, citizen, kind="suggestion", anonymous=True)
    assert suggestion.is_anonymous
    assert suggestion.applicant is None
    _refused("__all__", collectivity=commune_a, actor=citizen, anonymous=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "required"), ("   ", "required"), ("x" * 4001, "too long"), ("a\x00b", "not allowed")],
)
def test_bad_text_is_refused(commune_a, citizen, text, message):
    assert message in _refused("text", collectivity=commune_a, actor=citizen, text=text)


def test_unknown_or_inactive_category_is_refused(commune_a, citizen):
    _refused("category", collectivity=commune_a, actor=citizen, category="no-such-thing")
    inactive = ComplaintCategoryFactory(is_active=False)
    _refused("category", collectivity=commune_a, actor=citizen, category=inactive)
    _refused("category", collectivity=commune_a, actor=citizen, category=inactive.code)


def test_unknown_kind_is_refused(commune_a, citizen):
    _refused("kind", collectivity=commune_a, actor=citizen, kind="petition")


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        ("36.753768", "3.058756", "outside Morocco"),  # Algiers
        ("28.123546", "-15.436257", "outside Morocco"),  # Las Palmas
        ("34.02", "", "both"),
        ("", "-6.84", "both"),
        ("abc", "-6.84", "not valid"),
        ("95", "-6.84", "not valid"),
        ("NaN", "-6.84", "not valid"),
    ],
)
def test_bad_locations_are_refused(commune_a, citizen, lat, lon, message):
    assert message in _refused(
        "location", collectivity=commune_a, actor=citizen, latitude=lat, longitude=lon
    )


def test_a_point_in_morocco_is_kept(commune_a, citizen):
    complaint = file_complaint(
        commune_a, citizen, latitude=BEN_GUERIR[0], longitude=BEN_GUERIR[1], address="Rue 5"
    )
    assert str(complaint.latitude) == "32.236000"
    assert complaint.address == "Rue 5"
    assert complaint.osm_url.startswith("https://www.openstreetmap.org/?mlat=32.236000")


def test_a_category_that_needs_a_location_refuses_none(commune_a, citizen):
    category = ComplaintCategoryFactory(needs_location=True)
    _refused("location", collectivity=commune_a, actor=citizen, category=category)
    assert file_complaint(commune_a, citizen, category=category, address="Place du marché")
    assert file_complaint(
        commune_a, citizen, category=category, latitude=RABAT[0], longitude=RABAT[1]
    )


def test_photos_are_checked_by_content_and_counted(commune_a, citizen, settings):
    fake = SimpleUploadedFile("photo.jpg", PDF_BYTES, content_type="image/jpeg")
    assert "not a JPEG or PNG" in _refused(
        "photos", collectivity=commune_a, actor=citizen, photos=[fake]
    )
    four = [png_upload(f"p{i}.png") for i in range(4)]
    assert "At most 3" in _refused("photos", collectivity=commune_a, actor=citizen, photos=four)
    settings.CASES_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("big.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert "too large" in _refused("photos", collectivity=commune_a, actor=citizen, photos=[big])
    settings.CASES_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    jpeg = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    complaint = file_complaint(commune_a, citizen, photos=[png_upload(), jpeg])
    stored = list(complaint.photos.all())
    assert [p.content_type for p in stored] == ["image/png", "image/jpeg"]
    assert all(p.collectivity_id == commune_a.pk for p in stored)
    assert "photo" not in stored[0].file.name  # stored by digest, not by the person's name


def test_counter_filing_needs_name_and_cin_or_phone(commune_a, agent):
    _refused("contact_name", collectivity=commune_a, actor=agent, channel="counter")
    _refused(
        "contact_cin", collectivity=commune_a, actor=agent, channel="counter", contact_name="Ali"
    )
    _refused(
        "contact_cin",
        collectivity=commune_a,
        actor=agent,
        channel="counter",
        contact_name="Ali",
        contact_cin="123",
    )
    known = CitizenFactory(cin="BK123456")
    complaint = file_complaint(
        commune_a, agent, channel="counter", contact_name="Ali Tazi", contact_cin="bk 123456"
    )
    assert complaint.contact_cin == "BK123456"
    assert complaint.applicant == known
    assert complaint.filed_by == agent
    assert complaint.channel == "counter"


def test_counter_filing_by_an_agent_of_another_commune_is_denied(commune_a, commune_b):
    from django.core.exceptions import PermissionDenied

    stranger = StaffFactory(collectivity=commune_b, role=Role.AGENT)
    with pytest.raises(PermissionDenied):
        file_complaint(
            commune_a, stranger, channel="counter", contact_name="Ali", contact_phone="0612345678"
        )
    assert not Complaint.objects.exists()


def test_routing_follows_the_category_level(commune_a, citizen):
    province = Collectivity.objects.get(code="07.427")
    region = province.parent
    assert region.kind == "region"
    for level, expected in (("commune", commune_a), ("province", province), ("region", region)):
        category = ComplaintCategoryFactory(level=level)
        assert route(commune_a, category) == expected
        complaint = file_complaint(commune_a, citizen, category=category)
        assert complaint.collectivity == expected
        assert complaint.number.startswith(f"{expected.code}-R-")
        assert complaint.service_name == "مصلحة الأشغال / Service des travaux"
    # A province page for a commune matter keeps the province (routing never goes down).
    assert route(province, ComplaintCategoryFactory(level="commune")) == province


def test_open311_client_files_for_a_named_contact(commune_a):
    client_user = CitizenFactory()
    _refused(
        "contact_name",
        collectivity=commune_a,
        actor=client_user,
        channel="open311",
        contact_name="Said",
    )
    complaint = file_complaint(
        commune_a,
        client_user,
        channel="open311",
        contact_name="Said",
        contact_email="said@example.ma",
    )
    assert complaint.contact_name == "Said"
    assert complaint.applicant is None
