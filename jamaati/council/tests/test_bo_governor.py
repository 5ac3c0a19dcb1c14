"""The governor's office in the back office: from the province it lists the decisions of every
commune below with their clocks (opposition, visa with the days left and the day silence counts
as the visa), acts on a commune's decision page (oppose with reasons, give or refuse the visa)
within the law's windows; another province's governor and a commune's secretariat cannot."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from jamaati.accounts.tests.factories import StaffFactory, verified_login
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.tenancy.models import Collectivity
from jamaati.council.models import Decision
from jamaati.council.services.decisions import decision_transmit
from jamaati.council.tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db

TRANSMITTED_AT = datetime(2027, 2, 8, 9, 0)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def bo(name: str, code: str, lang: str = "fr", **kwargs) -> str:
    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": code, **kwargs})


def login(user) -> Client:
    client = Client()
    verified_login(client, user)
    return client


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def province(commune_a):
    return Collectivity.objects.get(pk=commune_a.parent_id)


@pytest.fixture
def sister(commune_a):
    """Another commune of the province of Rehamna."""
    return (
        Collectivity.objects.filter(parent_id=commune_a.parent_id, kind="commune")
        .exclude(pk=commune_a.pk)
        .first()
    )


@pytest.fixture
def sent(secretary, commune_a):
    """Two decisions of Ben Guerir sent to the governor on 8 February 2027: one needing the
    visa (budget), one not (other matter)."""
    visa = DecisionFactory(
        collectivity=commune_a, subject="budget", needs_visa=True, title_fr="Budget 2027"
    )
    plain = DecisionFactory(collectivity=commune_a, subject="other", title_fr="Marché couvert")
    with time_machine.travel(timezone.make_aware(TRANSMITTED_AT), tick=False):
        decision_transmit(actor=secretary, decision=visa)
        decision_transmit(actor=secretary, decision=plain)
    visa.refresh_from_db()
    plain.refresh_from_db()
    return visa, plain


def test_the_governor_sees_his_communes_decisions_with_their_clocks(
    governor, province, commune_a, commune_b, sister, sent
):
    visa, plain = sent
    elsewhere = DecisionFactory(collectivity=commune_b, title_fr="Décision de Fès")
    neighbour = (
        DecisionFactory(collectivity=sister, title_fr="Décision voisine") if sister else None
    )
    with time_machine.travel(at(date(2027, 2, 9)), tick=False):
        client = login(governor)
        response = client.get(bo("decision-list", province.code))
        assert response.status_code == 200
        page = html(response)
        assert visa.number in page
        assert plain.number in page
        if neighbour is not None:
            assert neighbour.number in page
        assert elsewhere.number not in page
        # Each links to the commune's own page.
        assert bo("decision-detail", commune_a.code, decision_id=visa.pk) in page
        # The visa's clock: days left and the day silence counts as the visa (20 days).
        assert "art. 118" in page
        assert "Silence" in page or "silence" in page
        # The engine's last day (1 March: 28 February 2027 is a Sunday), silence the day after.
        due = deadline_open_of(visa, "visa").due_on
        assert due == date(2027, 3, 1)
        assert "2 mars 2027" in page
        # The opposition window, in working days.
        assert "art. 117" in page


def test_the_governor_acts_on_a_commune_s_decision(governor, commune_a, sent):
    visa, plain = sent
    with time_machine.travel(at(date(2027, 2, 9)), tick=False):
        client = login(governor)
        page = html(client.get(bo("decision-detail", commune_a.code, decision_id=visa.pk)))
        assert bo("decision-act", commune_a.code, decision_id=visa.pk, action="give_visa") in page
        assert "action-post" not in page  # posting belongs to the secretariat
        # Opposing without reasons: a message, nothing written.
        url = bo("decision-act", commune_a.code, decision_id=plain.pk, action="oppose")
        before = AuditEvent.objects.count()
        response = client.post(url, {"oppose-reasons": ""})
        assert response.status_code == 200
        assert "error-summary" in html(response)
        assert AuditEvent.objects.count() == before
        assert Decision.objects.get(pk=plain.pk).state == "transmitted"
        response = client.post(url, {"oppose-reasons": "Contraire au plan d'aménagement."})
        assert response.status_code == 302
        plain.refresh_from_db()
        assert plain.state == "opposed"
        assert plain.governor_reasons == "Contraire au plan d'aménagement."
        response = client.post(
            bo("decision-act", commune_a.code, decision_id=visa.pk, action="refuse_visa"),
            {"refuse_visa-reasons": ""},
        )
        assert "error-summary" in html(response)
        response = client.post(
            bo("decision-act", commune_a.code, decision_id=visa.pk, action="give_visa")
        )
        assert response.status_code == 302
        assert Decision.objects.get(pk=visa.pk).state == "visa_given"
        # Nothing left to do: the actions are gone; a second visa is refused.
        page = html(client.get(bo("decision-detail", commune_a.code, decision_id=visa.pk)))
        assert "action-give_visa" not in page
        response = client.post(
            bo("decision-act", commune_a.code, decision_id=visa.pk, action="give_visa")
        )
        assert response.status_code == 200
        assert "error-summary" in html(response)


def test_opposition_after_three_working_days_is_refused(governor, commune_a, sent):
    from jamaati.core.deadlines.sweep import expire_due_deadlines

    _visa, plain = sent
    # 8 Feb 2027 is a Monday: the window ends on Thursday 11; the daily sweep of Friday 12
    # makes the decision executory, and the governor's opposition comes too late.
    with time_machine.travel(at(date(2027, 2, 12)), tick=False):
        expire_due_deadlines(timezone.localdate())
        client = login(governor)
        page = html(client.get(bo("decision-detail", commune_a.code, decision_id=plain.pk)))
        assert "action-oppose" not in page
        response = client.post(
            bo("decision-act", commune_a.code, decision_id=plain.pk, action="oppose"),
            {"oppose-reasons": "Trop tard."},
        )
        assert response.status_code == 200
        assert "error-summary" in html(response)
    assert Decision.objects.get(pk=plain.pk).state == "executory"


def test_the_opposition_button_goes_when_the_window_closes_even_before_the_sweep(
    governor, commune_a, sent
):
    _visa, plain = sent
    url = bo("decision-detail", commune_a.code, decision_id=plain.pk)
    with time_machine.travel(at(date(2027, 2, 11)), tick=False):  # the last day
        assert "action-oppose" in html(login(governor).get(url))
    with time_machine.travel(at(date(2027, 2, 12)), tick=False):  # no sweep yet
        assert "action-oppose" not in html(login(governor).get(url))


def test_the_secretariat_cannot_control_and_another_governor_cannot_see(
    secretary, commune_a, commune_b, sent
):
    visa, _plain = sent
    client = login(secretary)
    for action in ("oppose", "give_visa", "refuse_visa"):
        url = bo("decision-act", commune_a.code, decision_id=visa.pk, action=action)
        assert client.post(url, {f"{action}-reasons": "x"}).status_code == 403
    fes = Collectivity.objects.get(pk=commune_b.parent_id)
    other_governor = StaffFactory(collectivity=fes, role=Role.SUPERVISOR, password=None)
    client = login(other_governor)
    assert client.get(bo("decision-detail", commune_a.code, decision_id=visa.pk)).status_code == 404
    url = bo("decision-act", commune_a.code, decision_id=visa.pk, action="give_visa")
    assert client.post(url).status_code == 404
    page = html(client.get(bo("decision-list", fes.code)))
    assert visa.number not in page
    assert Decision.objects.get(pk=visa.pk).state == "awaiting_visa"


def test_a_secretariat_s_list_is_its_own_commune_only(secretary, commune_a, commune_b, sent):
    visa, _ = sent
    other = DecisionFactory(collectivity=commune_b)
    client = login(secretary)
    page = html(client.get(bo("decision-list", commune_a.code)))
    assert visa.number in page
    assert other.number not in page
    # The province's list is out of the secretariat's reach.
    assert client.get(bo("decision-list", "07.427")).status_code == 404


def test_the_deemed_visa_shows_on_the_list(governor, province, commune_a, sent):
    from jamaati.core.deadlines.sweep import expire_due_deadlines

    visa, _ = sent
    with time_machine.travel(at(date(2027, 3, 2)), tick=False):
        expire_due_deadlines(timezone.localdate())
        client = login(governor)
        page = html(client.get(bo("decision-list", province.code) + "?state=visa_deemed"))
    assert Decision.objects.get(pk=visa.pk).state == "visa_deemed"
    assert visa.number in page
