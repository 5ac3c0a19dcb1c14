"""The public record of a council: only what is public appears, scoped to the collectivity of
the URL (another commune's objects answer 404 like missing ones), in Arabic and French."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from jamaati.council import public
from jamaati.council.models import (
    Attendance,
    Ballot,
    Decision,
    ItemState,
    Member,
    SessionState,
    SittingState,
)
from jamaati.council.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    ItemDocumentFactory,
    SessionFactory,
    SittingFactory,
    VoteEventFactory,
    council_of,
)
from jamaati.council.workflow import DecisionState

pytestmark = pytest.mark.django_db

SECRET_ITEM = "Point secret en préparation"
UNPOSTED = "Décision pas encore affichée"


@dataclass
class Record:
    members: list[Member]
    session: Any
    planned: Any
    sitting: Any
    posted: Decision
    unposted: Decision
    rejected_vote: Any
    document: Any
    secret_document: Any
    committee: Any


def _vote(collectivity, sitting, item, members, choices, *, result, rule="votes_cast"):
    counts = {c: sum(1 for x in choices if x == c) for c in ("for", "against", "abstain")}
    vote = VoteEventFactory(
        collectivity=collectivity,
        item=item,
        sitting=sitting,
        rule=rule,
        in_office_count=len(members),
        for_count=counts["for"],
        against_count=counts["against"],
        abstain_count=counts["abstain"],
        result=result,
        voted_at=sitting.opened_at + timedelta(hours=1),
    )
    for member, choice in zip(members, choices, strict=False):
        Ballot.objects.create(collectivity=collectivity, vote=vote, member=member, choice=choice)
    return vote


def make_record(collectivity, size: int = 9, tag: str = "") -> Record:
    """A council with a closed October 2026 session (one sitting held, three votes: one
    adopted and posted, one adopted not posted, one rejected), a February 2027 session still
    being prepared, a committee. `tag` marks titles to tell communes apart."""
    members = council_of(collectivity, size)
    members[2].political_group = "Groupe B"
    members[2].save()
    committee = CommitteeFactory(collectivity=collectivity, chair=members[3])
    committee.members.add(members[3], members[4])
    session = SessionFactory(
        collectivity=collectivity,
        year=2026,
        month=10,
        opens_on=date(2026, 10, 5),
        closes_on=date(2026, 10, 19),
        state=SessionState.CLOSED,
    )
    opened = timezone.make_aware(datetime(2026, 10, 5, 10, 0))
    sitting = SittingFactory(
        collectivity=collectivity,
        session=session,
        scheduled_at=opened,
        opened_at=opened,
        closed_at=opened + timedelta(hours=3),
        state=SittingState.CLOSED,
        in_office_count=size,
        present_count=size - 2,
    )
    for index, member in enumerate(members):
        presence = "present" if index < size - 2 else ("excused" if index == size - 2 else "absent")
        Attendance.objects.create(
            collectivity=collectivity, sitting=sitting, member=member, presence=presence
        )
    present = members[: size - 2]
    item1 = AgendaItemFactory(
        collectivity=collectivity,
        session=session,
        title_fr=f"Convention de partenariat{tag}",
        title_ar=f"اتفاقية شراكة{tag}",
        state=ItemState.DECIDED,
        rapporteur=committee,
    )
    item2 = AgendaItemFactory(
        collectivity=collectivity,
        session=session,
        title_fr=f"{UNPOSTED}{tag}",
        subject="other",
        needs_absolute_majority=False,
        state=ItemState.DECIDED,
    )
    item3 = AgendaItemFactory(
        collectivity=collectivity,
        session=session,
        title_fr=f"Jumelage rejeté{tag}",
        subject="twinning",
        needs_absolute_majority=False,
        state=ItemState.DECIDED,
    )
    AgendaItemFactory(
        collectivity=collectivity,
        session=session,
        title_fr=f"Point demandé non retenu{tag}",
        state=ItemState.REFUSED,
    )
    document = ItemDocumentFactory(collectivity=collectivity, item=item1, title="Rapport")
    choices1 = ["for"] * (len(present) - 2) + ["against", "abstain"]
    vote1 = _vote(
        collectivity, sitting, item1, present, choices1, result="adopted", rule="members_in_office"
    )
    posted = DecisionFactory(
        collectivity=collectivity,
        vote=vote1,
        item=item1,
        number=f"{collectivity.code}-D-2026-000001",
        title_fr=item1.title_fr,
        title_ar=item1.title_ar,
        adopted_on=date(2026, 10, 5),
        posted_at=opened + timedelta(days=2),
        state=DecisionState.EXECUTORY,
        text="Le conseil approuve la convention.",
    )
    vote2 = _vote(collectivity, sitting, item2, present, ["for"] * len(present), result="adopted")
    unposted = DecisionFactory(
        collectivity=collectivity,
        vote=vote2,
        item=item2,
        number=f"{collectivity.code}-D-2026-000002",
        title_fr=item2.title_fr,
        subject="other",
        adopted_on=date(2026, 10, 5),
    )
    rejected = _vote(
        collectivity, sitting, item3, present, ["against"] * len(present), result="rejected"
    )
    planned = SessionFactory(collectivity=collectivity, state=SessionState.PLANNED)
    secret_item = AgendaItemFactory(
        collectivity=collectivity, session=planned, title_fr=f"{SECRET_ITEM}{tag}"
    )
    secret_document = ItemDocumentFactory(
        collectivity=collectivity, item=secret_item, title="Projet confidentiel"
    )
    return Record(
        members,
        session,
        planned,
        sitting,
        posted,
        unposted,
        rejected,
        document,
        secret_document,
        committee,
    )


@pytest.fixture
def record(commune_a):
    return make_record(commune_a)


def _url(lang: str, code: str, rest: str = "") -> str:
    return f"/{lang}/c/{code}/council/{rest}"


# --- Selectors ---


def test_public_selectors_show_only_what_is_public(record, commune_a):
    assert list(public.public_sessions(commune_a)) == [record.session]
    titles = {i.title_fr for i in public.public_items(commune_a)}
    assert SECRET_ITEM not in titles
    assert "Point demandé non retenu" not in titles
    assert list(public.public_decisions(commune_a)) == [record.posted]
    votes = list(public.public_votes(commune_a))
    assert record.posted.vote in votes
    assert record.rejected_vote in votes
    assert record.unposted.vote not in votes


def test_attendance_rate_counts_sittings_held(record, commune_a):
    members = {m.pk: m for m in public.public_members(commune_a)}
    assert public.attendance_rate(members[record.members[0].pk]) == 100
    assert public.attendance_rate(members[record.members[-1].pk]) == 0
    # A planned session's sitting is not held: it does not count.
    SittingFactory(collectivity=commune_a, session=record.planned, state=SittingState.CLOSED)
    members = {m.pk: m for m in public.public_members(commune_a)}
    assert members[record.members[0].pk].held == 1


def test_control_state_in_words(record, commune_a):
    assert str(public.control_state(record.posted)) == "In force"
    record.posted.state = DecisionState.OPPOSED
    assert "Opposed" in str(public.control_state(record.posted))


# --- Pages ---


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_home_shows_the_record_in_both_languages(client, record, commune_a, lang):
    response = client.get(_url(lang, commune_a.code))
    assert response.status_code == 200
    html = response.content.decode()
    assert record.posted.number in html
    assert record.unposted.number not in html
    assert UNPOSTED not in html
    assert SECRET_ITEM not in html
    assert "<svg" in html  # the attendance chart
    assert f"/{lang}/c/{commune_a.code}/council/decisions/feed.atom" in html
    assert f"/api/v1/collectivities/{commune_a.code}/popolo" in html
    for member in record.members:
        assert member.email not in html
        assert member.phone not in html
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html


def test_home_lists_the_next_session_with_agenda_and_documents(client, record, commune_a):
    record.planned.state = SessionState.CONVENED
    record.planned.opens_on = timezone.localdate() + timedelta(days=20)
    record.planned.closes_on = record.planned.opens_on + timedelta(days=14)
    record.planned.save()
    html = client.get(_url("fr", commune_a.code)).content.decode()
    assert SECRET_ITEM in html
    assert f"/council/documents/{record.secret_document.pk}/" in html


def test_session_page_items_votes_attendance(client, record, commune_a):
    response = client.get(_url("fr", commune_a.code, f"sessions/{record.session.pk}/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Convention de partenariat" in html
    assert "Jumelage rejeté" in html
    assert "Point demandé non retenu" not in html
    assert UNPOSTED in html  # the item is on the public agenda...
    assert record.unposted.number not in html  # ...its decision is not posted yet
    assert record.posted.number in html
    assert record.members[-1].name_fr in html  # attendance lists the absent too
    assert f"/council/documents/{record.document.pk}/" in html


def test_planned_session_is_404(client, record, commune_a):
    response = client.get(_url("fr", commune_a.code, f"sessions/{record.planned.pk}/"))
    assert response.status_code == 404


def test_decision_page_every_ballot_and_rule(client, record, commune_a):
    response = client.get(_url("fr", commune_a.code, f"decisions/{record.posted.number}/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le conseil approuve la convention." in html
    assert (
        html.count('class="council-choice-')
        == Ballot.objects.filter(vote=record.posted.vote).count()
    )
    assert "<svg" in html
    response = client.get(_url("ar", commune_a.code, f"decisions/{record.posted.number}/"))
    assert response.status_code == 200


def test_unposted_decision_is_404(client, record, commune_a):
    response = client.get(_url("fr", commune_a.code, f"decisions/{record.unposted.number}/"))
    assert response.status_code == 404


def test_decision_list_filters_and_bad_params(client, record, commune_a):
    html = client.get(_url("fr", commune_a.code, "decisions/?year=2026")).content.decode()
    assert record.posted.number in html
    html = client.get(_url("fr", commune_a.code, "decisions/?year=2025")).content.decode()
    assert record.posted.number not in html
    html = client.get(_url("fr", commune_a.code, "decisions/?subject=budget")).content.decode()
    assert record.posted.number not in html
    for query in ("?year=abc&subject=zz", "?page=zz", "?page=99999", "?year=99999999999"):
        assert client.get(_url("fr", commune_a.code, "decisions/" + query)).status_code == 200
    # A NUL byte is refused by the kernel's middleware with a 400, never a 500.
    assert client.get(_url("fr", commune_a.code, "decisions/?subject=%00")).status_code == 400


def test_member_page(client, record, commune_a):
    member = record.members[3]
    response = client.get(_url("fr", commune_a.code, f"members/{member.pk}/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert member.name_fr in html
    assert member.name_ar in html
    assert record.committee.name_fr in html
    assert member.email not in html
    assert member.phone not in html
    assert "Convention de partenariat" in html
    assert UNPOSTED not in html  # the vote behind an unposted decision stays hidden


def test_item_document_download_only_when_public(client, record, commune_a):
    response = client.get(_url("fr", commune_a.code, f"documents/{record.document.pk}/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response = client.get(_url("fr", commune_a.code, f"documents/{record.secret_document.pk}/"))
    assert response.status_code == 404


def test_other_commune_sees_none_of_it(client, record, commune_a, commune_b):
    code = commune_b.code
    for rest in (
        f"sessions/{record.session.pk}/",
        f"decisions/{record.posted.number}/",
        f"members/{record.members[0].pk}/",
        f"documents/{record.document.pk}/",
    ):
        assert client.get(_url("fr", code, rest)).status_code == 404, rest
    html = client.get(_url("fr", code)).content.decode()
    assert record.posted.number not in html
    assert record.members[0].name_fr not in html


@pytest.mark.parametrize(
    "rest",
    [
        "sessions/0/",
        "sessions/99999999999999999999999/",
        "members/0/",
        "documents/0/",
        "decisions/" + "X" * 60 + "/",
    ],
)
def test_malformed_ids_are_404(client, commune_a, rest):
    assert client.get(_url("fr", commune_a.code, rest)).status_code == 404
