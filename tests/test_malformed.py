"""No 500 for malformed input: junk in every route argument, junk bodies, hostile headers.

Routes are discovered from the URL configuration, so new views are covered automatically.
"""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory, verified_login
from jamaati.core.access.roles import Role
from tests.test_cross_tenant import _arguments, _walk

pytestmark = pytest.mark.django_db

JUNK_VALUES = ["0", "-1", "99999999999999999999", "x" * 300, "%27%3B--", "٣٤", "..", "a.b.c"]
JUNK_BODIES = [
    {},
    {"q": "x" * 10_000},
    {"email": "not-an-email", "password": "\x00\x01", "cin": "<script>"},
    {"page": "-1", "limit": "abc", "kind": "\u202e"},
]

HANDPICKED = [
    ("get", "/ar/search/?q=%00%FF&page=abc", {}),
    ("get", "/ar/search/?page=999999999999999999999999", {}),
    ("get", "/ar/search/?q=" + "أ" * 2000, {}),
    ("get", "/fr/c/" + "9" * 5000 + "/", {}),
    ("get", "/ar/c/%2e%2e%2f%2e%2e%2fetc%2fpasswd/", {}),
    ("get", "/zz/", {}),
    ("get", "/api/v1/collectivities?limit=-5&offset=abc", {}),
    ("get", "/api/v1/collectivities?limit=100000000000000000000000", {}),
    ("get", "/api/v1/collectivities?kind=commune&parent=" + "x" * 500, {}),
    ("get", "/api/v1/collectivities?q=" + "x" * 5000, {}),
    ("get", "/api/v1/collectivities/%00", {}),
    ("get", "/api/v1/no-such-thing", {}),
    ("post", "/api/v1/collectivities", {"data": b"{not json", "content_type": "application/json"}),
    ("get", "/api/v1/me", {"HTTP_AUTHORIZATION": "Bearer \x00\x01"}),
    ("get", "/api/v1/me", {"HTTP_AUTHORIZATION": "Basic Zm9vOmJhcg=="}),
    ("get", "/api/v1/me", {"HTTP_AUTHORIZATION": "Bearer " + "a" * 5000}),
    ("get", "/ar/", {"HTTP_HOST": "evil.example"}),
    ("get", "/", {"HTTP_ACCEPT_LANGUAGE": "\x00;q=abc,,,;;"}),
    (
        "post",
        "/ar/accounts/login/",
        {"data": b"\xff\xfe\x00garbage", "content_type": "application/x-www-form-urlencoded"},
    ),
    (
        "post",
        "/ar/accounts/login/",
        {
            "data": "&".join(f"f{i}=1" for i in range(5000)),
            "content_type": "application/x-www-form-urlencoded",
        },
    ),
    ("post", "/ar/accounts/signup/", {"data": b'{"email": 1}', "content_type": "application/json"}),
]


def _clients(commune_a):
    anonymous = Client(raise_request_exception=False)
    citizen = Client(raise_request_exception=False)
    citizen.force_login(
        CitizenFactory(), backend="jamaati.accounts.backends.EmailOrUsernameBackend"
    )
    staff = Client(raise_request_exception=False)
    verified_login(staff, StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN))
    return {"anonymous": anonymous, "citizen": citizen, "staff": staff}


def _junk_urls():
    for namespaces, pattern, route in _walk(get_resolver().url_patterns):
        name = ":".join((*namespaces, pattern.name))
        args = _arguments(route)
        for value in JUNK_VALUES if args else [None]:
            try:
                yield reverse(name, kwargs={a: value for a in args} if args else None)
            except NoReverseMatch:
                continue  # the converter itself refuses this value: Django answers 404


def test_junk_in_every_route_never_answers_500(commune_a):
    clients = _clients(commune_a)
    urls = sorted(set(_junk_urls()))
    assert len(urls) > 20
    for who, client in clients.items():
        for url in urls:
            for body in JUNK_BODIES[:2] if who == "staff" else JUNK_BODIES[:1]:
                for method in (client.get, client.post):
                    response = method(url, body)
                    assert response.status_code < 500, f"{who} {method.__name__} {url}"


@pytest.mark.parametrize(("method", "url", "extra"), HANDPICKED)
def test_handpicked_malformed_requests_never_answer_500(method, url, extra):
    client = Client(raise_request_exception=False)
    kwargs = dict(extra)
    data = kwargs.pop("data", None)
    content_type = kwargs.pop("content_type", None)
    call = getattr(client, method)
    if method == "post":
        response = call(url, data=data, content_type=content_type, **kwargs)
    else:
        response = call(url, **kwargs)
    assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("body", JUNK_BODIES)
def test_junk_form_bodies_on_public_forms_never_answer_500(client, body):
    for url in ("/ar/accounts/login/", "/fr/accounts/signup/", "/ar/search/"):
        response = Client(raise_request_exception=False).post(url, body)
        assert response.status_code < 500, url
