"""Every staff read of the council's record, scoped.

An object is found only when it belongs to the URL's collectivity and one of the actor's
memberships reaches it; anything else answers 404, exactly as a missing row. Lists of the
governor's office cover the whole subtree of the URL's collectivity (reach_filter).
The law's warnings are computed here from `rules.py` (never a typed number of days).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Model, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jamaati.core.access.actors import reach_filter
from jamaati.core.access.policies import authorize
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadlines_of
from jamaati.core.tenancy.models import Collectivity
from jamaati.council import rules
from jamaati.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Committee,
    Convocation,
    Decision,
    ExtraordinaryRequest,
    ItemDocument,
    ItemState,
    Member,
    Office,
    Petition,
    Session,
    SessionKind,
    SessionState,
    Sitting,
    SittingState,
    VoteEvent,
    in_office_filter,
)
from jamaati.council.policies import OVERSIGHT
from jamaati.council.workflow import DecisionState, PetitionState, RequestState

LIST_LIMIT = 200


def _as_int(pk: Any) -> int:
    try:
        value = int(str(pk))
    except (TypeError, ValueError):
        raise Http404 from None
    if value <= 0 or value > 2**62:
        raise Http404
    return value


def _get_for_staff(
    model: type[Model], actor: Any, pk: Any, *, collectivity: Collectivity, related: tuple = ()
) -> Any:
    found = (
        model.objects.filter(reach_filter(actor), pk=_as_int(pk), collectivity=collectivity)
        .select_related("collectivity", *related)
        .first()
    )
    if found is None:
        raise Http404
    authorize(actor, "council.view", found)
    return found


def session_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Session:
    """A session of `collectivity` the actor reaches (404 else); PermissionDenied when the
    membership may not read the council."""
    return _get_for_staff(Session, actor, pk, collectivity=collectivity)


def item_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> AgendaItem:
    return _get_for_staff(
        AgendaItem, actor, pk, collectivity=collectivity, related=("session", "rapporteur")
    )


def itemdocument_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> ItemDocument:
    return _get_for_staff(ItemDocument, actor, pk, collectivity=collectivity, related=("item",))


def convocation_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Convocation:
    return _get_for_staff(
        Convocation, actor, pk, collectivity=collectivity, related=("document", "member")
    )


def sitting_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Sitting:
    return _get_for_staff(Sitting, actor, pk, collectivity=collectivity, related=("session",))


def member_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Member:
    return _get_for_staff(Member, actor, pk, collectivity=collectivity)


def request_get_for_staff(
    actor: Any, pk: Any, *, collectivity: Collectivity
) -> ExtraordinaryRequest:
    return _get_for_staff(
        ExtraordinaryRequest, actor, pk, collectivity=collectivity, related=("session",)
    )


def decision_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Decision:
    return _get_for_staff(
        Decision, actor, pk, collectivity=collectivity, related=("item", "vote", "item__session")
    )


def petition_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Petition:
    return _get_for_staff(Petition, actor, pk, collectivity=collectivity)


# --- clocks ---------------------------------------------------------------------------------


def clock_rows(owner: Model, today: date | None = None) -> list[dict[str, Any]]:
    """The owner's clocks with the days left (negative when overdue) for the running ones."""
    today = today or timezone.localdate()
    rows = []
    for deadline in deadlines_of(owner):
        rows.append(_clock_row(deadline, today))
    return rows


def _clock_row(deadline: Deadline, today: date) -> dict[str, Any]:
    running = deadline.status == Deadline.Status.RUNNING
    left = (deadline.due_on - today).days if running else None
    row = {
        "deadline": deadline,
        "kind": deadline.kind,
        "label": CLOCK_LABELS.get(deadline.kind, deadline.kind),
        "days_left": left,
        "overdue": left is not None and left < 0,
        "overdue_days": -left if left is not None and left < 0 else 0,
        "running": running,
        "silence": None,
    }
    if deadline.kind == "visa" and running:
        # Silence for 20 days counts as the visa (art. 118): the day after the last day.
        row["silence"] = deadline.due_on + timedelta(days=1)
    return row


def _labels() -> dict[str, str]:
    from django.utils.translation import gettext_lazy

    return {
        "posting": gettext_lazy("Posting (8 days, art. 273)"),
        "transmission": gettext_lazy("Sending to the governor (art. 116)"),
        "opposition": gettext_lazy("Governor's opposition (3 working days, art. 117)"),
        "opposition_window": gettext_lazy("Governor's opposition (3 working days, art. 117)"),
        "visa": gettext_lazy("Governor's visa (20 days, art. 118)"),
        "answer": gettext_lazy("Answer to the petition (3 months, art. 125)"),
        "decision": gettext_lazy("Decision on the request (10 days, art. 36)"),
        "minutes": gettext_lazy("Minutes to the members (15 days, art. 49)"),
    }


CLOCK_LABELS = _labels()


def _clocks_by_owner(
    model: type[Model], pks: list[int], today: date
) -> dict[int, list[dict[str, Any]]]:
    """The clocks of many owners of one model in one query, by owner pk."""
    out: dict[int, list[dict[str, Any]]] = {}
    if not pks:
        return out
    ct = ContentType.objects.get_for_model(model)
    deadlines = Deadline.objects.filter(
        content_type=ct, object_id__in=[str(pk) for pk in pks]
    ).order_by("starts_on", "pk")
    for deadline in deadlines:
        out.setdefault(int(deadline.object_id), []).append(_clock_row(deadline, today))
    return out


# --- the council's home ---------------------------------------------------------------------


@dataclass
class LawWarning:
    text: str
    overdue: bool = False


@dataclass
class SessionRow:
    session: Session
    warnings: list[LawWarning] = field(default_factory=list)


def _d(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def session_warnings(session: Session, today: date | None = None) -> list[LawWarning]:
    """What the law asks next of the session, with the last day (art. 35, 39, 49)."""
    today = today or timezone.localdate()
    out: list[LawWarning] = []
    if session.state == SessionState.PLANNED:
        if session.kind == SessionKind.ORDINARY:
            if session.agenda_sent_on is None:
                by = session.opens_on - timedelta(days=rules.AGENDA_TO_GOVERNOR.value)
                out.append(
                    LawWarning(
                        _("The agenda must reach the governor by %(date)s (art. 39).")
                        % {"date": _d(by)},
                        overdue=today > by,
                    )
                )
            else:
                window = session.agenda_sent_on + timedelta(days=rules.GOVERNOR_ADDITIONS.value)
                if today <= window:
                    out.append(
                        LawWarning(
                            _(
                                "The governor may add items until %(date)s (art. 39): "
                                "convocations after that day."
                            )
                            % {"date": _d(window)}
                        )
                    )
        notice = (
            rules.GOVERNOR_NOTICE
            if session.kind == SessionKind.EXTRAORDINARY_GOVERNOR
            else rules.NOTICE
        )
        by = session.opens_on - timedelta(days=notice.value)
        article = "36" if session.kind == SessionKind.EXTRAORDINARY_GOVERNOR else "35"
        out.append(
            LawWarning(
                _("Convocations must be sent by %(date)s (art. %(article)s).")
                % {"date": _d(by), "article": article},
                overdue=today > by,
            )
        )
        proposed = [i for i in session.items.all() if i.state == ItemState.PROPOSED]
        if proposed:
            out.append(
                LawWarning(
                    _("%(count)s item(s) requested by members await the president's answer.")
                    % {"count": len(proposed)}
                )
            )
        if not session.sittings.exists():
            out.append(LawWarning(_("No sitting is scheduled yet.")))
    for sitting in session.sittings.all():
        if sitting.state == SittingState.CLOSED and sitting.minutes_sent_at is None:
            base = timezone.localdate(sitting.closed_at) if sitting.closed_at else today
            by = base + timedelta(days=rules.MINUTES_TO_MEMBERS.value)
            out.append(
                LawWarning(
                    _("Minutes of the sitting of %(sitting)s to the members by %(date)s (art. 49).")
                    % {"sitting": _d(timezone.localdate(sitting.scheduled_at)), "date": _d(by)},
                    overdue=today > by,
                )
            )
    return out


def council_home(actor: Any, *, collectivity: Collectivity, today: date | None = None) -> dict:
    """The council's home in the back office: upcoming and past sessions with the law's
    warnings, members to flag for absences, pending extraordinary requests and petitions
    awaiting an answer with their clocks, decisions whose clocks ran out."""
    authorize(actor, "council.view", collectivity)
    today = today or timezone.localdate()
    sessions = (
        Session.objects.filter(collectivity=collectivity)
        .prefetch_related("items", "sittings")
        .order_by("-opens_on", "-pk")[:LIST_LIMIT]
    )
    upcoming, past = [], []
    for session in sessions:
        row = SessionRow(session, session_warnings(session, today))
        (past if session.state == SessionState.CLOSED else upcoming).append(row)
    upcoming.reverse()
    requests = list(
        ExtraordinaryRequest.objects.filter(
            collectivity=collectivity, state=RequestState.PENDING
        ).order_by("received_on", "pk")
    )
    request_clocks = _clocks_by_owner(ExtraordinaryRequest, [r.pk for r in requests], today)
    petitions = list(
        Petition.objects.filter(collectivity=collectivity, state=PetitionState.FILED).order_by(
            "filed_at", "pk"
        )
    )
    petition_clocks = _clocks_by_owner(Petition, [p.pk for p in petitions], today)
    late = [
        row
        for row in decision_rows(actor, collectivity=collectivity, today=today, subtree=False)
        if any(c["overdue"] for c in row["clocks"])
    ]
    return {
        "upcoming": upcoming,
        "past": past,
        "absence_flags": _absence_flags(collectivity, today),
        "requests": [
            {"request": r, "clocks": [c for c in request_clocks.get(r.pk, []) if c["running"]]}
            for r in requests
        ],
        "petitions": [
            {"petition": p, "clocks": [c for c in petition_clocks.get(p.pk, []) if c["running"]]}
            for p in petitions
        ],
        "late_decisions": late,
    }


def _absence_flags(collectivity: Collectivity, today: date) -> list:
    try:
        from jamaati.council.absences import absence_flags
    except ImportError:  # written in parallel; the page works without it
        return []
    return list(absence_flags(collectivity, today=today))


# --- sessions -------------------------------------------------------------------------------


def session_page(session: Session) -> dict[str, Any]:
    """A session's agenda (items with documents and requesters), sittings, convocations and
    written questions."""
    items = list(
        session.items.select_related("rapporteur", "petition", "redeliberation_of")
        .prefetch_related("documents", "requested_by")
        .order_by("position", "pk")
    )
    return {
        "items": [i for i in items if i.state != ItemState.PROPOSED],
        "proposed": [i for i in items if i.state == ItemState.PROPOSED],
        "sittings": list(session.sittings.order_by("scheduled_at", "pk")),
        "convocations": list(
            session.convocations.select_related("member", "sitting", "document").order_by(
                "-sent_at", "member__last_name_fr", "pk"
            )
        ),
        "questions": list(
            session.questions.select_related("member", "answer_sitting").order_by("filed_on", "pk")
        ),
    }


# The bureau first: the president, the vice-presidents by rank, the secretaries, then members.
OFFICE_ORDER = Case(
    *(When(office=value, then=Value(i)) for i, value in enumerate(Office.values)),
    default=Value(len(Office.values)),
    output_field=IntegerField(),
)


def members_in_office(collectivity: Collectivity, day: date) -> QuerySet[Member]:
    return Member.objects.filter(in_office_filter(day), collectivity=collectivity).order_by(
        OFFICE_ORDER, "office_rank", "last_name_fr", "pk"
    )


def committees_of(collectivity: Collectivity) -> QuerySet[Committee]:
    return Committee.objects.filter(collectivity=collectivity).order_by("name_fr", "pk")


def member_list(actor: Any, *, collectivity: Collectivity) -> dict[str, Any]:
    authorize(actor, "council.view", collectivity)
    today = timezone.localdate()
    members = list(
        Member.objects.filter(collectivity=collectivity).order_by(
            OFFICE_ORDER, "office_rank", "last_name_fr", "pk"
        )
    )
    return {
        "in_office": [m for m in members if m.in_office_on(today)],
        "former": [m for m in members if not m.in_office_on(today)],
        "committees": list(
            committees_of(collectivity).select_related("chair").prefetch_related("members")
        ),
    }


def member_record(member: Member) -> dict[str, Any]:
    return {
        "attendance": list(
            member.attendance.select_related("sitting", "sitting__session").order_by(
                "-sitting__scheduled_at"
            )[:LIST_LIMIT]
        ),
        "committees": list(member.committees.all()),
    }


# --- sittings -------------------------------------------------------------------------------


def sitting_page(sitting: Sitting) -> dict[str, Any]:
    """What the sitting page shows: the members (in office on the day) with their presence,
    the items to vote with the vote held at this sitting and each member's ballot."""
    day = timezone.localdate(sitting.scheduled_at)
    members = list(members_in_office(sitting.collectivity, day))
    presence = {a.member_id: a.presence for a in Attendance.objects.filter(sitting=sitting)}
    present = [m for m in members if presence.get(m.pk) == "present"]
    votes = {
        v.item_id: v
        for v in VoteEvent.objects.filter(sitting=sitting).prefetch_related(
            Prefetch("ballots", queryset=Ballot.objects.select_related("member"))
        )
    }
    decisions = {d.vote_id: d for d in Decision.objects.filter(vote__sitting=sitting)}
    items = []
    for item in sitting.session.items.exclude(state__in=[ItemState.PROPOSED, ItemState.REFUSED]):
        vote = votes.get(item.pk)
        items.append(
            {
                "item": item,
                "vote": vote,
                "ballots": list(vote.ballots.all()) if vote else [],
                "decision": decisions.get(vote.pk) if vote else None,
                "votable": vote is None
                and item.state in (ItemState.ON_AGENDA, ItemState.POSTPONED),
            }
        )
    return {
        "members": [{"member": m, "presence": presence.get(m.pk, "")} for m in members],
        "present": present,
        "items": items,
        "next_call": Sitting.objects.filter(previous=sitting).first(),
    }


# --- decisions and the governor's control ----------------------------------------------------


def decision_rows(
    actor: Any,
    *,
    collectivity: Collectivity,
    today: date | None = None,
    subtree: bool = True,
    state: str = "",
) -> list[dict[str, Any]]:
    """Decisions the actor reaches, of `collectivity` or (subtree) of every collectivity below
    it (the governor's office at a province sees its communes), newest first, with their
    clocks: days left, overdue, and for the visa the day silence counts as the visa."""
    authorize(actor, "council.view", collectivity)
    today = today or timezone.localdate()
    # The governor's office, auditors and the DGCT read below; the secretariat only its own.
    qs = Decision.objects.filter(
        reach_filter(actor, roles=OVERSIGHT) | Q(collectivity=collectivity)
    )
    if subtree:
        qs = qs.filter(collectivity__path__startswith=collectivity.path)
    else:
        qs = qs.filter(collectivity=collectivity)
    if state in DecisionState.values:
        qs = qs.filter(state=state)
    decisions = list(qs.select_related("collectivity").order_by("-adopted_on", "-pk")[:LIST_LIMIT])
    clocks = _clocks_by_owner(Decision, [d.pk for d in decisions], today)
    return [
        {
            "decision": d,
            "clocks": [c for c in clocks.get(d.pk, []) if c["running"]],
        }
        for d in decisions
    ]


def decision_page(decision: Decision, today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    vote = decision.vote
    return {
        "clocks": clock_rows(decision, today),
        "ballots": list(vote.ballots.select_related("member").order_by("member__last_name_fr")),
        "vote": vote,
        "redeliberations": list(decision.redeliberations.select_related("session")),
    }


# --- extraordinary requests and petitions ---------------------------------------------------


def requests_of(actor: Any, *, collectivity: Collectivity) -> list[dict[str, Any]]:
    authorize(actor, "council.view", collectivity)
    today = timezone.localdate()
    requests = list(
        ExtraordinaryRequest.objects.filter(collectivity=collectivity)
        .select_related("session")
        .order_by("-received_on", "-pk")[:LIST_LIMIT]
    )
    clocks = _clocks_by_owner(ExtraordinaryRequest, [r.pk for r in requests], today)
    return [
        {"request": r, "clocks": [c for c in clocks.get(r.pk, []) if c["running"]]}
        for r in requests
    ]


def petitions_of(actor: Any, *, collectivity: Collectivity, state: str = "") -> list[dict]:
    authorize(actor, "council.view", collectivity)
    today = timezone.localdate()
    qs = Petition.objects.filter(collectivity=collectivity).exclude(state=PetitionState.DRAFT)
    if state in PetitionState.values:
        qs = qs.filter(state=state)
    petitions = list(qs.order_by("-filed_at", "-pk")[:LIST_LIMIT])
    clocks = _clocks_by_owner(Petition, [p.pk for p in petitions], today)
    return [
        {"petition": p, "clocks": [c for c in clocks.get(p.pk, []) if c["running"]]}
        for p in petitions
    ]


def petition_items(petition: Petition) -> list[AgendaItem]:
    return list(petition.items.select_related("session"))


def call_label(sitting: Sitting) -> str:
    """Which call the sitting is (art. 42; art. 36 for the governor's session)."""
    if sitting.call == 1 and sitting.quorum_needed:
        return _("First call")
    if sitting.call == 2:
        return _("Second call (same quorum)")
    if not sitting.quorum_needed and sitting.call >= 3:
        return _("Third call: no quorum needed")
    if not sitting.quorum_needed:
        return _("Next-day sitting of the governor's session: no quorum needed")
    return _("Call %(n)s") % {"n": sitting.call}
