"""The majority rules (art. 43) as pure functions: votes cast, members in office, the tie."""

import pytest

from jamaati.council.voting import tally

P = 1  # the president's member id in these tallies


def ballots(for_=0, against=0, abstain=0, president=None):
    """Member ids 10.. voting; the president (id 1) voting `president` when given."""
    out, n = {}, 10
    for choice, count in (("for", for_), ("against", against), ("abstain", abstain)):
        for _ in range(count):
            out[n] = choice
            n += 1
    if president is not None:
        out[P] = president
    return out


def votes_cast(choices, in_office=11):
    return tally(choices, rule="votes_cast", in_office=in_office, president_id=P)


def members(choices, in_office=11):
    return tally(choices, rule="members_in_office", in_office=in_office, president_id=P)


def test_votes_cast_more_for_than_against_adopts():
    result = votes_cast(ballots(for_=3, against=2, abstain=6))
    assert result.result == "adopted"
    assert (result.for_count, result.against_count, result.abstain_count) == (3, 2, 6)
    assert result.votes_cast == 5
    assert result.tie_broken_by_president is False


def test_abstentions_are_not_votes_cast():
    # 2 for, 1 against, 8 abstaining: adopted by the votes cast, abstentions count nowhere.
    assert votes_cast(ballots(for_=2, against=1, abstain=8)).result == "adopted"
    assert votes_cast(ballots(for_=1, against=2, abstain=8)).result == "rejected"


def test_votes_cast_fewer_for_rejects():
    assert votes_cast(ballots(for_=2, against=3)).result == "rejected"


def test_nobody_votes_rejects():
    result = votes_cast(ballots(abstain=5))
    assert result.result == "rejected"
    assert result.tie_broken_by_president is False


def test_tie_president_for_adopts():
    result = votes_cast(ballots(for_=2, against=3, president="for"))
    assert (result.for_count, result.against_count) == (3, 3)
    assert result.result == "adopted"
    assert result.tie_broken_by_president is True


def test_tie_president_against_rejects():
    result = votes_cast(ballots(for_=3, against=2, president="against"))
    assert result.result == "rejected"
    assert result.tie_broken_by_president is True


def test_tie_president_abstaining_rejects():
    result = votes_cast(ballots(for_=3, against=3, president="abstain"))
    assert result.result == "rejected"
    assert result.tie_broken_by_president is False


def test_tie_president_not_voting_rejects():
    result = votes_cast(ballots(for_=3, against=3))
    assert result.result == "rejected"
    assert result.tie_broken_by_president is False


def test_tie_without_known_president_rejects():
    result = tally(ballots(for_=2, against=2), rule="votes_cast", in_office=11, president_id=None)
    assert result.result == "rejected"


@pytest.mark.parametrize(("in_office", "needed"), [(11, 6), (10, 6), (9, 5), (35, 18), (1, 1)])
def test_members_in_office_both_sides_of_the_limit(in_office, needed):
    assert members(ballots(for_=needed), in_office).result == "adopted"
    below = members(ballots(for_=needed - 1), in_office)
    assert below.result == "no_absolute_majority"


def test_members_in_office_fails_even_when_for_outnumbers_against():
    # 5 of 11 for, 1 against: a majority of votes cast but not of the members in office.
    assert members(ballots(for_=5, against=1, abstain=2)).result == "no_absolute_majority"


def test_members_in_office_failure_whatever_the_split():
    # More against than for is still "to a second sitting", not "rejected" (art. 43 para. 2).
    assert members(ballots(for_=2, against=7)).result == "no_absolute_majority"


def test_members_in_office_tie_is_not_broken():
    result = members(ballots(for_=5, against=5, president="for"), in_office=20)
    assert result.result == "no_absolute_majority"
    assert result.tie_broken_by_president is False


def test_unknown_rule_or_choice_raise():
    with pytest.raises(ValueError, match="rule"):
        tally({1: "for"}, rule="unanimity", in_office=3, president_id=None)
    with pytest.raises(ValueError, match="choice"):
        tally({1: "maybe"}, rule="votes_cast", in_office=3, president_id=None)
