"""No back-office page without the second factor: every pattern of the `bo` namespace is
walked, including pages added later by other apps."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory, verified_login
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db


def _patterns(resolver: URLResolver, prefix: str = ""):
    """(view name, [argument names]) of every pattern under `resolver`."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry.pattern


def _bo_urls(code: str) -> list[str]:
    urls = []
    for name, pattern in _patterns(get_resolver()):
        if not name.startswith("bo:"):
            continue
        kwargs = {}
        for arg, converter in pattern.converters.items():
            kwargs[arg] = 1 if converter.regex == "[0-9]+" else "x"
        urls.append(reverse(name, kwargs={"code": code, **kwargs}))
    return urls


def test_walk_finds_every_bo_page_when_resolving_the_url_map(commune_a):
    urls = _bo_urls(commune_a.code)
    assert f"/ar/bo/{commune_a.code}/" in urls
    assert f"/ar/bo/{commune_a.code}/staff/1/revoke/" in urls
    assert len(urls) >= 5


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_bo_page_sends_to_login_when_anonymous(client, commune_a, method):
    for url in [*_bo_urls(commune_a.code), reverse("web:bo-choose")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_every_bo_page_is_refused_when_user_is_a_citizen(client, commune_a):
    client.force_login(CitizenFactory())
    assert client.get(reverse("web:bo-choose")).status_code == 403
    for url in _bo_urls(commune_a.code):
        # The tenancy middleware answers 404 first: a citizen reaches no collectivity.
        assert client.get(url).status_code in (403, 404), url


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_bo_page_asks_for_the_code_when_staff_signed_in_with_password_only(
    client, commune_a, method
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    client.force_login(admin)
    for url in [*_bo_urls(commune_a.code), reverse("web:bo-choose")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:otp-verify")), url


def test_every_bo_page_asks_for_enrolment_when_staff_has_no_device(client, commune_a):
    from jamaati.accounts.tests.factories import MembershipFactory

    user = MembershipFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN).user
    client.force_login(user)
    for url in _bo_urls(commune_a.code):
        assert client.get(url)["Location"].startswith(reverse("accounts:otp-enrol")), url


def test_bo_page_opens_when_staff_passed_the_second_factor(client, commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    verified_login(client, admin)
    assert client.get(reverse("bo:overview", kwargs={"code": commune_a.code})).status_code == 200
    assert client.get(reverse("bo:staff-list", kwargs={"code": commune_a.code})).status_code == 200
