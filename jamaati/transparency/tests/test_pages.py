"""HTTP: public pages (register, item, file, search, national) and back-office pages with
the other-commune 404 and the denied 403 for every view."""

from datetime import date

import pytest
from django.urls import reverse

from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.core.audit.models import AuditEvent
from jamaati.transparency.models import Publication
from jamaati.transparency.services import publication_publish
from jamaati.transparency.tests.factories import PDF_BYTES, make_publication, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(agent, commune_a):
    return publication_publish(
        actor=agent,
        collectivity=commune_a,
        obligation="budget",
        title_ar="ميزانية جماعة ابن جرير 2026",
        title_fr="Budget de la commune de Ben Guerir 2026",
        period_year=2026,
        file=pdf_upload(),
    )


def public(name, item=None, code=None, lang="fr"):
    kwargs = {"code": code or item.collectivity.code}
    if item is not None and name != "publication-register":
        kwargs["pk"] = item.pk
    return f"/{lang}" + reverse(f"public:{name}", kwargs=kwargs)[3:]


def bo(name, node, item=None):
    kwargs = {"code": node.code}
    if item is not None:
        kwargs["pk"] = item.pk
    return reverse(f"bo:{name}", kwargs=kwargs)


# --- public ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_public_register_shows_items_missing_and_completeness(client, budget, commune_a, lang):
    response = client.get(f"/{lang}/c/{commune_a.code}/publications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert budget.title_ar in html if lang == "ar" else budget.title_fr in html
    assert budget.file_url().replace("/ar/", f"/{lang}/") in html or "/file" in html
    assert 'class="tr-status tr-status-late"' in html  # accounts, plan... not published
    assert "tr-meter-bar" in html
    assert f'lang="{lang}"' in html


def test_public_search(client, budget, commune_a):
    response = client.get(f"/fr/c/{commune_a.code}/publications/", {"q": "BUDGET guérir"})
    assert budget.title_fr in response.content.decode().split('id="results-title"')[1]
    response = client.get(f"/ar/c/{commune_a.code}/publications/", {"q": "ميزانيه"})
    assert budget.title_ar in response.content.decode().split('id="results-title"')[1]
    response = client.get(f"/fr/c/{commune_a.code}/publications/", {"q": "x" * 500})
    assert response.status_code == 200


def test_public_item_and_file(client, budget):
    page = client.get(public("publication-detail", budget))
    assert page.status_code == 200
    assert budget.title_fr in page.content.decode()
    response = client.get(public("publication-file", budget))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_withdrawn_item_page_stays_but_file_is_gone(client, budget, agent):
    from jamaati.transparency.services import publication_withdraw

    publication_withdraw(actor=agent, item=budget, reason="Chiffres erronés")
    page = client.get(public("publication-detail", budget))
    assert page.status_code == 200
    assert "Chiffres erronés" in page.content.decode()
    assert client.get(public("publication-file", budget)).status_code == 404


def test_public_other_commune_and_bad_ids_are_404(client, budget, commune_b):
    for name in ("publication-detail", "publication-file"):
        assert client.get(public(name, budget, code=commune_b.code)).status_code == 404
    assert client.get(f"/fr/c/{budget.collectivity.code}/publications/abc/").status_code == 404
    assert (
        client.get(
            f"/fr/c/{budget.collectivity.code}/publications/99999999999999999999/"
        ).status_code
        == 404
    )
    assert client.get("/fr/c/99.999/publications/").status_code == 404


def test_national_page_by_region_and_province(client, budget, commune_a):
    response = client.get("/fr/publications/")
    assert response.status_code == 200
    region = commune_a.ancestors()[1]
    province = commune_a.parent
    html = response.content.decode()
    assert f"?in={region.code}" in html
    response = client.get("/fr/publications/", {"in": province.code})
    assert response.status_code == 200
    assert reverse("public:publication-register", kwargs={"code": commune_a.code})[3:] in (
        response.content.decode()
    )
    assert client.get("/fr/publications/", {"in": commune_a.code}).status_code == 404
    assert client.get("/fr/publications/", {"in": "nope"}).status_code == 404


def test_national_completeness_counts(commune_a, agent):
    from jamaati.transparency.obligations import OBLIGATIONS
    from jamaati.transparency.selectors import completeness_by_child

    make_publication(commune_a, agent, obligation="services", period_year=None)
    make_publication(commune_a, agent, obligation="budget", period_year=2026)
    make_publication(commune_a, agent, obligation="budget", period_year=2024)  # same obligation
    rows = completeness_by_child(commune_a.parent, today=date(2026, 3, 1))
    mine = next(r for r in rows if r["node"].pk == commune_a.pk)
    assert mine["met"] == 2
    assert mine["expected"] == len(OBLIGATIONS)
    assert all(r["met"] == 0 for r in rows if r["node"].pk != commune_a.pk)


# --- back office ----------------------------------------------------------------------------

BO_VIEWS = ["publication-register", "publication-new", "publication-detail", "publication-bo-file"]


@pytest.mark.parametrize("name", BO_VIEWS)
def test_bo_pages_for_agent(staff_client, agent, budget, commune_a, name):
    item = budget if name in ("publication-detail", "publication-bo-file") else None
    response = staff_client(agent).get(bo(name, commune_a, item))
    assert response.status_code == 200


@pytest.mark.parametrize("name", [*BO_VIEWS, "publication-withdraw"])
def test_bo_other_commune_is_404(staff_client, agent_b, budget, commune_a, name):
    item = budget if name not in ("publication-register", "publication-new") else None
    client = staff_client(agent_b)
    method = client.post if name == "publication-withdraw" else client.get
    assert method(bo(name, commune_a, item), {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("name", [*BO_VIEWS, "publication-withdraw"])
def test_bo_denied_is_403(staff_client, signatory, budget, commune_a, name):
    item = budget if name not in ("publication-register", "publication-new") else None
    client = staff_client(signatory)
    method = client.post if name == "publication-withdraw" else client.get
    assert method(bo(name, commune_a, item), {"reason": "x"}).status_code == 403
    assert Publication.objects.filter(withdrawn_at__isnull=False).count() == 0


def test_bo_item_of_another_commune_under_own_code_is_404(staff_client, agent_b, budget, commune_b):
    client = staff_client(agent_b)
    for name in ("publication-detail", "publication-bo-file"):
        assert client.get(bo(name, commune_b, budget)).status_code == 404
    assert (
        client.post(bo("publication-withdraw", commune_b, budget), {"reason": "x"}).status_code
        == 404
    )


def test_factory_item_of_another_commune_is_404_everywhere(
    staff_client, agent, commune_a, commune_b
):
    from jamaati.transparency.tests.factories import PublicationFactory

    other = PublicationFactory(collectivity=commune_b)
    client = staff_client(agent)
    for name in ("publication-detail", "publication-bo-file", "publication-withdraw"):
        for method in (client.get, client.post):
            assert method(bo(name, commune_a, other)).status_code == 404
    assert client.get(public("publication-detail", other, code=commune_a.code)).status_code == 404
    assert client.get(f"/api/v1/publications/{other.pk}").status_code == 200  # public, in force


def test_citizen_and_anonymous_cannot_enter(client, budget, commune_a):
    assert client.get(bo("publication-register", commune_a)).status_code == 302
    client.force_login(CitizenFactory())
    # Not staff of this commune: the tenancy middleware answers 404 before any rule.
    assert client.get(bo("publication-register", commune_a)).status_code == 404


def test_officer_publishes_through_the_form(staff_client, officer, commune_a):
    client = staff_client(officer)
    response = client.post(
        bo("publication-new", commune_a),
        {
            "obligation": "procurement_plan",
            "title_ar": "البرنامج التوقعي للصفقات 2026",
            "title_fr": "Programme prévisionnel 2026",
            "period_year": "2026",
            "file": pdf_upload("plan.pdf"),
        },
    )
    item = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{item.pk}/")
    assert item.published_by == officer


def test_publish_replacing_an_item(staff_client, agent, budget, commune_a):
    response = staff_client(agent).post(
        bo("publication-new", commune_a),
        {
            "obligation": "budget",
            "title_ar": "ميزانية معدلة",
            "period_year": "2026",
            "external_url": "https://example.ma/budget.pdf",
            "replaces": str(budget.pk),
        },
    )
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.is_withdrawn
    assert budget.superseded_by is not None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"obligation": "budget", "title_ar": "", "external_url": "https://a.ma"},
        {"obligation": "budget", "title_ar": "ميزانية", "period_year": "2026"},
        {
            "obligation": "budget",
            "title_ar": "م",
            "period_year": "2026",
            "external_url": "file:///etc/passwd",
        },
        {
            "obligation": "budget",
            "title_ar": "م",
            "period_year": "2999",
            "external_url": "https://a.ma",
        },
        {"obligation": "nope", "title_ar": "م", "external_url": "https://a.ma"},
        {
            "obligation": "services",
            "title_ar": "م",
            "external_url": "https://a.ma",
            "replaces": "999",
        },
        {"obligation": ["a", "b"], "title_ar": "\x00"},
    ],
)
def test_bad_publish_posts_write_nothing(staff_client, agent, commune_a, data):
    events = AuditEvent.objects.count()
    response = staff_client(agent).post(bo("publication-new", commune_a), data)
    assert response.status_code == 422
    assert 'class="error-summary"' in response.content.decode()
    assert Publication.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_wrong_file_type_through_the_form(staff_client, agent, commune_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client(agent).post(
        bo("publication-new", commune_a),
        {
            "obligation": "services",
            "title_ar": "الخدمات",
            "file": SimpleUploadedFile("list.pdf", b"<html><script>alert(1)</script>"),
        },
    )
    assert response.status_code == 422
    assert Publication.objects.count() == 0


def test_withdraw_through_the_form(staff_client, agent, budget, commune_a):
    client = staff_client(agent)
    assert (
        client.post(bo("publication-withdraw", commune_a, budget), {"reason": ""}).status_code
        == 422
    )
    response = client.post(bo("publication-withdraw", commune_a, budget), {"reason": "Erreur"})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.is_withdrawn
    assert (
        client.post(bo("publication-withdraw", commune_a, budget), {"reason": "x"}).status_code
        == 422
    )
    assert client.get(bo("publication-withdraw", commune_a, budget)).status_code == 405
