"""Nominal votes (art. 43): who votes, the rule applied, the tie, the absolute majority failing
then the second sitting by votes cast, and the decision numbered with its clocks."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from jamaati.core.audit.models import AuditEvent
from jamaati.core.calendar import add_working_days
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.council import rules
from jamaati.council.models import Ballot, Decision, VoteEvent
from jamaati.council.services.sittings import sitting_close, sitting_open
from jamaati.council.services.votes import vote_record
from jamaati.council.tests.factories import AgendaItemFactory, SessionFactory
from jamaati.council.tests.test_sittings import (
    at,
    attendance,
    on_its_day,
    open_sitting,
    scheduled,
)

pytestmark = pytest.mark.django_db

# The votes happen at the sitting of 1 February 2027, opened at 10:05 (a sitting opens on its day).
NOW = at(date(2027, 2, 1), 11)


def item_of(sitting, **kwargs):
    defaults = {"subject": "other", "needs_absolute_majority": False}
    return AgendaItemFactory(
        collectivity=sitting.collectivity, session=sitting.session, **{**defaults, **kwargs}
    )


def split(council, for_=0, against=0, abstain=0, president=None, start=1):
    """Ballots of council[start:] then the president's (council[0]) when given."""
    out, i = {}, start
    for choice, count in (("for", for_), ("against", against), ("abstain", abstain)):
        for _ in range(count):
            out[council[i].pk] = choice
            i += 1
    if president is not None:
        out[council[0].pk] = president
    return out


def test_votes_cast_adopts_and_creates_the_decision(secretary, council, commune_a):
    sitting = open_sitting(secretary, council)
    item = item_of(sitting, subject="budget", needs_visa=True, description="Texte")
    event = vote_record(
        actor=secretary, sitting=sitting, item=item, ballots=split(council, 4, 3, 2), now=NOW
    )
    assert (event.rule, event.result) == ("votes_cast", "adopted")
    assert (event.for_count, event.against_count, event.abstain_count) == (4, 3, 2)
    assert event.in_office_count == 11
    assert Ballot.objects.filter(vote=event).count() == 9
    item.refresh_from_db()
    assert item.state == "decided"
    decision = Decision.objects.get(vote=event)
    assert decision.number == f"{commune_a.code}-D-{NOW.year}-000001"
    assert (decision.title_fr, decision.subject, decision.needs_visa) == (
        item.title_fr,
        "budget",
        True,
    )
    assert decision.adopted_on == NOW.date()
    assert decision.state == "adopted"
    posting = deadline_open_of(decision, "posting")
    assert posting.due_on == date(2027, 2, 9)  # 8 calendar days
    transmission = deadline_open_of(decision, "transmission")
    assert transmission.days == rules.TRANSMISSION.value
    assert transmission.calendar == "working"
    assert transmission.due_on == add_working_days(NOW.date(), 15)
    assert AuditEvent.objects.filter(action="council.vote_record").exists()
    assert AuditEvent.objects.filter(action="council.decision_adopt").exists()


def test_second_decision_takes_the_next_number(secretary, council, commune_a):
    sitting = open_sitting(secretary, council)
    for _ in range(2):
        vote_record(
            actor=secretary,
            sitting=sitting,
            item=item_of(sitting),
            ballots=split(council, 5),
            now=NOW,
        )
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == [
        f"{commune_a.code}-D-2027-000001",
        f"{commune_a.code}-D-2027-000002",
    ]


def test_urbanism_goes_to_the_governor_within_five_working_days(secretary, council):
    sitting = open_sitting(secretary, council)
    event = vote_record(
        actor=secretary,
        sitting=sitting,
        item=item_of(sitting, subject="urbanism"),
        ballots=split(council, 5),
        now=NOW,
    )
    clock = deadline_open_of(event.decision, "transmission")
    assert clock.days == rules.TRANSMISSION_URBANISM.value == 5
    assert clock.due_on == add_working_days(NOW.date(), 5)


def test_rejected_makes_no_decision(secretary, council):
    sitting = open_sitting(secretary, council)
    item = item_of(sitting)
    event = vote_record(
        actor=secretary, sitting=sitting, item=item, ballots=split(council, 2, 3), now=NOW
    )
    assert event.result == "rejected"
    item.refresh_from_db()
    assert item.state == "decided"
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("president", "result", "broken"),
    [("for", "adopted", True), ("against", "rejected", True), ("abstain", "rejected", False)],
)
def test_tie_follows_the_presidents_side(secretary, council, president, result, broken):
    sitting = open_sitting(secretary, council)
    # 3 for and 3 against besides the president: the president's vote makes a 4-3 or 3-4
    # split, so give the president's side one fewer to reach a tie.
    for_ = 3 if president == "against" else (2 if president == "for" else 3)
    against = 3 if president == "for" else (2 if president == "against" else 3)
    ballots = split(council, for_, against, president=president)
    event = vote_record(
        actor=secretary, sitting=sitting, item=item_of(sitting), ballots=ballots, now=NOW
    )
    assert event.for_count == event.against_count == 3
    assert (event.result, event.tie_broken_by_president) == (result, broken)
    assert Decision.objects.filter(vote=event).exists() == (result == "adopted")


def test_absolute_majority_adopts_with_six_of_eleven(secretary, council):
    sitting = open_sitting(secretary, council)
    item = item_of(sitting, subject="partnership", needs_absolute_majority=True)
    event = vote_record(
        actor=secretary, sitting=sitting, item=item, ballots=split(council, 6, 1), now=NOW
    )
    assert (event.rule, event.result) == ("members_in_office", "adopted")


def test_absolute_majority_failing_then_second_sitting_by_votes_cast(secretary, council):
    first = open_sitting(secretary, council)
    item = item_of(first, subject="action_programme", needs_absolute_majority=True)
    # 5 for, 2 against of 11 in office: a majority of votes cast, not of the members.
    event = vote_record(
        actor=secretary, sitting=first, item=item, ballots=split(council, 5, 2), now=NOW
    )
    assert (event.rule, event.result) == ("members_in_office", "no_absolute_majority")
    item.refresh_from_db()
    assert item.state == "postponed"
    assert not Decision.objects.exists()
    sitting_close(actor=secretary, sitting=first, now=NOW)
    second = open_sitting(
        secretary,
        council,
        sitting=scheduled(first.collectivity, session=first.session, day=date(2027, 2, 8)),
    )
    event2 = vote_record(
        actor=secretary,
        sitting=second,
        item=item,
        ballots=split(council, 5, 2),
        now=at(date(2027, 2, 8), 11),
    )
    assert (event2.rule, event2.result) == ("votes_cast", "adopted")
    item.refresh_from_db()
    assert item.state == "decided"
    assert Decision.objects.get().vote_id == event2.pk


def test_absent_or_excused_member_cannot_vote(secretary, council):
    sitting = open_sitting(secretary, council, present=9)  # [9] excused, [10] absent
    item = item_of(sitting)
    for member in (council[9], council[10]):
        with pytest.raises(ValidationError) as exc:
            vote_record(
                actor=secretary,
                sitting=sitting,
                item=item,
                ballots={**split(council, 3), member.pk: "for"},
                now=NOW,
            )
        assert "ballots" in exc.value.message_dict
    assert not VoteEvent.objects.exists()
    assert not Ballot.objects.exists()


def test_bad_ballots_are_refused_and_write_nothing(secretary, council, council_b):
    sitting = open_sitting(secretary, council)
    item = item_of(sitting)
    bad = [
        {**split(council, 3), council_b[0].pk: "for"},  # another council's member
        {**split(council, 3), 999999: "for"},  # unknown
        {**split(council, 3), council[8].pk: "maybe"},  # bad choice
        {**split(council, 3), str(council[1].pk): "against"},  # the same member twice
        {**split(council, 3), "x": "for"},  # malformed
        {},  # nobody
    ]
    for ballots in bad:
        with pytest.raises(ValidationError):
            vote_record(actor=secretary, sitting=sitting, item=item, ballots=ballots, now=NOW)
    with pytest.raises(ValidationError):
        vote_record(actor=secretary, sitting=sitting, item=item, ballots=["for"], now=NOW)
    item.refresh_from_db()
    assert item.state == "on_agenda"
    assert not VoteEvent.objects.exists()
    assert not Decision.objects.exists()
    assert not AuditEvent.objects.filter(action="council.vote_record").exists()


def test_a_ballot_twice_is_also_refused_by_the_database(secretary, council):
    sitting = open_sitting(secretary, council)
    event = vote_record(
        actor=secretary, sitting=sitting, item=item_of(sitting), ballots=split(council, 3), now=NOW
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            collectivity=event.collectivity, vote=event, member=council[1], choice="against"
        )


def test_item_voted_twice_at_a_sitting_is_refused(secretary, council):
    sitting = open_sitting(secretary, council)
    item = item_of(sitting)
    vote_record(actor=secretary, sitting=sitting, item=item, ballots=split(council, 3), now=NOW)
    with pytest.raises(ValidationError):
        vote_record(actor=secretary, sitting=sitting, item=item, ballots=split(council, 3), now=NOW)
    # Even a postponed item is voted once per sitting.
    item2 = item_of(sitting, needs_absolute_majority=True)
    vote_record(actor=secretary, sitting=sitting, item=item2, ballots=split(council, 2), now=NOW)
    with pytest.raises(ValidationError):
        vote_record(
            actor=secretary, sitting=sitting, item=item2, ballots=split(council, 7), now=NOW
        )
    assert VoteEvent.objects.count() == 2


def test_sitting_not_open_or_item_elsewhere_is_refused(secretary, council, commune_a):
    sitting = scheduled(commune_a)
    item = item_of(sitting)
    with pytest.raises(ValidationError):  # not open
        vote_record(actor=secretary, sitting=sitting, item=item, ballots=split(council, 3), now=NOW)
    sitting = open_sitting(secretary, council, sitting=sitting)
    other_session_item = AgendaItemFactory(
        collectivity=commune_a, session=SessionFactory(collectivity=commune_a)
    )
    refused_item = item_of(sitting, state="refused")
    proposed_item = item_of(sitting, state="proposed")
    for bad_item in (other_session_item, refused_item, proposed_item):
        with pytest.raises(ValidationError) as exc:
            vote_record(
                actor=secretary, sitting=sitting, item=bad_item, ballots=split(council, 3), now=NOW
            )
        assert "item" in exc.value.message_dict
    sitting_close(actor=secretary, sitting=sitting, now=NOW)
    with pytest.raises(ValidationError):  # closed
        vote_record(actor=secretary, sitting=sitting, item=item, ballots=split(council, 3), now=NOW)
    assert not VoteEvent.objects.exists()


def test_no_quorum_sitting_takes_no_vote(secretary, council):
    sitting = scheduled(council[0].collectivity)
    sitting_open(
        actor=secretary, sitting=sitting, presence=attendance(council, 3), now=on_its_day(sitting)
    )
    with pytest.raises(ValidationError):
        vote_record(
            actor=secretary, sitting=sitting, item=item_of(sitting), ballots={council[1].pk: "for"}
        )


def test_vote_denied_and_other_commune(
    secretary, council, council_b, agent, other_secretary, governor
):
    sitting = open_sitting(secretary, council)
    item = item_of(sitting)
    with pytest.raises(PermissionDenied):
        vote_record(actor=agent, sitting=sitting, item=item, ballots=split(council, 3), now=NOW)
    with pytest.raises(PermissionDenied):
        vote_record(actor=governor, sitting=sitting, item=item, ballots=split(council, 3), now=NOW)
    with pytest.raises(Http404):
        vote_record(
            actor=other_secretary, sitting=sitting, item=item, ballots=split(council, 3), now=NOW
        )
    # Another commune's item at this commune's sitting.
    other = open_sitting(other_secretary, council_b)
    with pytest.raises(ValidationError):
        vote_record(
            actor=secretary,
            sitting=sitting,
            item=item_of(other),
            ballots=split(council, 3),
            now=NOW,
        )
    assert not VoteEvent.objects.filter(sitting=sitting).exists()


def test_time_of_vote_is_recorded(secretary, council):
    sitting = open_sitting(secretary, council)
    when = at(date(2027, 2, 1), 11) + timedelta(minutes=5)
    event = vote_record(
        actor=secretary, sitting=sitting, item=item_of(sitting), ballots=split(council, 3), now=when
    )
    assert event.voted_at == when
    assert event.decision.adopted_on == date(2027, 2, 1)
    assert event.decision.number.endswith("-D-2027-000001")


# --- through HTTP ---


def test_http_vote(secretary, council, staff_client):
    from jamaati.council.tests.test_sittings import bo_url

    sitting = open_sitting(secretary, council, present=9)
    item = item_of(sitting)
    url = bo_url("sitting-act", sitting.collectivity, sitting_id=sitting.pk, action="vote")
    data = {"item": str(item.pk), f"item{item.pk}-item_id": str(item.pk)}
    data.update({f"item{item.pk}-ballot_{m.pk}": "for" for m in council[:9]})
    with time_machine.travel(NOW, tick=False):  # the views vote on the real clock
        client = staff_client(secretary)
        assert client.post(url, data).status_code == 302
        event = VoteEvent.objects.get(item=item)
        assert (event.for_count, event.result) == (9, "adopted")
        # A malformed item id or another session's item: 404, nothing written.
        assert client.post(url, {"item": "x"}).status_code == 404
        other = AgendaItemFactory(collectivity=sitting.collectivity)
        assert client.post(url, {"item": str(other.pk)}).status_code == 404
    assert VoteEvent.objects.count() == 1


def test_http_vote_other_commune(secretary, council, other_secretary, client):
    from jamaati.accounts.tests.factories import verified_login
    from jamaati.council.tests.test_sittings import bo_url

    sitting = open_sitting(secretary, council)
    item = item_of(sitting)
    url = bo_url("sitting-act", sitting.collectivity, sitting_id=sitting.pk, action="vote")
    data = {"item": str(item.pk), f"item{item.pk}-item_id": str(item.pk)}
    data.update({f"item{item.pk}-ballot_{m.pk}": "for" for m in council})
    with time_machine.travel(NOW, tick=False):
        verified_login(client, other_secretary)
        assert client.post(url, data).status_code == 404
    assert not VoteEvent.objects.exists()
