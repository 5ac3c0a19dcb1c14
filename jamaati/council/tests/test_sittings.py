"""Sittings: scheduling within the session, attendance and quorum with the three calls
(art. 42), the governor's session's next day (art. 36), closed sittings (art. 48), closing and
the minutes clock (art. 49)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from jamaati.core.audit.models import AuditEvent
from jamaati.core.calendar import add_working_days
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.council import rules
from jamaati.council.models import Attendance, Sitting
from jamaati.council.services.sittings import (
    sitting_close,
    sitting_close_door,
    sitting_open,
    sitting_schedule,
)
from jamaati.council.tests.factories import MemberFactory, SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 12, 1, 9, 0))


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def attendance(members, present: int) -> dict[int, str]:
    """The first `present` members present, one excused, the others absent."""
    out = {}
    for i, member in enumerate(members):
        if i < present:
            out[member.pk] = "present"
        elif i == present:
            out[member.pk] = "excused"
        else:
            out[member.pk] = "absent"
    return out


def scheduled(collectivity, session=None, day=date(2027, 2, 1), **kwargs) -> Sitting:
    """A sitting scheduled on `day` (10:00) of a convened session (art. 35: only a convened
    session's sittings open)."""
    session = session or SessionFactory(collectivity=collectivity, state="convened")
    return SittingFactory(
        collectivity=collectivity, session=session, scheduled_at=at(day), **kwargs
    )


def on_its_day(sitting: Sitting) -> datetime:
    """Five minutes after the sitting's scheduled hour: a sitting opens on its day."""
    return sitting.scheduled_at + timedelta(minutes=5)


def open_sitting(actor, council, sitting=None, present=None):
    """A sitting opened with quorum (all present unless `present` is given), on its day."""
    sitting = sitting or scheduled(council[0].collectivity)
    count = len(council) if present is None else present
    return sitting_open(
        actor=actor, sitting=sitting, presence=attendance(council, count), now=on_its_day(sitting)
    )


def _events(action):
    return AuditEvent.objects.filter(action=action).count()


# --- scheduling ---


def test_schedule_within_the_session(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a)
    sitting = sitting_schedule(
        actor=secretary, session=session, scheduled_at=at(date(2027, 2, 15)), place="Salle", now=NOW
    )
    assert (sitting.call, sitting.quorum_needed, sitting.state) == (1, True, "scheduled")
    assert AuditEvent.objects.filter(action="council.sitting_schedule").exists()
    first = sitting_schedule(
        actor=secretary, session=session, scheduled_at=at(date(2027, 2, 1)), now=NOW
    )
    assert first.session_id == session.pk


@pytest.mark.parametrize("day", [date(2027, 1, 31), date(2027, 2, 16)])
def test_schedule_outside_the_session_is_refused(secretary, commune_a, day):
    session = SessionFactory(collectivity=commune_a)
    with pytest.raises(ValidationError) as exc:
        sitting_schedule(actor=secretary, session=session, scheduled_at=at(day), now=NOW)
    assert "scheduled_at" in exc.value.message_dict
    assert not Sitting.objects.filter(session=session).exists()


def test_schedule_in_the_extension(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a, extended_until=date(2027, 2, 22))
    sitting = sitting_schedule(
        actor=secretary, session=session, scheduled_at=at(date(2027, 2, 22)), now=NOW
    )
    assert sitting.pk


def test_schedule_in_the_past_or_closed_session_is_refused(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a)
    with pytest.raises(ValidationError):
        sitting_schedule(
            actor=secretary,
            session=session,
            scheduled_at=at(date(2027, 2, 2)),
            now=at(date(2027, 2, 3)),
        )
    session.state = "closed"
    session.save()
    with pytest.raises(ValidationError):
        sitting_schedule(
            actor=secretary, session=session, scheduled_at=at(date(2027, 2, 2)), now=NOW
        )
    with pytest.raises(ValidationError):
        sitting_schedule(actor=secretary, session=session, scheduled_at="tomorrow", now=NOW)
    assert not Sitting.objects.exists()


def test_schedule_denied_and_other_commune(commune_a, agent, other_secretary, governor):
    session = SessionFactory(collectivity=commune_a)
    with pytest.raises(PermissionDenied):
        sitting_schedule(actor=agent, session=session, scheduled_at=at(date(2027, 2, 2)), now=NOW)
    with pytest.raises(PermissionDenied):
        sitting_schedule(
            actor=governor, session=session, scheduled_at=at(date(2027, 2, 2)), now=NOW
        )
    with pytest.raises(Http404):
        sitting_schedule(
            actor=other_secretary, session=session, scheduled_at=at(date(2027, 2, 2)), now=NOW
        )
    assert not Sitting.objects.exists()


# --- opening and quorum ---


def test_open_with_quorum(secretary, council):
    sitting = scheduled(council[0].collectivity)
    opened = sitting_open(
        actor=secretary, sitting=sitting, presence=attendance(council, 6), now=on_its_day(sitting)
    )
    assert opened.state == "open"
    assert sitting.state == "open"
    assert (opened.in_office_count, opened.present_count, opened.opened_at) == (
        11,
        6,
        on_its_day(sitting),
    )
    assert Attendance.objects.filter(sitting=sitting).count() == 11
    assert Attendance.objects.filter(sitting=sitting, presence="excused").count() == 1
    assert AuditEvent.objects.filter(action="council.sitting_open").exists()


def test_quorum_counts_members_in_office_only(secretary, council, commune_a):
    # A member who left before the sitting is not counted: still 11 in office, quorum 6.
    MemberFactory(collectivity=commune_a, left_on=date(2026, 1, 1))
    sitting = scheduled(commune_a)
    opened = sitting_open(
        actor=secretary, sitting=sitting, presence=attendance(council, 6), now=on_its_day(sitting)
    )
    assert opened.in_office_count == 11
    assert opened.state == "open"


def test_first_call_without_quorum_schedules_the_second(secretary, council):
    sitting = scheduled(council[0].collectivity)
    result = sitting_open(
        actor=secretary, sitting=sitting, presence=attendance(council, 5), now=on_its_day(sitting)
    )
    assert result.state == "no_quorum"
    assert result.opened_at is None
    second = Sitting.objects.get(previous=sitting)
    assert (second.call, second.quorum_needed, second.state) == (2, True, "scheduled")
    assert second.scheduled_at == sitting.scheduled_at + timedelta(days=3)
    assert Attendance.objects.filter(sitting=sitting).count() == 11


@pytest.mark.parametrize(("days", "accepted"), [(2, False), (3, True), (5, True), (6, False)])
def test_second_call_between_three_and_five_days(secretary, council, days, accepted):
    sitting = scheduled(council[0].collectivity)
    when = sitting.scheduled_at + timedelta(days=days)
    if accepted:
        sitting_open(
            actor=secretary,
            sitting=sitting,
            presence=attendance(council, 5),
            next_call_at=when,
            now=on_its_day(sitting),
        )
        assert Sitting.objects.get(previous=sitting).scheduled_at == when
    else:
        with pytest.raises(ValidationError) as exc:
            sitting_open(
                actor=secretary,
                sitting=sitting,
                presence=attendance(council, 5),
                next_call_at=when,
                now=on_its_day(sitting),
            )
        assert "next_call_at" in exc.value.message_dict
        sitting.refresh_from_db()
        assert sitting.state == "scheduled"
        assert not Attendance.objects.exists()
        assert Sitting.objects.count() == 1


def test_the_three_calls(secretary, council):
    first = scheduled(council[0].collectivity)
    sitting_open(
        actor=secretary, sitting=first, presence=attendance(council, 5), now=on_its_day(first)
    )
    second = Sitting.objects.get(previous=first)
    # The second call needs the quorum too: 5 of 11 again fails.
    sitting_open(
        actor=secretary, sitting=second, presence=attendance(council, 5), now=on_its_day(second)
    )
    second.refresh_from_db()
    assert second.state == "no_quorum"
    third = Sitting.objects.get(previous=second)
    expected_day = add_working_days(timezone.localdate(second.scheduled_at), 3)
    assert timezone.localdate(third.scheduled_at) == expected_day
    assert timezone.localtime(third.scheduled_at).hour == 10
    assert (third.call, third.quorum_needed) == (3, False)
    # The third is held with any attendance.
    opened = sitting_open(
        actor=secretary, sitting=third, presence=attendance(council, 2), now=on_its_day(third)
    )
    assert opened.state == "open"
    assert opened.present_count == 2


def test_second_call_with_quorum_opens(secretary, council):
    first = scheduled(council[0].collectivity)
    sitting_open(
        actor=secretary, sitting=first, presence=attendance(council, 5), now=on_its_day(first)
    )
    second = Sitting.objects.get(previous=first)
    assert (
        sitting_open(
            actor=secretary, sitting=second, presence=attendance(council, 6), now=on_its_day(second)
        ).state
        == "open"
    )


def test_governors_session_next_day_without_quorum(secretary, council, commune_a):
    session = SessionFactory(
        collectivity=commune_a,
        kind="extraordinary_governor",
        opens_on=date(2027, 2, 1),
        closes_on=date(2027, 2, 9),
        state="convened",
    )
    first = scheduled(commune_a, session=session)
    sitting_open(
        actor=secretary, sitting=first, presence=attendance(council, 5), now=on_its_day(first)
    )
    nxt = Sitting.objects.get(previous=first)
    assert nxt.scheduled_at == first.scheduled_at + timedelta(
        days=rules.GOVERNOR_NO_QUORUM_AFTER.value
    )
    assert nxt.quorum_needed is False
    assert (
        sitting_open(
            actor=secretary, sitting=nxt, presence=attendance(council, 1), now=on_its_day(nxt)
        ).state
        == "open"
    )


def test_bad_attendance_is_refused_and_writes_nothing(secretary, council, council_b, commune_a):
    sitting = scheduled(commune_a)
    full = attendance(council, 11)
    bad_cases = [
        {**full, 999999: "present"},  # unknown id
        {**full, council_b[0].pk: "present"},  # another commune's member
        {k: v for k, v in full.items() if k != council[3].pk},  # a member missing
        {**full, council[4].pk: "late"},  # a bad value
        {**full, "abc": "present"},  # a malformed id
        {**full, str(council[2].pk): "present"},  # the same member twice
    ]
    gone = MemberFactory(collectivity=commune_a, left_on=date(2025, 1, 1))
    bad_cases.append({**full, gone.pk: "present"})  # no longer in office
    for presence in bad_cases:
        with pytest.raises(ValidationError) as exc:
            sitting_open(
                actor=secretary, sitting=sitting, presence=presence, now=on_its_day(sitting)
            )
        assert "presence" in exc.value.message_dict
    with pytest.raises(ValidationError):
        sitting_open(actor=secretary, sitting=sitting, presence=["x"], now=on_its_day(sitting))
    sitting.refresh_from_db()
    assert sitting.state == "scheduled"
    assert not Attendance.objects.exists()
    assert _events("council.sitting_open") == 0


def test_a_sitting_opens_on_its_day_not_before(secretary, council):
    sitting = scheduled(council[0].collectivity)
    the_day_before = sitting.scheduled_at - timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        sitting_open(
            actor=secretary, sitting=sitting, presence=attendance(council, 11), now=the_day_before
        )
    assert "presence" in exc.value.message_dict
    assert "opens on its day" in exc.value.message_dict["presence"][0]
    sitting.refresh_from_db()
    assert (sitting.state, sitting.opened_at) == ("scheduled", None)
    assert not Attendance.objects.exists()
    assert _events("council.sitting_open") == 0
    # On the day itself, even before the scheduled hour, the sitting opens.
    on_the_day = timezone.make_aware(datetime(2027, 2, 1, 8, 0))
    opened = sitting_open(
        actor=secretary, sitting=sitting, presence=attendance(council, 11), now=on_the_day
    )
    assert (opened.state, opened.opened_at) == ("open", on_the_day)
    assert _events("council.sitting_open") == 1


@pytest.mark.parametrize("state", ["planned", "closed"])
def test_a_sitting_of_a_session_not_convened_does_not_open(secretary, council, commune_a, state):
    """Art. 35: the members are convened before any sitting; a closed session holds none."""
    sitting = scheduled(commune_a, session=SessionFactory(collectivity=commune_a, state=state))
    with pytest.raises(ValidationError) as exc:
        open_sitting(secretary, council, sitting=sitting)
    assert "art. 35" in exc.value.message_dict["presence"][0]
    sitting.refresh_from_db()
    assert (sitting.state, sitting.opened_at) == ("scheduled", None)
    assert not Sitting.objects.filter(previous=sitting).exists()
    assert _events("council.sitting_open") == 0


def test_open_twice_is_refused(secretary, council):
    sitting = open_sitting(secretary, council)
    with pytest.raises(ValidationError):
        sitting_open(
            actor=secretary,
            sitting=sitting,
            presence=attendance(council, 11),
            now=on_its_day(sitting),
        )
    assert Attendance.objects.count() == 11


def test_open_denied_and_other_commune(council, agent, other_secretary):
    sitting = scheduled(council[0].collectivity)
    with pytest.raises(PermissionDenied):
        sitting_open(
            actor=agent, sitting=sitting, presence=attendance(council, 11), now=on_its_day(sitting)
        )
    with pytest.raises(Http404):
        sitting_open(
            actor=other_secretary,
            sitting=sitting,
            presence=attendance(council, 11),
            now=on_its_day(sitting),
        )
    assert not Attendance.objects.exists()


# --- closed sittings ---


def test_closed_door_at_the_presidents_request(secretary, council):
    sitting = open_sitting(secretary, council)
    sitting_close_door(actor=secretary, sitting=sitting, requested_by="president", reason="Ordre")
    sitting.refresh_from_db()
    assert sitting.is_closed_door
    assert sitting.closed_door_requested_by == "president"
    assert sitting.closed_door_reason == "Ordre"


def test_closed_door_by_a_third_of_the_members(secretary, council):
    sitting = scheduled(council[0].collectivity)
    # 11 in office: 4 is a third or more, 3 is not.
    with pytest.raises(ValidationError) as exc:
        sitting_close_door(
            actor=secretary,
            sitting=sitting,
            requested_by="members",
            requesters=[m.pk for m in council[:3]],
        )
    assert "requesters" in exc.value.message_dict
    sitting.refresh_from_db()
    assert not sitting.is_closed_door
    sitting_close_door(
        actor=secretary,
        sitting=sitting,
        requested_by="members",
        requesters=[m.pk for m in council[:4]],
    )
    sitting.refresh_from_db()
    assert sitting.is_closed_door
    assert sitting.closed_door_requested_by == "members"
    event = AuditEvent.objects.get(action="council.sitting_close_door")
    assert sorted(event.changes["requesters"]) == sorted(m.pk for m in council[:4])


def test_closed_door_refusals(secretary, council, council_b):
    sitting = scheduled(council[0].collectivity)
    with pytest.raises(ValidationError):
        sitting_close_door(actor=secretary, sitting=sitting, requested_by="mayor")
    with pytest.raises(ValidationError):  # another commune's members do not count
        sitting_close_door(
            actor=secretary,
            sitting=sitting,
            requested_by="members",
            requesters=[m.pk for m in council_b[:4]],
        )
    with pytest.raises(ValidationError):  # the same member four times is one request
        sitting_close_door(
            actor=secretary,
            sitting=sitting,
            requested_by="members",
            requesters=[council[0].pk] * 4,
        )
    sitting = open_sitting(secretary, council)
    sitting_close(actor=secretary, sitting=sitting, now=on_its_day(sitting) + timedelta(hours=2))
    with pytest.raises(ValidationError):  # after the sitting
        sitting_close_door(actor=secretary, sitting=sitting, requested_by="president")
    assert not Sitting.objects.filter(is_closed_door=True).exists()


def test_closed_door_denied_and_other_commune(council, agent, other_secretary):
    sitting = scheduled(council[0].collectivity)
    with pytest.raises(PermissionDenied):
        sitting_close_door(actor=agent, sitting=sitting, requested_by="president")
    with pytest.raises(Http404):
        sitting_close_door(actor=other_secretary, sitting=sitting, requested_by="president")


# --- closing ---


def test_close_starts_the_minutes_clock(secretary, council):
    sitting = open_sitting(secretary, council)
    closed_at = at(date(2027, 2, 1), 13)
    sitting_close(actor=secretary, sitting=sitting, now=closed_at)
    sitting.refresh_from_db()
    assert (sitting.state, sitting.closed_at) == ("closed", closed_at)
    clock = deadline_open_of(sitting, "minutes")
    assert clock is not None
    assert clock.due_on == date(2027, 2, 16)  # 15 calendar days (a working Tuesday)
    assert clock.legal_basis == rules.MINUTES_TO_MEMBERS.basis


def test_close_refusals(secretary, council, agent, other_secretary):
    sitting = scheduled(council[0].collectivity)
    with pytest.raises(ValidationError):  # not open
        sitting_close(actor=secretary, sitting=sitting, now=on_its_day(sitting))
    sitting = open_sitting(secretary, council)
    later = on_its_day(sitting) + timedelta(hours=2)
    with pytest.raises(PermissionDenied):
        sitting_close(actor=agent, sitting=sitting, now=later)
    with pytest.raises(Http404):
        sitting_close(actor=other_secretary, sitting=sitting, now=later)
    sitting.refresh_from_db()
    assert sitting.state == "open"
    assert deadline_open_of(sitting, "minutes") is None


# --- through HTTP ---


def bo_url(name: str, node, **kwargs) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


def presence_post(presence: dict[int, str], **extra) -> dict[str, str]:
    return {**{f"open-presence_{pk}": v for pk, v in presence.items()}, **extra}


def test_http_open_without_quorum_schedules_the_next_call(secretary, council, staff_client):
    sitting = scheduled(council[0].collectivity)
    url = bo_url("sitting-act", sitting.collectivity, sitting_id=sitting.pk, action="open")
    with time_machine.travel(on_its_day(sitting), tick=False):
        response = staff_client(secretary).post(url, presence_post(attendance(council, 5)))
    assert response.status_code == 302
    sitting.refresh_from_db()
    assert sitting.state == "no_quorum"
    assert Sitting.objects.get(previous=sitting).call == 2


def test_http_open_with_a_bad_second_call_writes_nothing(secretary, council, staff_client):
    sitting = scheduled(council[0].collectivity)
    url = bo_url("sitting-act", sitting.collectivity, sitting_id=sitting.pk, action="open")
    with time_machine.travel(on_its_day(sitting), tick=False):
        response = staff_client(secretary).post(
            url,
            presence_post(attendance(council, 5), **{"open-next_call_at": "2027-02-10T10:00"}),
        )
    assert response.status_code == 200
    assert "art. 42" in response.content.decode()
    sitting.refresh_from_db()
    assert sitting.state == "scheduled"
    assert not Attendance.objects.exists()


def test_http_open_denied_and_other_commune(council, agent, other_secretary, client):
    from jamaati.accounts.tests.factories import verified_login

    sitting = scheduled(council[0].collectivity)
    url = bo_url("sitting-act", sitting.collectivity, sitting_id=sitting.pk, action="open")
    verified_login(client, agent)
    assert client.post(url, presence_post(attendance(council, 11))).status_code in (403, 404)
    client.logout()
    verified_login(client, other_secretary)
    assert client.post(url, presence_post(attendance(council, 11))).status_code == 404
    # Another commune's sitting under its own code is out of reach too.
    url_b = bo_url(
        "sitting-act",
        other_secretary.memberships.get().collectivity,
        sitting_id=sitting.pk,
        action="open",
    )
    assert client.post(url_b, presence_post(attendance(council, 11))).status_code == 404
    assert (
        client.post(
            bo_url("sitting-act", sitting.collectivity, sitting_id=999999, action="open"), {}
        ).status_code
        == 404
    )
    assert not Attendance.objects.exists()
