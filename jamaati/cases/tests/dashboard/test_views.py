"""The dashboard through HTTP: who sees what, the province's communes, the number of queries,
and the indicators on the public procedure page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.cases.tests.dashboard.factories import build_set, decided
from jamaati.cases.tests.factories import CaseFactory, version_in
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity, Kind

pytestmark = pytest.mark.django_db


def dashboard_url(node, lang="ar", **query):
    with translation.override(lang):
        url = reverse("bo:case-dashboard", kwargs={"code": node.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_agent_sees_the_dashboard_of_the_commune(staff_client, commune_a):
    p1, _ = build_set(commune_a)
    client = staff_client(StaffFactory(collectivity=commune_a, role=Role.AGENT))
    response = client.get(dashboard_url(commune_a))
    assert response.status_code == 200
    dash = response.context["dashboard"]
    assert (dash.total.filed, dash.total.overdue) == (7, 3)
    assert response.context["whole_province"] is False
    html = response.content.decode()
    assert p1.name in html
    assert "75%" in html
    assert "8,5" in html or "8.5" in html
    assert 'class="chart-bar"' in html
    assert "communes-title" not in html


def test_year_filter(staff_client, commune_a):
    build_set(commune_a)
    client = staff_client(StaffFactory(collectivity=commune_a, role=Role.AGENT))
    last = timezone.localdate().year - 1
    response = client.get(dashboard_url(commune_a, year=last))
    assert response.status_code == 200
    assert response.context["year"] == last
    assert response.context["dashboard"].total.filed == 2


@pytest.mark.parametrize("junk", ["abc", "1900", "-1", "99999999999999999999", "%D9%A3"])
def test_a_bad_year_says_so_and_shows_this_year(staff_client, commune_a, junk):
    client = staff_client(StaffFactory(collectivity=commune_a, role=Role.AGENT))
    response = client.get(dashboard_url(commune_a, year=junk))
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert response.context["form"].errors.as_data()["year"][0].code == "invalid_choice"
    assert 'class="error-summary"' in response.content.decode()


def test_agent_of_a_gets_404_on_the_dashboard_of_b(staff_client, commune_a, commune_b):
    build_set(commune_b)
    client = staff_client(StaffFactory(collectivity=commune_a, role=Role.AGENT))
    assert client.get(dashboard_url(commune_b)).status_code == 404


def test_citizen_is_denied(client, commune_a):
    client.force_login(CitizenFactory(), backend="jamaati.accounts.backends.EmailOrUsernameBackend")
    response = client.get(dashboard_url(commune_a))
    assert response.status_code in (403, 404)
    assert "dashboard" not in response.context or response.context.get("dashboard") is None


def test_anonymous_is_sent_to_sign_in(client, commune_a):
    response = client.get(dashboard_url(commune_a))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_staff_without_a_dashboard_role_is_refused(staff_client, commune_a):
    client = staff_client(StaffFactory(collectivity=commune_a, role=Role.FINANCE_OFFICER))
    assert client.get(dashboard_url(commune_a)).status_code == 403


def test_supervisor_sees_the_communes_side_by_side(staff_client, commune_a):
    province = commune_a.parent
    assert province.kind == Kind.PROVINCE
    build_set(commune_a)
    other = Collectivity.objects.filter(parent=province).exclude(pk=commune_a.pk).first()
    version = version_in(other, documents=0)
    for _ in range(4):
        CaseFactory(collectivity=other, version=version, due_on=date(2000, 1, 1))
    client = staff_client(StaffFactory(collectivity=province, role=Role.SUPERVISOR))

    response = client.get(dashboard_url(province))

    assert response.status_code == 200
    assert response.context["whole_province"] is True
    rows = response.context["communes"]
    assert [r.key for r in rows[:2]] == [other.code, commune_a.code]
    assert response.context["dashboard"].total.overdue == 7
    html = response.content.decode()
    assert "communes-title" in html
    assert dashboard_url(other) in html
    assert dashboard_url(commune_a) in html
    # The supervisor follows the link to a commune's own dashboard.
    assert client.get(dashboard_url(commune_a)).context["dashboard"].total.overdue == 3


def test_an_agent_of_the_province_sees_its_own_cases_only(staff_client, commune_a):
    build_set(commune_a)
    client = staff_client(StaffFactory(collectivity=commune_a.parent, role=Role.AGENT))
    response = client.get(dashboard_url(commune_a.parent))
    assert response.status_code == 200
    assert response.context["whole_province"] is False
    assert response.context["communes"] == []
    assert response.context["dashboard"].total.filed == 0


def _cases_in(communes):
    year = timezone.localdate().year
    for commune in communes:
        version = version_in(commune, documents=0)
        CaseFactory(collectivity=commune, version=version, due_on=date(2000, 1, 1))
        decided(commune, version, start=date(year, 1, 3), days=5, on_time=True)


def test_queries_do_not_grow_with_the_number_of_communes(
    staff_client, commune_a, django_assert_num_queries
):
    province = commune_a.parent
    communes = list(Collectivity.objects.filter(parent=province).order_by("code")[:5])
    assert len(communes) == 5
    client = staff_client(StaffFactory(collectivity=province, role=Role.SUPERVISOR))
    url = dashboard_url(province)
    _cases_in(communes[:2])
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as two:
        response = client.get(url)
    assert sum(r.figures.filed for r in response.context["communes"]) == 4

    _cases_in(communes[2:])
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(url)
    assert sum(r.figures.filed for r in response.context["communes"]) == 10
    assert len(response.context["dashboard"].by_procedure) == 5


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_public_procedure_page_shows_its_indicators(client, commune_a, lang):
    p1, _p2 = build_set(commune_a)
    with translation.override(lang):
        url = reverse(
            "public:catalogue:procedure-detail",
            kwargs={"code": commune_a.code, "slug": p1.procedure.slug},
        )
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="indicators-title"' in html
    assert "67%" in html
    assert '<td class="num">5</td>' in html
    assert "Amina" not in html  # no personal data

    fresh = version_in(commune_a, documents=0)
    with translation.override(lang):
        url = reverse(
            "public:catalogue:procedure-detail",
            kwargs={"code": commune_a.code, "slug": fresh.procedure.slug},
        )
    html = client.get(url).content.decode()
    assert 'id="indicators-title"' in html
    assert "67%" not in html
    assert 'class="chart-bar"' not in html
