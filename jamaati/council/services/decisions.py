"""After the vote: posting (art. 273), transmission to the governor (art. 116) and the
governor's control: opposition (art. 117), visa given or refused (art. 118). The silence of
the governor is applied by the daily sweep (`run_deadlines`) through the clocks'
`on_expiry` transitions ("opposition_lapse", "visa_deemed")."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.core.deadlines.services import deadline_stop
from jamaati.core.workflow import transition
from jamaati.council import rules
from jamaati.council.models import Decision
from jamaati.council.services.sessions import carry_over_to_next
from jamaati.council.services.sittings import (
    local_day,
    now_or,
    refuse,
)


def _sync(target: Decision, source: Decision) -> Decision:
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return source


def _stop(actor: Any, decision: Decision, kind: str, now) -> None:
    deadline = deadline_open_of(decision, kind)
    if deadline is not None:
        deadline_stop(actor=actor, deadline=deadline, on=local_day(now))


def decision_post(*, actor: Any, decision: Decision, now=None) -> Decision:
    """Post the decision publicly (it is on the public record from then) and stop the 8-day
    posting clock (art. 273). Posted once."""
    now = now_or(now)
    with transaction.atomic():
        current = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
        authorize(actor, "council.transmit", current)
        if current.posted_at is not None:
            raise refuse("posted_at", _("This decision is already posted."))
        current.posted_at = now
        current.save(update_fields=["posted_at"])
        record(
            actor=actor,
            action="council.decision_post",
            collectivity=current.collectivity,
            obj=current,
            changes={"posted_at": [None, now], "basis": rules.DECISIONS_POSTED.basis},
        )
        _stop(actor, current, "posting", now)
    return _sync(decision, current)


def decision_transmit(*, actor: Any, decision: Decision, now=None) -> Decision:
    """Send the decision to the governor: the opposition window (3 working days, art. 117)
    opens, and for the subjects under visa the 20-day visa clock (art. 118) starts. Stops the
    transmission clock (art. 116)."""
    now = now_or(now)
    with transaction.atomic():
        name = "transmit_for_visa" if decision.needs_visa else "transmit"
        current = transition(decision, name, actor=actor, effective_on=local_day(now))
        current.transmitted_at = now
        current.save(update_fields=["transmitted_at"])
        record(
            actor=actor,
            action="council.decision_transmit",
            collectivity=current.collectivity,
            obj=current,
            changes={"transmitted_at": [None, now], "basis": rules.TRANSMISSION.basis},
        )
        _stop(actor, current, "transmission", now)
    return _sync(decision, current)


def _governor(
    *, actor: Any, decision: Decision, name: str, reasons: str, needs_reasons: bool, now
) -> Decision:
    now = now_or(now)
    reasons = (reasons or "").strip() if isinstance(reasons, str) else ""
    if needs_reasons and not reasons:
        # Authorize first: a stranger learns nothing from the message.
        authorize(actor, "council.supervise", decision)
        raise refuse("reasons", _("The governor's opposition or refusal states its reasons."))
    with transaction.atomic():
        if name == "oppose" and not any(
            clock is not None and clock.due_on >= local_day(now)
            for clock in (
                deadline_open_of(decision, kind) for kind in ("opposition", "opposition_window")
            )
        ):
            authorize(actor, "council.supervise", decision)
            raise refuse(
                "reasons",
                _(
                    "The governor opposes within %(days)s working days of receiving the "
                    "decision (art. 117): that window is closed."
                )
                % {"days": rules.OPPOSITION.value},
            )
        if name in ("give_visa", "refuse_visa"):
            visa = deadline_open_of(decision, "visa")
            if visa is None or visa.due_on < local_day(now):
                authorize(actor, "council.supervise", decision)
                raise refuse(
                    "reasons",
                    _(
                        "The %(days)s days are over: the governor's silence counts as the visa "
                        "(art. 118)."
                    )
                    % {"days": rules.VISA.value},
                )
        data = {"reasons": reasons} if reasons else {}
        current = transition(decision, name, actor=actor, effective_on=local_day(now), **data)
        current.governor_reasons = reasons
        current.governor_decided_at = now
        current.save(update_fields=["governor_reasons", "governor_decided_at"])
        if name == "oppose":
            carry_over_to_next(actor=actor, collectivity=current.collectivity, today=local_day(now))
        record(
            actor=actor,
            action=f"council.decision_{name}",
            collectivity=current.collectivity,
            obj=current,
            changes={"governor_decided_at": [None, now], "reasons": reasons},
        )
    return _sync(decision, current)


def decision_oppose(*, actor: Any, decision: Decision, reasons: str, now=None) -> Decision:
    """The governor opposes within the window (art. 117): the council deliberates again (the
    next session's agenda carries it over)."""
    return _governor(
        actor=actor, decision=decision, name="oppose", reasons=reasons, needs_reasons=True, now=now
    )


def decision_give_visa(*, actor: Any, decision: Decision, now=None) -> Decision:
    """The governor's visa (art. 118): the decision is in force."""
    return _governor(
        actor=actor, decision=decision, name="give_visa", reasons="", needs_reasons=False, now=now
    )


def decision_refuse_visa(*, actor: Any, decision: Decision, reasons: str, now=None) -> Decision:
    """The governor refuses the visa, with reasons (art. 118)."""
    return _governor(
        actor=actor,
        decision=decision,
        name="refuse_visa",
        reasons=reasons,
        needs_reasons=True,
        now=now,
    )
