"""The demo council of Ben Guerir: built through the services, idempotent, and its public
record shows what the demo promises (decisions in force, the visa given, the visa deemed, the
failed absolute majority decided at the second sitting, a rejected item)."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from jamaati.core.audit.models import AuditEvent
from jamaati.council import popolo, public
from jamaati.council.demo import DEMO_COMMUNE, PRESIDENT
from jamaati.council.models import (
    Attendance,
    Committee,
    Decision,
    Member,
    Office,
    Petition,
    Session,
    Sitting,
    VoteEvent,
)
from jamaati.council.workflow import DecisionState

pytestmark = pytest.mark.django_db


def _counts() -> tuple:
    return (
        Member.objects.count(),
        Session.objects.count(),
        Sitting.objects.count(),
        VoteEvent.objects.count(),
        Decision.objects.count(),
        Petition.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    call_command("load_demo", verbosity=0)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_council_demo", stdout=out)
    return out.getvalue()


def test_the_demo_council(demo, client, commune_a):
    """One run of the demo (it renders a dozen PDFs): what it builds, its public record, and
    that running it again changes nothing."""
    assert "council demo:" in demo  # progress lines
    members = Member.objects.filter(collectivity=commune_a)
    assert members.count() == 29
    president = members.get(office=Office.PRESIDENT)
    assert president.user.username == PRESIDENT
    assert members.filter(office=Office.VICE_PRESIDENT).count() == 4
    assert members.filter(office=Office.SECRETARY).count() == 1
    assert members.filter(office=Office.DEPUTY_SECRETARY).count() == 1
    assert len({m.political_group for m in members}) == 5
    assert all(m.first_name_ar and m.first_name_fr for m in members)
    assert Committee.objects.filter(collectivity=commune_a).count() == 3

    october = Session.objects.get(collectivity=commune_a, year=2026, month=10)
    assert october.state == "closed"
    sittings = list(october.sittings.order_by("scheduled_at"))
    assert [s.state for s in sittings] == ["closed", "closed"]
    assert all(s.minutes_sent_at for s in sittings)
    assert Attendance.objects.filter(sitting=sittings[0], presence="present").count() == 24
    results = {
        (v.item.subject, v.sitting_id): v.result
        for v in VoteEvent.objects.filter(sitting__session=october).select_related("item")
    }
    assert results[("partnership", sittings[0].pk)] == "no_absolute_majority"
    assert results[("partnership", sittings[1].pk)] == "adopted"
    assert results[("twinning", sittings[0].pk)] == "rejected"
    first_programme = VoteEvent.objects.get(item__subject="action_programme")
    assert first_programme.rule == "members_in_office"

    decisions = {d.subject: d for d in Decision.objects.filter(collectivity=commune_a)}
    assert set(decisions) == {"action_programme", "partnership", "budget", "urbanism"}
    assert all(d.posted_at and d.transmitted_at for d in decisions.values())
    assert decisions["action_programme"].state == DecisionState.VISA_GIVEN
    assert decisions["budget"].state == DecisionState.VISA_DEEMED
    assert decisions["partnership"].state == DecisionState.EXECUTORY
    assert decisions["urbanism"].state == DecisionState.EXECUTORY

    february = Session.objects.get(collectivity=commune_a, year=2027, month=2)
    assert february.state == "planned"
    assert february.items.count() == 3
    assert Petition.objects.get(collectivity=commune_a).state == "filed"

    _check_public_record(client, commune_a)

    before = _counts()
    out = io.StringIO()
    call_command("load_council_demo", stdout=out)
    assert "nothing to do" in out.getvalue()
    assert _counts() == before


def _check_public_record(client, commune_a):
    html = client.get(f"/fr/c/{DEMO_COMMUNE}/council/").content.decode()
    budget = Decision.objects.get(subject="budget")
    assert budget.number in html
    with translation.override("fr"):  # the public record in French
        assert str(public.control_state(budget)) == translation.gettext(
            "In force: visa deemed given on %(date)s (no answer within 20 days)"
        ) % {"date": "29 octobre 2026"}
    page = client.get(f"/fr/c/{DEMO_COMMUNE}/council/decisions/{budget.number}/")
    assert "29 octobre 2026" in page.content.decode()
    document = popolo.build(commune_a)
    assert len(document["persons"]) == 29
    assert len(document["vote_events"]) == 6
    assert len(document["votes"]) == 24 * 5 + 27
    html = client.get(f"/ar/c/{DEMO_COMMUNE}/council/").content.decode()
    assert "عبد الله الرحماني" in html
