"""The public and the complainant's pages through HTTP: filing (signed in, anonymous, bad
input), the acknowledgement, the tracking link, the complainant's actions, photos, and the
404 for anyone else's complaint."""

import pytest

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.complaints.models import Complaint
from jamaati.complaints.services import complaint_answer
from jamaati.complaints.tests.factories import (
    BEN_GUERIR,
    PDF_BYTES,
    ComplaintCategoryFactory,
    file_complaint,
    png_upload,
)
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return ComplaintCategoryFactory(code="eclairage-public")


@pytest.fixture
def citizen():
    return CitizenFactory(email="amina@example.ma")


def _file_url(code="07.427.01.01", lang="fr"):
    return f"/{lang}/c/{code}/complaints/"


def test_filing_page_renders_in_both_languages(client, category):
    for lang in ("ar", "fr"):
        response = client.get(_file_url(lang=lang))
        assert response.status_code == 200
        assert f'lang="{lang}"' in response.content.decode()
    # Without an account, "complaint" is not offered.
    assert 'value="complaint"' not in client.get(_file_url()).content.decode()


def test_signed_in_filing_shows_the_acknowledgement(client, citizen, category):
    client.force_login(citizen)
    response = client.post(
        _file_url(),
        {
            "kind": "complaint",
            "category": category.code,
            "text": "Lampadaire éteint rue 5.",
            "latitude": BEN_GUERIR[0],
            "longitude": BEN_GUERIR[1],
            "photos": [png_upload()],
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/my/complaints/{complaint.number}/?new=1"
    page = client.get(response["Location"]).content.decode()
    assert "confirmation-panel" in page
    assert complaint.number in page
    photo = complaint.photos.get()
    shown = client.get(f"/fr/my/complaints/{complaint.number}/photos/{photo.pk}/")
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert shown["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "complaint", "text": ""}, "required"),
        ({"kind": "complaint", "text": "x", "category": "nope"}, "Choose a category"),
        ({"kind": "complaint", "text": "x", "latitude": "40.4", "longitude": "-3.7"}, "outside"),
        ({"kind": "complaint", "text": "x", "latitude": "34"}, "both"),
        ({"kind": "petition", "text": "x"}, "observation, suggestion"),
        ({"kind": ["a", "b"], "text": "\x00"}, "not allowed"),
    ],
)
def test_bad_filings_come_back_with_the_message_and_nothing_written(
    client, citizen, category, data, message
):
    client.force_login(citizen)
    data = {"category": category.code, **data}
    response = client.post(_file_url(), data)
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert "error-summary" in response.content.decode()


def test_bad_photo_is_refused_on_the_page(client, citizen, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(citizen)
    fake = SimpleUploadedFile("p.jpg", PDF_BYTES, content_type="image/jpeg")
    response = client.post(
        _file_url(), {"kind": "complaint", "category": category.code, "text": "x", "photos": [fake]}
    )
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert "JPEG" in response.content.decode()


def test_anonymous_complaint_is_refused_with_a_clear_message(client, category):
    response = client.post(
        _file_url(), {"kind": "complaint", "category": category.code, "text": "Plainte"}
    )
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert "anonyme" in response.content.decode() or "anonymous" in response.content.decode()


def test_anonymous_observation_follows_with_the_tracking_link(client, category):
    response = client.post(
        _file_url(),
        {"kind": "observation", "category": category.code, "text": "Nid-de-poule avenue 3."},
    )
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous
    location = response["Location"]
    assert location.startswith(f"/fr/c/07.427.01.01/complaints/track/{complaint.number}/?t=")
    page = client.get(location)
    assert page.status_code == 200
    assert complaint.number in page.content.decode()
    assert client.get(f"/fr/c/07.427.01.01/complaints/track/{complaint.number}/").status_code == 404
    assert (
        client.get(f"/fr/c/07.427.01.01/complaints/track/{complaint.number}/?t=wrong").status_code
        == 404
    )
    token = location.split("t=")[1].split("&")[0]
    added = client.post(
        f"/fr/c/07.427.01.01/complaints/track/{complaint.number}/act/add/",
        {"t": token, "text": "C'est devant l'école."},
    )
    assert added.status_code == 302
    assert complaint.additions.get().text == "C'est devant l'école."
    refused = client.post(
        f"/fr/c/07.427.01.01/complaints/track/{complaint.number}/act/add/",
        {"t": "wrong", "text": "Intrus"},
    )
    assert refused.status_code == 404
    assert complaint.additions.count() == 1


def test_someone_elses_complaint_answers_404(client, citizen, commune_a):
    complaint = file_complaint(commune_a, citizen)
    client.force_login(CitizenFactory())
    for url in (
        f"/fr/my/complaints/{complaint.number}/",
        f"/fr/my/complaints/{complaint.number}/photos/1/",
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(f"/fr/my/complaints/{complaint.number}/act/add/", {"text": "x"}).status_code
        == 404
    )
    assert not complaint.additions.exists()


def test_my_list_and_answer_then_rate_and_reopen(client, citizen, commune_a):
    complaint = file_complaint(commune_a, citizen)
    other = file_complaint(commune_a, CitizenFactory())
    client.force_login(citizen)
    listing = client.get("/fr/my/complaints/").content.decode()
    assert complaint.number in listing
    assert other.number not in listing
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    complaint_answer(actor=agent, complaint=complaint, outcome="resolved", reasons="Réparé hier.")
    page = client.get(f"/fr/my/complaints/{complaint.number}/").content.decode()
    assert "Réparé hier." in page
    bad = client.post(f"/fr/my/complaints/{complaint.number}/act/rate/", {"score": "9"})
    assert bad.status_code == 200
    complaint.refresh_from_db()
    assert complaint.rating is None
    client.post(f"/fr/my/complaints/{complaint.number}/act/rate/", {"score": "2"})
    complaint.refresh_from_db()
    assert complaint.rating == 2
    client.post(f"/fr/my/complaints/{complaint.number}/act/reopen/", {"reasons": "Toujours noir."})
    complaint.refresh_from_db()
    assert complaint.state == "received"
    assert complaint.reopen_count == 1
    assert client.post(f"/fr/my/complaints/{complaint.number}/act/nope/").status_code == 404
    assert client.get(f"/fr/my/complaints/{complaint.number}/act/add/").status_code == 302


def test_my_pages_need_an_account(client, citizen, commune_a):
    complaint = file_complaint(commune_a, citizen)
    response = client.get(f"/fr/my/complaints/{complaint.number}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_request_for_details_is_shown_and_answered(client, citizen, commune_a):
    from jamaati.complaints.services import complaint_request_clarification

    complaint = file_complaint(commune_a, citizen)
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    complaint_request_clarification(
        actor=agent, complaint=complaint, request="Quel est le numéro du lampadaire ?"
    )
    client.force_login(citizen)
    page = client.get(f"/fr/my/complaints/{complaint.number}/").content.decode()
    assert "data-request" in page
    assert "Quel est le numéro du lampadaire ?" in page
    client.post(f"/fr/my/complaints/{complaint.number}/act/add/", {"text": "Le n° 42."})
    complaint.refresh_from_db()
    assert complaint.state == "received"
    assert (
        "data-request" not in client.get(f"/fr/my/complaints/{complaint.number}/").content.decode()
    )
