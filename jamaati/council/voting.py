"""The majority rules of a council vote (organic law 113.14, art. 43), as pure functions.

Votes cast ("suffrages exprimés") are the votes FOR and AGAINST: an abstention is recorded
(votes are nominal and minuted) but is not a vote cast, so it counts on neither side.

- `votes_cast` (the default rule): the item is adopted when FOR > AGAINST. On a tie
  (FOR == AGAINST > 0) the side of the president's vote wins: adopted when the president
  voted for, rejected when against (`tie_broken_by_president` is then True). When the
  president abstained or did not vote, a tie rejects (no majority of the votes cast). No vote
  cast at all (everybody abstained) rejects.
- `members_in_office` (action programme, development companies, management modes,
  partnerships, shared competences): adopted when FOR > in_office / 2, that is FOR >=
  rules.quorum(in_office). Otherwise the result is `no_absolute_majority` whatever the split
  of the other votes, even when AGAINST outnumbers FOR: the text makes the failure of the
  absolute majority send the item to a second sitting, which decides by votes cast
  (art. 43 para. 2). No tie-break applies under this rule: a tie cannot reach the absolute
  majority of the members in office.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from jamaati.council import rules
from jamaati.council.models import Choice, MajorityRule, VoteResult

RULES = frozenset(MajorityRule.values)
CHOICES = frozenset(Choice.values)


@dataclass(frozen=True)
class Tally:
    """The counts of one vote and its result (a VoteResult value)."""

    result: str
    for_count: int
    against_count: int
    abstain_count: int
    tie_broken_by_president: bool

    @property
    def votes_cast(self) -> int:
        """For + against; abstentions are not votes cast."""
        return self.for_count + self.against_count


def tally(
    choices: Mapping[int, str], *, rule: str, in_office: int, president_id: int | None
) -> Tally:
    """Count `choices` (member id -> "for" / "against" / "abstain") under `rule` (a
    MajorityRule value) for a council of `in_office` members whose president is the member
    `president_id` (None when unknown). See the module's docstring for the reading of the
    law. Raises ValueError for an unknown rule or choice (the services check these first)."""
    if rule not in RULES:
        raise ValueError(f"unknown majority rule {rule!r}")
    counts = {choice: 0 for choice in CHOICES}
    for member_id, choice in choices.items():
        if choice not in CHOICES:
            raise ValueError(f"unknown choice {choice!r} for member {member_id}")
        counts[choice] += 1
    for_count = counts[Choice.FOR]
    against_count = counts[Choice.AGAINST]
    abstain_count = counts[Choice.ABSTAIN]
    tie_broken = False
    if rule == MajorityRule.MEMBERS_IN_OFFICE:
        if in_office > 0 and for_count >= rules.quorum(in_office):
            result = VoteResult.ADOPTED
        else:
            result = VoteResult.NO_ABSOLUTE_MAJORITY
    elif for_count > against_count:
        result = VoteResult.ADOPTED
    elif for_count < against_count or for_count == 0:
        result = VoteResult.REJECTED
    else:  # a tie with votes cast: the president's side
        president_choice = choices.get(president_id) if president_id is not None else None
        if president_choice == Choice.FOR:
            result, tie_broken = VoteResult.ADOPTED, True
        elif president_choice == Choice.AGAINST:
            result, tie_broken = VoteResult.REJECTED, True
        else:
            result = VoteResult.REJECTED
    return Tally(
        result=str(result),
        for_count=for_count,
        against_count=against_count,
        abstain_count=abstain_count,
        tie_broken_by_president=tie_broken,
    )
