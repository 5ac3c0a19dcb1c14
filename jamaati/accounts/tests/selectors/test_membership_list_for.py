import pytest
from django.http import Http404

from jamaati.accounts.selectors import membership_get_for, membership_list_for
from jamaati.accounts.tests.factories import MembershipFactory, StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def test_list_holds_subtree_memberships_only_when_actor_is_commune_admin(commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    here = MembershipFactory(collectivity=commune_a)
    MembershipFactory(collectivity=commune_b)
    MembershipFactory(collectivity=Collectivity.objects.get(code="07.427"))

    listed = set(membership_list_for(admin, collectivity=commune_a))

    assert listed == {here, admin.memberships.get()}


def test_list_runs_in_constant_queries_when_it_has_many_rows(commune_a, django_assert_num_queries):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    MembershipFactory.create_batch(5, collectivity=commune_a)
    admin._jamaati_grants = None
    del admin._jamaati_grants

    with django_assert_num_queries(2):  # the actor's grants, then the list with its joins
        rows = list(membership_list_for(admin, collectivity=commune_a))
        names = [(m.user.username, m.collectivity.code) for m in rows]
    assert len(names) == 6


def test_get_is_not_found_when_membership_is_outside_reach(commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    elsewhere = MembershipFactory(collectivity=commune_a)
    with pytest.raises(Http404):
        membership_get_for(admin, elsewhere.pk)
    with pytest.raises(Http404):
        membership_get_for(admin, 10**9)
