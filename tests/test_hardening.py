import pytest

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/api/v1/collectivities/%00", "/api/v1/collectivities?q=a%00b", "/ar/search/?q=%00"]
)
def test_nul_in_path_or_query_answers_400_and_reaches_no_view(client, url):
    response = client.get(url)
    assert response.status_code == 400


def test_nul_in_a_json_body_answers_400(client):
    response = client.post(
        "/api/v1/collectivities", data=b'{"q": "a\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]


def test_nul_in_an_open311_query_answers_the_georeport_error_document(client):
    response = client.get("/open311/v2/services.json?jurisdiction_id=07%00")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


def test_every_response_carries_the_content_security_policy(client):
    csp = client.get("/ar/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("style-src-attr")[0]


def test_public_pages_for_anonymous_visitors_may_be_cached(client):
    assert "no-store" not in client.get("/ar/").get("Cache-Control", "")


def test_pages_for_signed_in_people_are_never_stored(client, staff_client, commune_a):
    client.force_login(CitizenFactory(), backend="jamaati.accounts.backends.EmailOrUsernameBackend")
    assert "no-store" in client.get("/ar/accounts/me/")["Cache-Control"]
    client.logout()
    staff = staff_client(StaffFactory(collectivity=commune_a))
    response = staff.get(f"/ar/bo/{commune_a.code}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
