"""The back-office frame: overview figures, side navigation, collectivity switcher."""

import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def test_overview_shows_the_figures_and_the_units_below(staff_client):
    province = Collectivity.objects.get(code="07.427")
    user = StaffFactory(collectivity=province, role=Role.SUPERVISOR)
    response = staff_client(user).get("/fr/bo/07.427/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>" in body
    assert "Rehamna" in body
    units = response.context["sub_units"]
    assert [(u["kind"], u["count"]) for u in units] == [("commune", province.children.count())]
    assert "Communes" in body
    assert 'aria-current="page"' in body  # Overview is marked in the side navigation


def test_switcher_appears_for_staff_with_several_memberships(staff_client, commune_a, commune_b):
    from jamaati.core.access.models import Membership

    user = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    Membership.objects.create(user=user, collectivity=commune_b, role=Role.AGENT)
    client = staff_client(user)
    body = client.get(f"/ar/bo/{commune_a.code}/").content.decode()
    assert 'id="bo-switch"' in body
    assert 'name="to"' in body
    assert f'value="{commune_b.code}"' in body
    response = client.get("/ar/bo/", {"to": commune_b.code})
    assert response.status_code == 302
    assert response["Location"] == f"/ar/bo/{commune_b.code}/"


def test_no_switcher_with_a_single_membership(staff_client, commune_a):
    user = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    body = staff_client(user).get(f"/ar/bo/{commune_a.code}/").content.decode()
    assert 'id="bo-switch"' not in body
    assert "ابن جرير" in body


def test_choose_lists_the_collectivities_of_the_staff_member(staff_client, commune_a, commune_b):
    from jamaati.core.access.models import Membership

    user = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    Membership.objects.create(user=user, collectivity=commune_b, role=Role.AGENT)
    response = staff_client(user).get("/fr/bo/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ben Guerir" in body
    assert "Fès" in body
    assert "Choisir une collectivité" in body
