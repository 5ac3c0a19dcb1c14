import pytest

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.navigation import sections_for

pytestmark = pytest.mark.django_db


def _current(actor, node, url_name):
    return {s["url_name"] for s in sections_for(actor, node, url_name) if s["is_current"]}


def test_the_longest_matching_prefix_marks_the_current_section(commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    assert _current(agent, commune_a, "case-dashboard") == {"bo:case-dashboard"}
    assert _current(agent, commune_a, "case-list") == {"bo:case-list"}
    assert _current(agent, commune_a, "procedure-counter") == {"bo:case-list"}
