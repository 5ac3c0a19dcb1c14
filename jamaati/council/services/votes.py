"""Nominal votes on agenda items (art. 43) and the decisions they adopt."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.deadlines.services import deadline_start
from jamaati.core.numbering.services import next_in_sequence
from jamaati.council import rules
from jamaati.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Choice,
    Decision,
    ItemState,
    MajorityRule,
    Presence,
    Sitting,
    SittingState,
    VoteEvent,
    VoteResult,
)
from jamaati.council.services.sittings import (
    as_member_id,
    local_day,
    now_or,
    president_of,
    refuse,
)
from jamaati.council.voting import tally
from jamaati.council.workflow import POSTING, TRANSMISSION

DECISION_SERIES = "council-decisions"
VOTABLE = (ItemState.ON_AGENDA, ItemState.POSTPONED)


def decision_number(collectivity: Any, year: int) -> str:
    """The next number of the council's register: `<code>-D-<year>-<seq>` (inside the
    transaction that creates the decision: a rollback gives the number back)."""
    year, seq = next_in_sequence(collectivity=collectivity, series=DECISION_SERIES, year=year)
    return f"{collectivity.code}-D-{year}-{seq:06d}"


def vote_record(
    *, actor: Any, sitting: Sitting, item: AgendaItem, ballots: Mapping[int, str], now=None
) -> VoteEvent:
    """Record the nominal vote on `item` at the open `sitting` and apply its result.

    `ballots` maps each voting member (id) to "for", "against" or "abstain"; only members
    present at this sitting vote, each once. The rule is the absolute majority of the members
    in office for the items that need it (art. 43), except at the second sitting of an item
    that failed it ("postponed"), which decides by votes cast. Adopted or rejected: the item
    is "decided"; no absolute majority: "postponed". Adopted: a Decision numbered in the
    register, with its posting (8 days, art. 273) and transmission (15 or 5 working days,
    art. 116) clocks started. Refused with nothing written otherwise."""
    now = now_or(now)
    with transaction.atomic():
        current = (
            Sitting.objects.select_for_update(of=("self",))
            .select_related("collectivity", "session")
            .get(pk=sitting.pk)
        )
        authorize(actor, "council.manage", current)
        if current.state != SittingState.OPEN:
            raise refuse("sitting", _("Votes are recorded only while the sitting is open."))
        locked_item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .filter(pk=getattr(item, "pk", None), collectivity=current.collectivity)
            .first()
        )
        if locked_item is None or locked_item.session_id != current.session_id:
            raise refuse("item", _("This item is not on the agenda of this sitting's session."))
        if locked_item.state not in VOTABLE:
            raise refuse(
                "item",
                _("This item cannot be put to the vote: it is “%(state)s”.")
                % {"state": locked_item.get_state_display()},
            )
        if VoteEvent.objects.filter(item=locked_item, sitting=current).exists():
            raise refuse("item", _("This item was already voted at this sitting."))
        if not isinstance(ballots, Mapping) or not ballots:
            raise refuse("ballots", _("Record the vote of the members present."))
        present = set(
            Attendance.objects.filter(sitting=current, presence=Presence.PRESENT).values_list(
                "member_id", flat=True
            )
        )
        choices: dict[int, str] = {}
        for key, choice in ballots.items():
            member_id = as_member_id(key)
            if member_id is None or member_id not in present:
                raise refuse(
                    "ballots",
                    _("“%(id)s” is not a member present at this sitting: only they vote (art. 43).")
                    % {"id": key},
                )
            if member_id in choices:
                raise refuse("ballots", _("A member can vote only once on an item."))
            if choice not in Choice.values:
                raise refuse(
                    "ballots",
                    _("“%(choice)s” is not a vote: for, against or abstention.")
                    % {"choice": choice},
                )
            choices[member_id] = str(choice)
        rule = (
            MajorityRule.MEMBERS_IN_OFFICE
            if locked_item.needs_absolute_majority and locked_item.state != ItemState.POSTPONED
            else MajorityRule.VOTES_CAST
        )
        day = local_day(current.scheduled_at)
        president = president_of(current.collectivity, day)
        result = tally(
            choices,
            rule=str(rule),
            in_office=current.in_office_count,
            president_id=president.pk if president else None,
        )
        event = VoteEvent.objects.create(
            collectivity=current.collectivity,
            item=locked_item,
            sitting=current,
            rule=rule,
            in_office_count=current.in_office_count,
            for_count=result.for_count,
            against_count=result.against_count,
            abstain_count=result.abstain_count,
            result=result.result,
            tie_broken_by_president=result.tie_broken_by_president,
            voted_at=now,
        )
        Ballot.objects.bulk_create(
            [
                Ballot(collectivity=current.collectivity, vote=event, member_id=pk, choice=c)
                for pk, c in choices.items()
            ]
        )
        before = locked_item.state
        locked_item.state = (
            ItemState.POSTPONED
            if result.result == VoteResult.NO_ABSOLUTE_MAJORITY
            else ItemState.DECIDED
        )
        locked_item.save(update_fields=["state"])
        record(
            actor=actor,
            action="council.vote_record",
            collectivity=current.collectivity,
            obj=event,
            changes={
                "item": locked_item.pk,
                "sitting": current.pk,
                "rule": str(rule),
                "in_office": current.in_office_count,
                "for": result.for_count,
                "against": result.against_count,
                "abstain": result.abstain_count,
                "result": result.result,
                "tie_broken_by_president": result.tie_broken_by_president,
                "item_state": [before, locked_item.state],
                "ballots": {str(k): v for k, v in choices.items()},
                "basis": rules.MAJORITY_BASIS,
            },
        )
        if result.result == VoteResult.ADOPTED:
            _adopt(actor=actor, event=event, item=locked_item, day=local_day(now))
    if item is not None:
        item.state = locked_item.state
    return event


def _adopt(*, actor: Any, event: VoteEvent, item: AgendaItem, day) -> Decision:
    collectivity = event.collectivity
    decision = Decision.objects.create(
        collectivity=collectivity,
        number=decision_number(collectivity, day.year),
        item=item,
        vote=event,
        adopted_on=day,
        title_ar=item.title_ar,
        title_fr=item.title_fr,
        text=item.description,
        subject=item.subject,
        needs_visa=item.needs_visa,
    )
    record(
        actor=actor,
        action="council.decision_adopt",
        collectivity=collectivity,
        obj=decision,
        changes={
            "number": decision.number,
            "item": item.pk,
            "vote": event.pk,
            "subject": decision.subject,
            "needs_visa": decision.needs_visa,
        },
    )
    deadline_start(actor=actor, owner=decision, spec=POSTING, on=day)
    deadline_start(actor=actor, owner=decision, spec=decision.clock_for(TRANSMISSION), on=day)
    return decision
