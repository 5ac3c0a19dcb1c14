"""The council's public record as a Popolo document (https://www.popoloproject.com/specs/).

Built only from `public.py` (what the law makes public; never an email, a phone or an account).
Names are given in Latin script in `name` with the Arabic in `other_names` (note "ar").

Mapping (every id is stable and prefixed by its kind, with the row's primary key):
- persons: the council's members, `member-<pk>` (name, given_name, family_name, sort_name,
  gender "female"/"male", other_names [{name: Arabic name, note: "ar"}]).
- organizations: the council `council-<HCP code>` (classification "council", identifiers
  [{scheme: "hcp", identifier: code}]); its committees `committee-<pk>` (classification
  "committee", parent_id the council); the political groups `party-<slug>` (classification
  "party", the slug of the group's name).
- memberships: member ↔ council `membership-<member pk>` (role = office: president,
  vice_president, secretary, deputy_secretary, member; start_date = mandate start; end_date =
  the day the member left, or the mandate's end); member ↔ committee
  `membership-committee-<committee pk>-<member pk>` (role "chair" or "member"); member ↔ group
  `membership-party-<member pk>` (role "member").
- events: public sessions `session-<pk>` (classification "session", start/end dates) and the
  sittings held `sitting-<pk>` (classification "sitting", parent_id the session, start_date the
  time it was scheduled, status the sitting's state, identifiers [{scheme: "call",
  identifier: "1"|"2"|"3"}], attendees' counts in `description`).
- motions: agenda items with a public vote, `motion-<item pk>` (text = the item's title,
  classification = its subject, requirement = the majority rule of the item, result of its last
  public vote, legislative_session_id = its session).
- vote_events: `vote-<pk>` (motion_id, legislative_session_id = the sitting, start_date = the
  time of the vote, result "adopted"/"rejected"/"no_absolute_majority", identifier = the
  decision's number when adopted, counts [{option: "yes"|"no"|"abstain", value}]).
- votes: one per ballot (vote_event_id, voter_id, option "yes"/"no"/"abstain", party_id).

`table_rows(document, table)` flattens one list for CSV (`TABLES`; default "votes", one row per
ballot with member, item, sitting, option and result).
"""

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from jamaati.council import public
from jamaati.council.models import Ballot, Choice, Committee, Member, Sitting

OPTIONS = {Choice.FOR: "yes", Choice.AGAINST: "no", Choice.ABSTAIN: "abstain"}
GENDERS = {"F": "female", "M": "male"}
TABLES = (
    "votes",
    "persons",
    "organizations",
    "memberships",
    "events",
    "motions",
    "vote_events",
)


def _date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _datetime(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def party_id(group: str) -> str:
    return "party-" + (slugify(group, allow_unicode=True) or "group")


def council_id(collectivity: Any) -> str:
    return f"council-{collectivity.code}"


def _person(member: Member) -> dict[str, Any]:
    person: dict[str, Any] = {
        "id": f"member-{member.pk}",
        "name": member.name_fr,
        "given_name": member.first_name_fr,
        "family_name": member.last_name_fr,
        "sort_name": f"{member.last_name_fr}, {member.first_name_fr}",
        "other_names": [{"name": member.name_ar, "note": "ar"}],
    }
    if member.sex in GENDERS:
        person["gender"] = GENDERS[member.sex]
    return person


def _council_membership(member: Member, council: str) -> dict[str, Any]:
    membership: dict[str, Any] = {
        "id": f"membership-{member.pk}",
        "person_id": f"member-{member.pk}",
        "organization_id": council,
        "role": member.office,
        "start_date": _date(member.mandate_start),
    }
    end = member.left_on or member.mandate_end
    if end:
        membership["end_date"] = _date(end)
    return membership


def build(collectivity: Any) -> dict[str, Any]:
    """The Popolo document of the council of `collectivity` (see the module docstring)."""
    council = council_id(collectivity)
    members = public.ordered_members(public.public_members(collectivity))
    member_ids = {m.pk for m in members}
    persons = [_person(m) for m in members]
    organizations: list[dict[str, Any]] = [
        {
            "id": council,
            "name": f"Conseil — {collectivity.name_fr}",
            "other_names": [{"name": f"مجلس {collectivity.name_ar}", "note": "ar"}],
            "classification": "council",
            "identifiers": [{"scheme": "hcp", "identifier": collectivity.code}],
        }
    ]
    memberships = [_council_membership(m, council) for m in members]

    committees = (
        Committee.objects.filter(collectivity=collectivity)
        .prefetch_related("members")
        .order_by("pk")
    )
    for committee in committees:
        organizations.append(
            {
                "id": f"committee-{committee.pk}",
                "name": committee.name_fr,
                "other_names": [{"name": committee.name_ar, "note": "ar"}],
                "classification": "committee",
                "parent_id": council,
            }
        )
        seated = {m.pk for m in committee.members.all()} | (
            {committee.chair_id} if committee.chair_id else set()
        )
        for member_pk in sorted(seated & member_ids):
            memberships.append(
                {
                    "id": f"membership-committee-{committee.pk}-{member_pk}",
                    "person_id": f"member-{member_pk}",
                    "organization_id": f"committee-{committee.pk}",
                    "role": "chair" if member_pk == committee.chair_id else "member",
                }
            )

    groups = sorted({m.political_group for m in members if m.political_group})
    for group in groups:
        organizations.append({"id": party_id(group), "name": group, "classification": "party"})
    for member in members:
        if member.political_group:
            memberships.append(
                {
                    "id": f"membership-party-{member.pk}",
                    "person_id": f"member-{member.pk}",
                    "organization_id": party_id(member.political_group),
                    "role": "member",
                }
            )

    events: list[dict[str, Any]] = []
    for session in public.public_sessions(collectivity).order_by("opens_on", "pk"):
        events.append(
            {
                "id": f"session-{session.pk}",
                "name": f"{session.get_kind_display()} {session.opens_on:%Y-%m}",
                "classification": "session",
                "organization_id": council,
                "start_date": _date(session.opens_on),
                "end_date": _date(session.ends_on),
                "status": session.state,
            }
        )
    sitting: Sitting
    for sitting in public.public_sittings(collectivity).select_related("session"):
        event: dict[str, Any] = {
            "id": f"sitting-{sitting.pk}",
            "name": f"{sitting.session} — {sitting.call}",
            "classification": "sitting",
            "organization_id": council,
            "parent_id": f"session-{sitting.session_id}",
            "start_date": _datetime(sitting.opened_at or sitting.scheduled_at),
            "status": sitting.state,
            "identifiers": [{"scheme": "call", "identifier": str(sitting.call)}],
            "description": f"{sitting.present_count}/{sitting.in_office_count}",
        }
        if sitting.closed_at:
            event["end_date"] = _datetime(sitting.closed_at)
        if sitting.place:
            event["location"] = sitting.place
        events.append(event)

    votes_qs = list(public.public_votes(collectivity).select_related("decision"))
    vote_events: list[dict[str, Any]] = []
    motions: dict[int, dict[str, Any]] = {}
    for vote in votes_qs:
        item = vote.item
        motions[item.pk] = {
            "id": f"motion-{item.pk}",
            "organization_id": council,
            "legislative_session_id": f"session-{item.session_id}",
            "text": item.title_fr,
            "classification": item.subject,
            "date": _datetime(vote.voted_at),
            "requirement": vote.rule,
            "result": vote.result,
        }
        decision = getattr(vote, "decision", None)
        vote_event: dict[str, Any] = {
            "id": f"vote-{vote.pk}",
            "organization_id": council,
            "motion_id": f"motion-{item.pk}",
            "legislative_session_id": f"sitting-{vote.sitting_id}",
            "start_date": _datetime(vote.voted_at),
            "result": vote.result,
            "counts": [
                {"option": "yes", "value": vote.for_count},
                {"option": "no", "value": vote.against_count},
                {"option": "abstain", "value": vote.abstain_count},
            ],
        }
        if decision is not None and decision.posted_at:
            vote_event["identifier"] = decision.number
        vote_events.append(vote_event)

    groups_of = {m.pk: m.political_group for m in members}
    votes: list[dict[str, Any]] = []
    for ballot in (
        Ballot.objects.filter(vote__in=[v.pk for v in votes_qs])
        .only("vote_id", "member_id", "choice")
        .order_by("vote_id", "member_id")
    ):
        row: dict[str, Any] = {
            "vote_event_id": f"vote-{ballot.vote_id}",
            "voter_id": f"member-{ballot.member_id}",
            "option": OPTIONS.get(ballot.choice, ballot.choice),
        }
        if groups_of.get(ballot.member_id):
            row["party_id"] = party_id(groups_of[ballot.member_id])
        votes.append(row)

    return {
        "persons": persons,
        "organizations": organizations,
        "memberships": memberships,
        "events": events,
        "motions": list(motions.values()),
        "vote_events": vote_events,
        "votes": votes,
    }


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "option" in v for v in value):
            return "; ".join(f"{v['option']}={v['value']}" for v in value)
        if value and all(isinstance(v, dict) and "identifier" in v for v in value):
            return "; ".join(f"{v.get('scheme', '')}:{v['identifier']}" for v in value)
        if value and all(isinstance(v, dict) and "name" in v for v in value):
            return "; ".join(v["name"] for v in value)
        return ""
    return "" if value is None else value


VOTE_COLUMNS = (
    "vote_event_id",
    "voter_id",
    "voter_name",
    "party",
    "option",
    "motion_id",
    "motion_text",
    "sitting_id",
    "voted_at",
    "result",
    "decision_number",
)


def table_rows(document: dict[str, Any], table: str) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of one table of the document for CSV. "votes" is one row per ballot,
    joined with its member, motion, sitting and result; the others list their objects' flat
    fields (lists written as "a; b")."""
    if table == "votes":
        persons = {p["id"]: p["name"] for p in document["persons"]}
        parties = {o["id"]: o["name"] for o in document["organizations"]}
        motions = {m["id"]: m for m in document["motions"]}
        events = {e["id"]: e for e in document["vote_events"]}
        rows = []
        for vote in document["votes"]:
            event = events[vote["vote_event_id"]]
            rows.append(
                [
                    vote["vote_event_id"],
                    vote["voter_id"],
                    persons.get(vote["voter_id"], ""),
                    parties.get(vote.get("party_id", ""), ""),
                    vote["option"],
                    event["motion_id"],
                    motions[event["motion_id"]]["text"],
                    event["legislative_session_id"],
                    event["start_date"],
                    event["result"],
                    event.get("identifier", ""),
                ]
            )
        return list(VOTE_COLUMNS), rows
    objects = document[table]
    header: list[str] = []
    for obj in objects:
        for key in obj:
            if key not in header:
                header.append(key)
    return header, [[_flat(obj.get(key)) for key in header] for obj in objects]
