"""An information request answered "already published" with a real item of the publication
register (the information and transparency apps together): the reference is the item's page,
and each reader gets it in their own language."""

import pytest

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.core.access.roles import Role
from jamaati.information.services import request_answer
from jamaati.information.tests.conftest import file_request
from jamaati.transparency.selectors import publication_search
from jamaati.transparency.tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def test_the_reference_is_the_register_item_in_the_reader_s_language(commune_a, client):
    budget = PublicationFactory(
        collectivity=commune_a,
        obligation="budget",
        period_year=2025,
        title_fr="Budget communal 2025",
        title_ar="الميزانية الجماعية 2025",
        external_url="",
    )
    assert list(publication_search(collectivity=commune_a, q="budget communal")) == [budget]
    citizen = CitizenFactory(cin="AB123456", password=None)
    officer = StaffFactory(collectivity=commune_a, role=Role.INFORMATION_OFFICER, password=None)
    item = file_request(citizen, commune_a)
    item = request_answer(
        actor=officer,
        request=item,
        kind="refuse",
        data={"ground": "published", "publication": str(budget.pk), "text": "Déjà publié."},
    )
    assert item.published_reference_url.endswith(f"/publications/{budget.pk}/")

    client.force_login(citizen)
    for lang in ("ar", "fr"):
        page = client.get(f"/{lang}/my/information/{item.number}/").content.decode()
        assert f'href="/{lang}/c/{commune_a.code}/publications/{budget.pk}/"' in page
