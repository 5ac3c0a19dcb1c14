import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.html import escape

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.catalogue.models import Procedure, ProcedureVersion, VersionStatus
from jamaati.catalogue.tests.factories import (
    ProcedureFactory,
    ProcedureVersionFactory,
    published_version,
)
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _in_french(message):
    """A message as the French page shows it (translated when the lead has translated it)."""
    with translation.override("fr"):
        return escape(translation.gettext(message))


def _draft_fields(**overrides):
    data = {
        "name_ar": "رخصة الإصلاح",
        "name_fr": "Autorisation de réparation",
        "description_ar": "",
        "description_fr": "",
        "legal_basis_text": "Loi n° 12.90",
        "legal_basis_article": "art. 46",
        "service_ar": "",
        "service_fr": "",
        "office_hours": "",
        "max_delay_days": "30",
        "delay_calendar": "working",
        "silence_legal_basis": "",
        "extension_reason": "",
        "appeal_ar": "",
        "appeal_fr": "",
        "is_at_counter": "on",
        "output_document_ar": "",
        "output_document_fr": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def agent_a(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.AGENT)


@pytest.fixture
def template(morocco):
    return published_version(
        fees=[
            {"key": "stamp", "amount": "20.00"},
            {"key": "local-tax", "amount": "0.00", "is_local": True},
        ],
    ).procedure


def test_national_admin_creates_edits_and_publishes_a_template(staff_client, dgct):
    client = staff_client(dgct)

    created = client.post("/fr/bo/MA/procedures/new/", {"slug": "repair", **_draft_fields()})

    procedure = Procedure.objects.get(collectivity__code="MA", slug="repair")
    assert created.status_code == 302
    assert created["Location"] == f"/fr/bo/MA/procedures/{procedure.pk}/"
    listing = client.get("/fr/bo/MA/procedures/").content.decode()
    assert "Autorisation de réparation" in listing
    assert "/fr/bo/MA/procedures/new/" in listing

    edited = client.post(
        f"/fr/bo/MA/procedures/{procedure.pk}/edit/",
        _draft_fields(name_fr="Autorisation de réparer", max_delay_days="20"),
    )
    version = procedure.versions.get()
    assert edited.status_code == 302
    assert (version.name_fr, version.max_delay_days) == ("Autorisation de réparer", 20)

    published = client.post(f"/fr/bo/MA/procedures/{procedure.pk}/publish/")

    version.refresh_from_db()
    assert published.status_code == 302
    assert version.status == VersionStatus.PUBLISHED
    actions = set(AuditEvent.objects.filter(actor_id=dgct.pk).values_list("action", flat=True))
    assert {
        "catalogue.template_create",
        "catalogue.version_update",
        "catalogue.version_publish",
    } <= actions
    detail = client.get(f"/fr/bo/MA/procedures/{procedure.pk}/").content.decode()
    assert f"/fr/bo/MA/procedures/{procedure.pk}/new-draft/" in detail


def test_publish_is_refused_with_the_legal_basis_message_when_it_is_missing(staff_client, dgct):
    version = ProcedureVersionFactory(legal_basis_text="", legal_basis_article="")
    client = staff_client(dgct)
    events = AuditEvent.objects.count()

    response = client.post(f"/fr/bo/MA/procedures/{version.procedure_id}/publish/", follow=True)

    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert AuditEvent.objects.count() == events
    assert (
        _in_french(
            "A procedure without a legal basis cannot be published (law 55.19, art.3 and 6)."
        )
        in response.content.decode()
    )


def test_edit_shows_the_law_errors_on_the_fields_and_writes_nothing_when_invalid(
    staff_client, dgct
):
    version = ProcedureVersionFactory()
    client = staff_client(dgct)

    response = client.post(
        f"/fr/bo/MA/procedures/{version.procedure_id}/edit/",
        _draft_fields(is_investment_related="on", max_delay_days="45", name_fr=""),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert 'href="#id_name_fr"' in html
    stored = ProcedureVersion.objects.get(pk=version.pk)
    assert (stored.name_fr, stored.max_delay_days) == (version.name_fr, version.max_delay_days)

    response = client.post(
        f"/fr/bo/MA/procedures/{version.procedure_id}/edit/",
        _draft_fields(is_investment_related="on", max_delay_days="45"),
    )
    assert response.status_code == 400
    assert re.search(r"art\.\s?16", response.content.decode())  # cites law 55.19 art. 16
    assert ProcedureVersion.objects.get(pk=version.pk).max_delay_days == version.max_delay_days


def test_published_version_cannot_be_edited_when_there_is_no_draft(staff_client, dgct):
    version = published_version()
    client = staff_client(dgct)

    response = client.post(
        f"/fr/bo/MA/procedures/{version.procedure_id}/edit/",
        _draft_fields(name_fr="Changé"),
        follow=True,
    )

    assert (
        _in_french("A published version cannot be changed. Create a new draft first, then edit it.")
        in response.content.decode()
    )
    assert ProcedureVersion.objects.get(pk=version.pk).name_fr == version.name_fr


def test_new_draft_copies_the_published_version_when_admin_asks(staff_client, dgct):
    version = published_version()

    response = staff_client(dgct).post(f"/fr/bo/MA/procedures/{version.procedure_id}/new-draft/")

    assert response.status_code == 302
    assert version.procedure.versions.get(number=2).status == VersionStatus.DRAFT


def test_commune_admin_adopts_a_template_with_local_fields_and_sees_it_listed(
    staff_client, admin_a, commune_a, template
):
    client = staff_client(admin_a)
    listing = client.get(f"/fr/bo/{commune_a.code}/procedures/").content.decode()
    assert f"/fr/bo/{commune_a.code}/procedures/{template.pk}/adopt/" in listing
    page = client.get(f"/fr/bo/{commune_a.code}/procedures/{template.pk}/adopt/")
    assert page.status_code == 200
    assert 'name="fee_local-tax"' in page.content.decode()
    assert 'name="fee_stamp"' not in page.content.decode()

    response = client.post(
        f"/fr/bo/{commune_a.code}/procedures/{template.pk}/adopt/",
        {
            "service_ar": "قسم التعمير",
            "service_fr": "Service de l'urbanisme",
            "office_hours": "8h30-16h30",
            "fee_local-tax": "150",
        },
    )

    local = Procedure.objects.get(collectivity=commune_a, template=template)
    version = local.versions.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/bo/{commune_a.code}/procedures/{local.pk}/"
    assert (version.service_fr, version.office_hours) == ("Service de l'urbanisme", "8h30-16h30")
    assert version.fees.get(key="local-tax").amount == Decimal("150.00")
    assert version.status == VersionStatus.PUBLISHED
    assert AuditEvent.objects.filter(
        action="catalogue.procedure_adopt", actor_id=admin_a.pk
    ).exists()
    listing = client.get(f"/fr/bo/{commune_a.code}/procedures/").content.decode()
    assert f"/fr/bo/{commune_a.code}/procedures/{local.pk}/" in listing
    assert f"/procedures/{template.pk}/adopt/" not in listing


def test_adopt_shows_the_errors_and_writes_nothing_when_the_service_is_missing(
    staff_client, admin_a, commune_a, template
):
    response = staff_client(admin_a).post(
        f"/fr/bo/{commune_a.code}/procedures/{template.pk}/adopt/",
        {"service_ar": "", "service_fr": "", "fee_local-tax": "-3"},
    )

    assert response.status_code == 400
    assert 'href="#id_service_ar"' in response.content.decode()
    assert not Procedure.objects.filter(collectivity=commune_a).exists()


def test_agent_sees_the_list_but_may_not_adopt_edit_or_publish(
    staff_client, agent_a, commune_a, template
):
    own = ProcedureVersionFactory(collectivity=commune_a)
    client = staff_client(agent_a)
    base = f"/fr/bo/{commune_a.code}/procedures"

    listing = client.get(f"{base}/")
    assert listing.status_code == 200
    assert "/adopt/" not in listing.content.decode()
    assert client.get(f"{base}/{own.procedure_id}/").status_code == 200
    assert client.get(f"{base}/{template.pk}/adopt/").status_code == 403
    assert client.post(f"{base}/{template.pk}/adopt/", {"service_ar": "x"}).status_code == 403
    assert client.get(f"{base}/{own.procedure_id}/edit/").status_code == 403
    assert client.post(f"{base}/{own.procedure_id}/edit/", _draft_fields()).status_code == 403
    assert client.post(f"{base}/{own.procedure_id}/publish/").status_code == 403
    assert ProcedureVersion.objects.get(pk=own.pk).status == VersionStatus.DRAFT
    assert not Procedure.objects.filter(collectivity=commune_a, template=template).exists()


def test_admin_of_another_commune_gets_404_under_both_addresses(staff_client, commune_a, commune_b):
    procedure = ProcedureVersionFactory(collectivity=commune_a).procedure
    client = staff_client(StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN))

    for code in (commune_a.code, commune_b.code):
        for suffix in ("", "edit/", "publish/", "new-draft/"):
            url = f"/fr/bo/{code}/procedures/{procedure.pk}/{suffix}"
            assert client.get(url).status_code == 404, url
            assert client.post(url).status_code == 404, url


def test_templates_page_is_not_found_when_a_commune_admin_asks_for_the_country(
    staff_client, admin_a
):
    assert staff_client(admin_a).get("/fr/bo/MA/procedures/").status_code == 404


def test_procedures_section_shows_for_the_admin_and_the_page_redirects_anonymous(
    client, staff_client, admin_a, commune_a
):
    url = f"/fr/bo/{commune_a.code}/procedures/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]

    overview = staff_client(admin_a).get(f"/fr/bo/{commune_a.code}/")
    assert f'href="{url}"' in overview.content.decode()


def test_procedures_section_is_hidden_when_the_role_may_not_read_it(staff_client, commune_a):
    auditor = StaffFactory(collectivity=commune_a, role=Role.FINANCE_OFFICER)
    client = staff_client(auditor)
    url = f"/fr/bo/{commune_a.code}/procedures/"

    assert f'href="{url}"' not in client.get(f"/fr/bo/{commune_a.code}/").content.decode()
    assert client.get(url).status_code == 403


def test_new_template_is_refused_when_the_slug_is_taken(staff_client, dgct):
    ProcedureFactory(slug="repair")

    response = staff_client(dgct).post(
        "/fr/bo/MA/procedures/new/", {"slug": "repair", **_draft_fields()}
    )

    assert response.status_code == 400
    assert 'href="#id_slug"' in response.content.decode()
    assert Procedure.objects.filter(slug="repair").count() == 1
