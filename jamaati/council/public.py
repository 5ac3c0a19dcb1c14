"""Public reads of a council's record: only what the law makes public, and nothing personal.

What is public, and nothing else is read here:
- sessions once convened (state convened / closed), with their agenda items on the agenda,
  voted or postponed (never items still requested or refused) and the items' documents;
- sittings held (open, closed, or not held for want of quorum) of those sessions, with their
  attendance;
- votes at those sittings: a vote that adopted an item only once its decision is posted (a
  rejected or postponed vote is public at once, with the sitting);
- decisions once posted (`posted_at` set), with their vote and every member's ballot;
- members: names, office, political group, mandate, committees, attendance and votes — never
  their email, phone or account.

Every read is scoped to one collectivity: an object of another one, or not public yet,
answers Http404 exactly as a missing one.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamaati.core.deadlines.models import Deadline
from jamaati.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Committee,
    Decision,
    ItemDocument,
    ItemState,
    Member,
    Office,
    Presence,
    Session,
    SessionState,
    Sitting,
    SittingState,
    VoteEvent,
    VoteResult,
)
from jamaati.council.rules import ItemSubject
from jamaati.council.workflow import DecisionState

PUBLIC_SESSION_STATES = (SessionState.CONVENED, SessionState.CLOSED)
PUBLIC_ITEM_STATES = (ItemState.ON_AGENDA, ItemState.DECIDED, ItemState.POSTPONED)
HELD_SITTING_STATES = (SittingState.OPEN, SittingState.CLOSED, SittingState.NO_QUORUM)
OFFICE_ORDER = {
    Office.PRESIDENT: 0,
    Office.VICE_PRESIDENT: 1,
    Office.SECRETARY: 2,
    Office.DEPUTY_SECRETARY: 3,
    Office.MEMBER: 4,
}
MAX_ID = 2**62


def _valid_id(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404("bad id") from None
    if not 0 < number < MAX_ID:
        raise Http404("bad id")
    return number


# --- Querysets of what is public ---


def public_sessions(collectivity: Any) -> QuerySet[Session]:
    """Sessions convened or closed, newest first."""
    return Session.objects.filter(
        collectivity=collectivity, state__in=PUBLIC_SESSION_STATES
    ).order_by("-opens_on", "-pk")


def public_items(collectivity: Any) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(
        collectivity=collectivity,
        session__state__in=PUBLIC_SESSION_STATES,
        state__in=PUBLIC_ITEM_STATES,
    )


def public_sittings(collectivity: Any) -> QuerySet[Sitting]:
    """Sittings held (or not held for want of quorum) of public sessions, in time order."""
    return Sitting.objects.filter(
        collectivity=collectivity,
        session__state__in=PUBLIC_SESSION_STATES,
        state__in=HELD_SITTING_STATES,
    ).order_by("scheduled_at", "pk")


def public_votes(collectivity: Any) -> QuerySet[VoteEvent]:
    """Votes at public sittings; an adopting vote only once its decision is posted."""
    return (
        VoteEvent.objects.filter(
            collectivity=collectivity,
            sitting__session__state__in=PUBLIC_SESSION_STATES,
            sitting__state__in=HELD_SITTING_STATES,
            item__state__in=PUBLIC_ITEM_STATES,
        )
        .filter(~Q(result=VoteResult.ADOPTED) | Q(decision__posted_at__isnull=False))
        .select_related("item", "sitting", "sitting__session")
        .order_by("voted_at", "pk")
    )


def public_decisions(collectivity: Any) -> QuerySet[Decision]:
    """Decisions posted, newest first."""
    return (
        Decision.objects.filter(collectivity=collectivity, posted_at__isnull=False)
        .select_related("vote", "item", "vote__sitting", "vote__sitting__session")
        .order_by("-adopted_on", "-pk")
    )


def public_members(collectivity: Any) -> QuerySet[Member]:
    """Every member of the council, with `held` (sittings where attendance was taken) and
    `present` (sittings attended) annotated. Never read email/phone/user from these."""
    held = Q(
        attendance__sitting__state__in=HELD_SITTING_STATES,
        attendance__sitting__session__state__in=PUBLIC_SESSION_STATES,
    )
    return (
        Member.objects.filter(collectivity=collectivity)
        .annotate(
            held=Count("attendance", filter=held, distinct=True),
            present=Count(
                "attendance",
                filter=held & Q(attendance__presence=Presence.PRESENT),
                distinct=True,
            ),
        )
        .order_by("last_name_fr", "first_name_fr", "pk")
    )


def ordered_members(members: Any) -> list[Member]:
    """The bureau first (president, vice-presidents by rank, secretary, deputy), then the
    members by name."""
    return sorted(
        members,
        key=lambda m: (
            OFFICE_ORDER.get(m.office, 9),
            m.office_rank,
            m.last_name_fr,
            m.first_name_fr,
            m.pk,
        ),
    )


def attendance_rate(member: Member) -> int | None:
    """Percent of the held sittings the member attended (None when none was held)."""
    held = getattr(member, "held", 0)
    if not held:
        return None
    return round(100 * getattr(member, "present", 0) / held)


# --- One object ---


def session_get(collectivity: Any, session_id: Any) -> Session:
    try:
        return public_sessions(collectivity).get(pk=_valid_id(session_id))
    except Session.DoesNotExist:
        raise Http404("no such session") from None


def decision_get(collectivity: Any, number: str) -> Decision:
    if not number or len(number) > 40:
        raise Http404("bad number")
    try:
        return public_decisions(collectivity).get(number=number)
    except Decision.DoesNotExist:
        raise Http404("no such decision") from None


def member_get(collectivity: Any, member_id: Any) -> Member:
    try:
        return public_members(collectivity).get(pk=_valid_id(member_id))
    except Member.DoesNotExist:
        raise Http404("no such member") from None


def item_document_get(collectivity: Any, document_id: Any) -> ItemDocument:
    """A document of an item on a public session's agenda; Http404 otherwise."""
    try:
        return ItemDocument.objects.get(
            pk=_valid_id(document_id),
            collectivity=collectivity,
            item__in=public_items(collectivity),
        )
    except ItemDocument.DoesNotExist:
        raise Http404("no such document") from None


# --- Pages' data ---


def _documents_prefetch() -> Prefetch:
    return Prefetch("documents", queryset=ItemDocument.objects.order_by("pk"))


def upcoming_sessions(collectivity: Any, *, today: date) -> list[Session]:
    """Convened sessions not yet ended, soonest first, with their public items and documents."""
    sessions = (
        public_sessions(collectivity)
        .filter(state=SessionState.CONVENED)
        .filter(Q(closes_on__gte=today) | Q(extended_until__gte=today))
        .order_by("opens_on", "pk")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=public_items(collectivity)
                .select_related("rapporteur")
                .prefetch_related(_documents_prefetch()),
                to_attr="public_items",
            ),
            Prefetch(
                "sittings",
                queryset=Sitting.objects.exclude(state=SittingState.NO_QUORUM).order_by(
                    "scheduled_at", "pk"
                ),
                to_attr="timetable",
            ),
        )
    )
    return list(sessions)


def recent_sittings(collectivity: Any, limit: int = 10) -> list[Sitting]:
    return list(
        public_sittings(collectivity)
        .select_related("session")
        .order_by("-scheduled_at", "-pk")[:limit]
    )


@dataclass
class BallotRow:
    member: Member
    choice: str
    label: str


def ballots_of(vote: VoteEvent) -> list[BallotRow]:
    """Every member's vote, the bureau first."""
    ballots = {b.member_id: b for b in Ballot.objects.filter(vote=vote).select_related("member")}
    members = ordered_members(b.member for b in ballots.values())
    return [BallotRow(m, ballots[m.pk].choice, ballots[m.pk].get_choice_display()) for m in members]


def session_detail(collectivity: Any, session: Session) -> dict[str, Any]:
    """A public session: items with documents, timetable, sittings held with attendance
    counts, and the votes per item."""
    items = list(
        public_items(collectivity)
        .filter(session=session)
        .select_related("rapporteur")
        .prefetch_related(_documents_prefetch())
    )
    timetable = list(session.sittings.order_by("scheduled_at", "pk"))
    sittings = list(public_sittings(collectivity).filter(session=session))
    votes = list(public_votes(collectivity).filter(sitting__session=session))
    by_item: dict[int, list[VoteEvent]] = {}
    for vote in votes:
        by_item.setdefault(vote.item_id, []).append(vote)
    decisions = {
        d.vote_id: d for d in public_decisions(collectivity).filter(vote__in=[v.pk for v in votes])
    }
    for vote in votes:
        vote.public_decision = decisions.get(vote.pk)
    for item in items:
        item.public_votes = by_item.get(item.pk, [])
    attendance = _attendance_by_sitting(sittings)
    for sitting in sittings:
        sitting.attendance_rows = attendance.get(sitting.pk, [])
    return {"items": items, "timetable": timetable, "sittings": sittings}


def _attendance_by_sitting(sittings: list[Sitting]) -> dict[int, list[Attendance]]:
    rows: dict[int, list[Attendance]] = {}
    for row in (
        Attendance.objects.filter(sitting__in=sittings)
        .select_related("member")
        .order_by("member__last_name_fr", "member__first_name_fr", "pk")
    ):
        rows.setdefault(row.sitting_id, []).append(row)
    return rows


def decision_years(collectivity: Any) -> list[int]:
    return sorted(
        {d.year for d in public_decisions(collectivity).dates("adopted_on", "year")}, reverse=True
    )


def decisions_filtered(
    collectivity: Any, *, year: Any = None, subject: Any = None
) -> QuerySet[Decision]:
    """Posted decisions, filtered by year (ignored unless a plausible year) and subject
    (ignored unless a known subject)."""
    decisions = public_decisions(collectivity)
    try:
        year_number = int(year) if year else None
    except (TypeError, ValueError):
        year_number = None
    if year_number and 1900 < year_number < 3000:
        decisions = decisions.filter(adopted_on__year=year_number)
    if subject in ItemSubject.values:
        decisions = decisions.filter(subject=subject)
    return decisions


def control_state(decision: Decision) -> str:
    """The governor's control in words: in force, visa deemed on <date>, opposed, ..."""
    state = decision.state
    if state == DecisionState.VISA_DEEMED:
        clock = (
            Deadline.objects.filter(
                collectivity=decision.collectivity,
                object_id=str(decision.pk),
                kind="visa",
                content_type__model="decision",
                content_type__app_label="council",
            )
            .order_by("-pk")
            .first()
        )
        if clock is not None:
            return _("In force: visa deemed given on %(date)s (no answer within 20 days)") % {
                "date": date_format(clock.due_on, "DATE_FORMAT")
            }
        return _("In force: visa deemed given (no answer within 20 days)")
    if state == DecisionState.VISA_GIVEN:
        return _("In force: visa given")
    if state == DecisionState.EXECUTORY:
        return _("In force")
    if state == DecisionState.OPPOSED:
        return _("Opposed by the governor: to be deliberated again")
    if state == DecisionState.VISA_REFUSED:
        return _("Visa refused by the governor")
    if state == DecisionState.AWAITING_VISA:
        return _("Sent to the governor: awaiting the visa")
    if state == DecisionState.TRANSMITTED:
        return _("Sent to the governor: opposition window open")
    return _("Adopted: to be sent to the governor")


def member_committees(member: Member) -> list[Committee]:
    return list(
        Committee.objects.filter(collectivity=member.collectivity_id)
        .filter(Q(members=member) | Q(chair=member))
        .distinct()
        .order_by("name_fr")
    )


def member_attendance(member: Member) -> list[Attendance]:
    """The member's attendance at each public sitting held, newest first."""
    return list(
        Attendance.objects.filter(
            member=member,
            sitting__in=public_sittings(member.collectivity_id),
        )
        .select_related("sitting", "sitting__session")
        .order_by("-sitting__scheduled_at", "-pk")
    )


def member_ballots(member: Member) -> list[Ballot]:
    """The member's votes in public votes, newest first."""
    return list(
        Ballot.objects.filter(member=member, vote__in=public_votes(member.collectivity_id))
        .select_related("vote", "vote__item", "vote__sitting")
        .order_by("-vote__voted_at", "-pk")
    )
