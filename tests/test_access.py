import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.core.access.actors import can_reach, grants_of, has_role, reach_filter
from jamaati.core.access.models import Membership
from jamaati.core.access.policies import authorize, is_allowed, policy
from jamaati.core.access.roles import Role
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


@policy("test.sign")
def _can_sign(actor, obj):
    return has_role(actor, Role.SIGNATORY, obj)


def test_membership_reaches_its_node_and_subtree_only(commune_a, commune_b):
    governor = StaffFactory(collectivity=commune_a.parent, role=Role.SUPERVISOR)
    assert can_reach(governor, commune_a.parent)
    assert can_reach(governor, commune_a)
    assert not can_reach(governor, commune_a.parent.parent)
    assert not can_reach(governor, commune_b)


def test_national_membership_reaches_every_commune(commune_a, commune_b):
    dgct = StaffFactory(collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN)
    assert can_reach(dgct, commune_a)
    assert can_reach(dgct, commune_b)


def test_citizen_and_anonymous_reach_nothing(commune_a):
    from django.contrib.auth.models import AnonymousUser

    assert grants_of(CitizenFactory()) == ()
    assert not can_reach(AnonymousUser(), commune_a)
    assert not can_reach(None, commune_a)


def test_inactive_membership_gives_nothing(commune_a):
    agent = StaffFactory(collectivity=commune_a)
    Membership.objects.filter(user=agent).update(is_active=False)
    assert not can_reach(agent, commune_a)


def test_authorize_allows_the_role_in_reach(commune_a):
    president = StaffFactory(collectivity=commune_a, role=Role.SIGNATORY)
    authorize(president, "test.sign", commune_a)
    assert president.has_perm("test.sign", commune_a)


def test_authorize_denies_with_403_when_visible_but_role_missing(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    with pytest.raises(PermissionDenied):
        authorize(agent, "test.sign", commune_a)
    assert not agent.has_perm("test.sign", commune_a)


def test_authorize_answers_404_for_another_commune(commune_a, commune_b):
    president = StaffFactory(collectivity=commune_a, role=Role.SIGNATORY)
    with pytest.raises(Http404):
        authorize(president, "test.sign", commune_b)
    assert not is_allowed(president, "test.sign", commune_b)


def test_unknown_action_is_denied(commune_a):
    president = StaffFactory(collectivity=commune_a, role=Role.SIGNATORY)
    with pytest.raises(PermissionDenied):
        authorize(president, "test.no_such_rule", commune_a)
    assert not is_allowed(president, "test.no_such_rule", commune_a)


def test_policy_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="twice"):
        policy("test.sign")(lambda actor, obj: True)


def test_reach_filter_scopes_a_queryset(commune_a, commune_b):
    governor = StaffFactory(collectivity=commune_a.parent, role=Role.SUPERVISOR)
    StaffFactory(collectivity=commune_b)
    StaffFactory(collectivity=commune_a)
    visible = Membership.objects.filter(reach_filter(governor))
    assert {m.collectivity.code for m in visible} <= {commune_a.code, commune_a.parent.code}
    assert visible.filter(collectivity=commune_a).exists()
    assert not visible.filter(collectivity=commune_b).exists()


def test_grants_are_read_in_one_query(commune_a, django_assert_num_queries):
    agent = StaffFactory(collectivity=commune_a)
    with django_assert_num_queries(1):
        for _ in range(5):
            can_reach(agent, commune_a)
