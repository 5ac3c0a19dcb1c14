"""Open311 GeoReport v2: every endpoint in JSON and XML, field names and types checked against
the specification's lists (`open311.spec`), the filters, the errors, and no personal data."""

import json
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from jamaati.accounts.services import token_create
from jamaati.accounts.tests.factories import UserFactory
from jamaati.complaints.models import Complaint
from jamaati.complaints.open311 import spec
from jamaati.complaints.tests.factories import (
    BEN_GUERIR,
    ComplaintCategoryFactory,
    ComplaintFactory,
)

BASE = "/open311/v2"
MADRID = ("40.4168", "-3.7038")
PERSONAL = ("Khadija", "Alaoui", "khadija@example.ma", "0612345678")


def parse_xml(response) -> ET.Element:
    """The answer parsed as XML (a malformed document raises)."""
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b"<?xml")
    return ET.fromstring(response.content)


def as_json(response):
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def assert_error(response, status: int, fmt: str = "json") -> list[str]:
    """The specification's error document with `status`; the descriptions."""
    assert response.status_code == status
    if fmt == "xml":
        root = parse_xml(response)
        assert root.tag == "errors"
        errors = list(root)
        assert errors
        assert all(e.tag == "error" for e in errors)
        for e in errors:
            assert [c.tag for c in e] == list(spec.ERROR_FIELDS)
            assert e.findtext("code") == str(status)
        return [e.findtext("description") for e in errors]
    body = as_json(response)
    assert isinstance(body, list)
    assert body
    for e in body:
        assert list(e) == list(spec.ERROR_FIELDS)
        assert e["code"] == status
        assert isinstance(e["description"], str)
    return [e["description"] for e in body]


def w3(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None
    return moment


@pytest.fixture
def category(db):
    return ComplaintCategoryFactory(
        code="public-lighting", keywords="lampadaire, éclairage", group="Voirie"
    )


@pytest.fixture
def api_key(db):
    app = UserFactory(username="civic-app", first_name="", last_name="", password=None)
    _token, plaintext = token_create(actor=app, user=app, name="Civic app")
    return plaintext


@pytest.fixture
def jurisdiction(commune_a):
    return commune_a.code


def post(client, fmt="json", **data):
    return client.post(f"{BASE}/requests.{fmt}", data)


def filing(jurisdiction, category, api_key, **extra):
    data = {
        "jurisdiction_id": jurisdiction,
        "service_code": category.code,
        "api_key": api_key,
        "lat": BEN_GUERIR[0],
        "long": BEN_GUERIR[1],
        "description": "Le lampadaire devant l'école est éteint.",
    }
    data.update(extra)
    return data


# --- discovery and services -----------------------------------------------------------------


@pytest.mark.django_db
def test_discovery_in_json_and_xml(client):
    body = as_json(client.get(f"{BASE}/discovery.json"))
    assert list(body) == list(spec.DISCOVERY_FIELDS)
    endpoint = body["endpoints"][0]
    assert list(endpoint) == list(spec.ENDPOINT_FIELDS)
    assert endpoint["specification"] == spec.SPECIFICATION_URL
    assert endpoint["url"].endswith("/open311/v2/")
    root = parse_xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [e.tag for e in root.find("endpoints")] == ["endpoint"]
    assert [f.tag for f in root.find("endpoints/endpoint/formats")] == ["format", "format"]


@pytest.mark.django_db
def test_services_json_has_the_spec_fields_and_types(client, jurisdiction, category):
    inactive = ComplaintCategoryFactory(code="old-one", is_active=False)
    body = as_json(client.get(f"{BASE}/services.json", {"jurisdiction_id": jurisdiction}))
    codes = [s["service_code"] for s in body]
    assert category.code in codes
    assert inactive.code not in codes
    service = next(s for s in body if s["service_code"] == category.code)
    assert list(service) == list(spec.SERVICE_FIELDS)
    assert service["metadata"] is False
    assert service["type"] == "realtime"
    assert service["keywords"] == "lampadaire, éclairage"
    assert service["group"] == "Voirie"
    assert all(isinstance(service[k], str) for k in spec.SERVICE_FIELDS if k != "metadata")


@pytest.mark.django_db
def test_services_xml_has_the_spec_elements(client, jurisdiction, category):
    root = parse_xml(client.get(f"{BASE}/services.xml", {"jurisdiction_id": jurisdiction}))
    assert root.tag == "services"
    services = list(root)
    assert services
    assert all(s.tag == "service" for s in services)
    mine = next(s for s in services if s.findtext("service_code") == category.code)
    assert [c.tag for c in mine] == list(spec.SERVICE_FIELDS)
    assert mine.findtext("metadata") == "false"


@pytest.mark.django_db
def test_services_in_french_and_arabic(client, jurisdiction, category):
    fr = as_json(
        client.get(
            f"{BASE}/services.json", {"jurisdiction_id": jurisdiction}, HTTP_ACCEPT_LANGUAGE="fr"
        )
    )
    ar = as_json(
        client.get(
            f"{BASE}/services.json", {"jurisdiction_id": jurisdiction}, HTTP_ACCEPT_LANGUAGE="ar"
        )
    )
    pick = lambda body: next(s for s in body if s["service_code"] == category.code)  # noqa: E731
    assert pick(fr)["service_name"] == category.name_fr
    assert pick(ar)["service_name"] == category.name_ar


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_need_a_known_jurisdiction(client, category, fmt):
    assert_error(client.get(f"{BASE}/services.{fmt}"), 400, fmt)
    assert_error(client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "99.999"}), 404, fmt)


@pytest.mark.django_db
def test_service_definition_in_json_and_xml(client, jurisdiction, category):
    url = f"{BASE}/services/{category.code}"
    body = as_json(client.get(f"{url}.json", {"jurisdiction_id": jurisdiction}))
    assert list(body) == list(spec.SERVICE_DEFINITION_FIELDS)
    assert body == {"service_code": category.code, "attributes": []}
    root = parse_xml(client.get(f"{url}.xml", {"jurisdiction_id": jurisdiction}))
    assert root.tag == "service_definition"
    assert [c.tag for c in root] == list(spec.SERVICE_DEFINITION_FIELDS)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_definition_is_404(client, jurisdiction, fmt):
    url = f"{BASE}/services/no-such-service.{fmt}"
    assert_error(client.get(url, {"jurisdiction_id": jurisdiction}), 404, fmt)


# --- POST requests ----------------------------------------------------------------------


@pytest.mark.django_db
def test_post_without_a_name_files_an_anonymous_observation(
    client, jurisdiction, category, api_key
):
    response = post(client, **filing(jurisdiction, category, api_key))
    assert response.status_code == 201
    body = as_json(response)
    assert len(body) == 1
    assert list(body[0]) == list(spec.POST_RESPONSE_FIELDS)
    record = body[0]
    complaint = Complaint.objects.get(number=record["service_request_id"])
    assert (complaint.channel, complaint.kind, complaint.is_anonymous) == (
        "open311",
        "observation",
        True,
    )
    assert complaint.collectivity.code == jurisdiction
    assert isinstance(record["token"], str)
    assert len(record["token"]) >= 20
    assert isinstance(record["service_notice"], str)
    assert record["service_notice"]
    # The token answers its request id, in both formats.
    found = as_json(client.get(f"{BASE}/tokens/{record['token']}.json"))
    assert found == [{"service_request_id": complaint.number, "token": record["token"]}]
    root = parse_xml(client.get(f"{BASE}/tokens/{record['token']}.xml"))
    assert root.tag == "service_requests"
    assert [c.tag for c in root.find("request")] == list(spec.TOKEN_RESPONSE_FIELDS)


@pytest.mark.django_db
def test_post_with_a_name_and_contact_files_a_complaint(client, jurisdiction, category, api_key):
    first, last, email, phone = PERSONAL
    data = filing(
        jurisdiction, category, api_key, first_name=first, last_name=last, email=email, phone=phone
    )
    record = as_json(post(client, **data))[0]
    complaint = Complaint.objects.get(number=record["service_request_id"])
    assert (complaint.kind, complaint.is_anonymous) == ("complaint", False)
    assert complaint.contact_name == f"{first} {last}"
    assert (complaint.contact_email, complaint.contact_phone) == (email, phone)
    assert record["token"] is None


@pytest.mark.django_db
def test_post_answer_in_xml(client, jurisdiction, category, api_key):
    response = post(client, "xml", **filing(jurisdiction, category, api_key))
    assert response.status_code == 201
    root = parse_xml(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert [c.tag for c in request] == list(spec.POST_RESPONSE_FIELDS)
    assert Complaint.objects.filter(number=request.findtext("service_request_id")).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("key", [None, "", "not-a-token"])
def test_post_without_a_valid_api_key_is_403(client, jurisdiction, category, fmt, key):
    data = filing(jurisdiction, category, key)
    if key is None:
        del data["api_key"]
    assert_error(post(client, fmt, **data), 403, fmt)
    assert not Complaint.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_at_an_unknown_or_missing_jurisdiction(client, category, api_key, fmt):
    assert_error(post(client, fmt, **filing("99.999", category, api_key)), 404, fmt)
    data = filing("", category, api_key)
    assert_error(post(client, fmt, **data), 400, fmt)
    assert not Complaint.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_of_an_unknown_service_is_404(client, jurisdiction, category, api_key, fmt):
    data = filing(jurisdiction, category, api_key, service_code="no-such-service")
    assert_error(post(client, fmt, **data), 404, fmt)
    data = filing(jurisdiction, category, api_key, service_code="")
    assert_error(post(client, fmt, **data), 400, fmt)
    assert not Complaint.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_outside_morocco_is_400_with_the_reason(client, jurisdiction, category, api_key, fmt):
    data = filing(jurisdiction, category, api_key, lat=MADRID[0], long=MADRID[1])
    response = client.post(f"{BASE}/requests.{fmt}", data, HTTP_ACCEPT_LANGUAGE="fr")
    (message,) = assert_error(response, 400, fmt)
    assert "hors du Maroc" in message
    response = client.post(f"{BASE}/requests.{fmt}", data)  # Arabic by default
    (message,) = assert_error(response, 400, fmt)
    assert "خارج المغرب" in message
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_post_errors_speak_french_when_asked(client, jurisdiction, category, api_key):
    data = filing(jurisdiction, category, api_key, lat=MADRID[0], long=MADRID[1])
    response = client.post(f"{BASE}/requests.json", data, HTTP_ACCEPT_LANGUAGE="fr")
    assert_error(response, 400)
    # The messages come from the catalogues in the active language (the lead merges the
    # French and Arabic translations): the language is the one asked.
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_post_without_a_description_or_with_half_a_point_is_400(
    client, jurisdiction, category, api_key
):
    assert_error(post(client, **filing(jurisdiction, category, api_key, description="")), 400)
    assert_error(post(client, **filing(jurisdiction, category, api_key, long="")), 400)
    data = filing(jurisdiction, category, api_key, description="a\x00b")
    assert_error(post(client, **data), 400)
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_post_with_a_name_but_no_contact_is_refused(client, jurisdiction, category, api_key):
    # A name alone is neither a complaint (no way to answer) nor anonymous: say so.
    data = filing(jurisdiction, category, api_key, first_name="Khadija")
    assert post(client, **data).status_code == 201  # filed as an observation without the name
    complaint = Complaint.objects.get()
    assert complaint.kind == "observation"
    assert complaint.contact_name == ""


# --- GET requests -----------------------------------------------------------------------


def _complaint(node, category, *, days_ago=1, **fields):
    filed = timezone.now() - timedelta(days=days_ago)
    values = {
        "collectivity": node,
        "category": category,
        "kind": "observation",
        "channel": "open311",
        "contact_name": PERSONAL[0],
        "contact_email": PERSONAL[2],
        "contact_phone": PERSONAL[3],
        "latitude": BEN_GUERIR[0],
        "longitude": BEN_GUERIR[1],
        "address": "Avenue Hassan II",
        "filed_at": filed,
        "applicant": None,
    }
    values.update(fields)
    return ComplaintFactory(**values)


@pytest.fixture
def listed(commune_a, commune_b, category):
    other = ComplaintCategoryFactory(code="roads")
    return {
        "open": _complaint(commune_a, category, days_ago=2),
        "closed": _complaint(
            commune_a,
            other,
            days_ago=5,
            state="closed",
            outcome="resolved",
            answered_at=timezone.now(),
            answered_in_time=True,
        ),
        "complaint": _complaint(commune_a, category, days_ago=3, kind="complaint"),
        "old": _complaint(commune_a, category, days_ago=120),
        "elsewhere": _complaint(commune_b, category, days_ago=1),
    }


def numbers(body) -> set[str]:
    return {r["service_request_id"] for r in body}


@pytest.mark.django_db
def test_requests_json_has_the_spec_fields_and_types(client, jurisdiction, listed):
    body = as_json(client.get(f"{BASE}/requests.json", {"jurisdiction_id": jurisdiction}))
    # The last 90 days by default, newest first, this jurisdiction only.
    assert [r["service_request_id"] for r in body] == [
        listed[k].number for k in ("open", "complaint", "closed")
    ]
    for record in body:
        assert list(record) == list(spec.REQUEST_FIELDS)
        assert record["status"] in spec.STATUSES
        w3(record["requested_datetime"])
        w3(record["updated_datetime"])
        assert record["lat"] is None or isinstance(record["lat"], float)
        assert record["media_url"] is None
    opened = next(r for r in body if r["service_request_id"] == listed["open"].number)
    assert opened["status"] == "open"
    assert w3(opened["expected_datetime"])
    assert opened["lat"] == float(BEN_GUERIR[0])
    assert opened["address"] == "Avenue Hassan II"
    closed = next(r for r in body if r["service_request_id"] == listed["closed"].number)
    assert closed["status"] == "closed"
    assert closed["expected_datetime"] is None
    assert closed["status_notes"]


@pytest.mark.django_db
def test_requests_xml_has_the_spec_elements(client, jurisdiction, listed):
    root = parse_xml(client.get(f"{BASE}/requests.xml", {"jurisdiction_id": jurisdiction}))
    assert root.tag == "service_requests"
    requests = list(root)
    assert len(requests) == 3
    assert all(r.tag == "request" for r in requests)
    for r in requests:
        assert [c.tag for c in r] == list(spec.REQUEST_FIELDS)
        assert r.findtext("status") in spec.STATUSES


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_published_requests_carry_no_personal_data(client, jurisdiction, listed, fmt):
    response = client.get(f"{BASE}/requests.{fmt}", {"jurisdiction_id": jurisdiction})
    text = response.content.decode()
    for value in PERSONAL:
        assert value not in text
    detail = client.get(f"{BASE}/requests/{listed['complaint'].number}.{fmt}").content.decode()
    for value in PERSONAL:
        assert value not in detail


@pytest.mark.django_db
def test_a_complaint_of_a_person_keeps_its_text_and_place_to_itself(client, listed):
    (record,) = as_json(client.get(f"{BASE}/requests/{listed['complaint'].number}.json"))
    assert record["description"] == ""
    assert record["address"] == ""
    assert record["lat"] is None
    assert record["long"] is None
    (observation,) = as_json(client.get(f"{BASE}/requests/{listed['open'].number}.json"))
    assert observation["description"] == listed["open"].text


@pytest.mark.django_db
def test_requests_filters(client, jurisdiction, listed, category):
    get = lambda **q: as_json(  # noqa: E731
        client.get(f"{BASE}/requests.json", {"jurisdiction_id": jurisdiction, **q})
    )
    assert numbers(get(status="open")) == {listed["open"].number, listed["complaint"].number}
    assert numbers(get(status="closed")) == {listed["closed"].number}
    assert len(get(status="open,closed")) == 3
    assert numbers(get(service_code="roads")) == {listed["closed"].number}
    assert len(get(service_code=f"roads,{category.code}")) == 3
    ids = f"{listed['old'].number},{listed['open'].number},{listed['elsewhere'].number}"
    # An id list ignores the dates, but never leaves the jurisdiction.
    assert numbers(get(service_request_id=ids)) == {listed["old"].number, listed["open"].number}
    old_day = timezone.localdate() - timedelta(days=120)
    window = {
        "start_date": (old_day - timedelta(days=1)).isoformat(),
        "end_date": f"{(old_day + timedelta(days=1)).isoformat()}T23:59:59+01:00",
    }
    assert numbers(get(**window)) == {listed["old"].number}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "query",
    [
        {"start_date": "yesterday"},
        {"end_date": "2026-13-45"},
        {"start_date": "2025-01-01", "end_date": "2025-06-01"},  # more than 90 days
        {"start_date": "2025-06-01", "end_date": "2025-01-01"},  # backwards
        {"status": "pending"},
    ],
)
def test_bad_filters_are_400(client, jurisdiction, listed, fmt, query):
    response = client.get(f"{BASE}/requests.{fmt}", {"jurisdiction_id": jurisdiction, **query})
    assert_error(response, 400, fmt)


@pytest.mark.django_db
def test_a_province_lists_the_requests_of_its_communes(client, commune_a, listed):
    body = as_json(client.get(f"{BASE}/requests.json", {"jurisdiction_id": commune_a.parent.code}))
    assert listed["open"].number in numbers(body)
    assert listed["elsewhere"].number not in numbers(body)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_request_detail_in_both_formats(client, jurisdiction, listed, fmt):
    number = listed["open"].number
    response = client.get(f"{BASE}/requests/{number}.{fmt}", {"jurisdiction_id": jurisdiction})
    assert response.status_code == 200
    if fmt == "json":
        (record,) = as_json(response)
        assert list(record) == list(spec.REQUEST_FIELDS)
        assert record["service_request_id"] == number
    else:
        root = parse_xml(response)
        assert root.tag == "service_requests"
        assert root.find("request/service_request_id").text == number


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_request_detail_unknown_or_of_another_jurisdiction_is_404(client, listed, commune_b, fmt):
    assert_error(client.get(f"{BASE}/requests/07.427.01.01-R-1999-000001.{fmt}"), 404, fmt)
    number = listed["open"].number
    response = client.get(f"{BASE}/requests/{number}.{fmt}", {"jurisdiction_id": commune_b.code})
    assert_error(response, 404, fmt)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_token_is_404(client, fmt):
    assert_error(client.get(f"{BASE}/tokens/not-a-token.{fmt}"), 404, fmt)


@pytest.mark.django_db
def test_a_complaint_still_being_filed_is_never_published(client, jurisdiction, category):
    hidden = _complaint(
        Complaint._meta.get_field("collectivity").related_model.objects.get(code=jurisdiction),
        category,
        state="new",
    )
    body = as_json(client.get(f"{BASE}/requests.json", {"jurisdiction_id": jurisdiction}))
    assert hidden.number not in numbers(body)
    assert_error(client.get(f"{BASE}/requests/{hidden.number}.json"), 404)


# --- the rest of the prefix ------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_format_and_paths_answer_error_documents(client, jurisdiction):
    assert_error(client.get(f"{BASE}/services.html", {"jurisdiction_id": jurisdiction}), 400)
    assert_error(client.get(f"{BASE}/nothing/here"), 404)
    assert_error(client.get(f"{BASE}/nothing.xml"), 404, "xml")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_wrong_method_is_405(client, jurisdiction, fmt):
    response = client.put(f"{BASE}/requests.{fmt}")
    assert_error(response, 405, fmt)
    assert_error(client.post(f"{BASE}/services.{fmt}"), 405, fmt)


@pytest.mark.django_db
def test_post_with_photos_in_media(client, jurisdiction, category, api_key):
    from jamaati.complaints.tests.factories import png_upload

    data = filing(jurisdiction, category, api_key, media=[png_upload("a.png"), png_upload("b.png")])
    record = as_json(client.post(f"{BASE}/requests.json", data))[0]
    complaint = Complaint.objects.get(number=record["service_request_id"])
    assert complaint.photos.count() == 2
    # The photos stay private: the published record has no media_url.
    (published,) = as_json(client.get(f"{BASE}/requests/{complaint.number}.json"))
    assert published["media_url"] is None


@pytest.mark.django_db
def test_post_with_a_file_that_is_not_an_image_is_400(client, jurisdiction, category, api_key):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.png", b"%PDF-1.4 not an image", content_type="image/png")
    data = filing(jurisdiction, category, api_key, media=[fake])
    assert_error(client.post(f"{BASE}/requests.json", data), 400)
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_post_at_the_country_node_is_refused(client, category, api_key):
    assert_error(post(client, **filing("MA", category, api_key)), 400)
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_one_or_many(
    client, jurisdiction, commune_a, category, django_assert_max_num_queries
):
    for _ in range(12):
        _complaint(commune_a, category)
    with django_assert_max_num_queries(4):
        body = as_json(client.get(f"{BASE}/requests.json", {"jurisdiction_id": jurisdiction}))
    assert len(body) == 12


@pytest.mark.django_db
def test_a_category_that_needs_a_place_takes_a_point_or_an_address(client, jurisdiction, api_key):
    located = ComplaintCategoryFactory(code="potholes", needs_location=True)
    nowhere = filing(jurisdiction, located, api_key, lat="", long="")
    assert_error(post(client, **nowhere), 400)
    assert not Complaint.objects.exists()
    by_address = filing(jurisdiction, located, api_key, lat="", long="", address_string="Rue 5")
    record = as_json(post(client, **by_address))[0]
    assert Complaint.objects.get(number=record["service_request_id"]).address == "Rue 5"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_broken_multipart_body_is_a_400_document(client, fmt):
    body = b'--xyz\r\nContent-Disposition: form-data; name="api_key"\r\n\r\nabc'  # never ends
    response = client.generic(
        "POST",
        f"{BASE}/requests.{fmt}",
        body,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert_error(response, 400, fmt)


@pytest.mark.django_db
def test_too_many_fields_is_a_400_document(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    data = {f"attribute[f{i}]": "x" for i in range(10)}
    assert_error(client.post(f"{BASE}/requests.json", data), 400)
