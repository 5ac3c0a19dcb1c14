"""Sessions (art. 33-39): planning, carry-over, extension, the agenda sent to the governor,
the convocation and its limits, later calls, closing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.core.audit.models import AuditEvent
from jamaati.core.documents.models import IssuedDocument
from jamaati.council import rules
from jamaati.council.models import AgendaItem, Convocation, Session
from jamaati.council.services.members import member_leave
from jamaati.council.services.sessions import (
    agenda_send_to_governor,
    call_convene,
    session_close,
    session_convene,
    session_extend,
    session_plan,
)
from jamaati.council.tests.conftest import said
from jamaati.council.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    PetitionFactory,
    SessionFactory,
    SittingFactory,
)

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CASABLANCA)


NOW = at(date(2026, 11, 22))
FEB_1 = date(2027, 2, 1)


def plan(actor, collectivity, **overrides):
    data = {"opens_on": FEB_1, "now": NOW}
    data.update(overrides)
    return session_plan(actor=actor, collectivity=collectivity, **data)


def snapshot():
    return (
        Session.objects.count(),
        AgendaItem.objects.count(),
        Convocation.objects.count(),
        IssuedDocument.objects.count(),
        AuditEvent.objects.count(),
    )


# --- planning ---------------------------------------------------------------------------------


def test_ordinary_session_lasts_fifteen_days_by_default(secretary, commune_a):
    session = plan(secretary, commune_a)
    assert (session.kind, session.state) == ("ordinary", "planned")
    assert session.closes_on == date(2027, 2, 15)
    assert (session.year, session.month) == (2027, 2)
    assert AuditEvent.objects.filter(action="council.session_plan").count() == 1


@pytest.mark.parametrize(
    ("opens_on", "allowed"),
    [
        (date(2027, 2, 7), True),  # the last day of the first week
        (date(2027, 2, 8), False),
        (date(2027, 5, 3), True),
        (date(2027, 10, 1), True),
        (date(2027, 3, 1), False),  # not an ordinary month
        (date(2027, 1, 4), False),
    ],
)
def test_ordinary_session_opens_in_the_first_week_of_february_may_october(
    secretary, commune_a, opens_on, allowed
):
    if allowed:
        assert plan(secretary, commune_a, opens_on=opens_on).opens_on == opens_on
    else:
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            plan(secretary, commune_a, opens_on=opens_on)
        assert "art. 33" in str(error.value)
        assert snapshot() == before


def test_ordinary_session_closes_on_the_fifteenth_day_at_the_latest(secretary, commune_a):
    with pytest.raises(ValidationError) as error:
        plan(secretary, commune_a, closes_on=date(2027, 2, 16))
    assert "15 days" in str(error.value)
    assert plan(secretary, commune_a, closes_on=date(2027, 2, 15)).closes_on == date(2027, 2, 15)


def test_ordinary_session_cannot_close_before_it_opens(secretary, commune_a):
    with pytest.raises(ValidationError):
        plan(secretary, commune_a, closes_on=date(2027, 1, 31))


def test_one_ordinary_session_per_month(secretary, commune_a, commune_b, other_secretary):
    plan(secretary, commune_a)
    with pytest.raises(ValidationError):
        plan(secretary, commune_a, opens_on=date(2027, 2, 3))
    assert plan(other_secretary, commune_b).collectivity == commune_b  # another council


def test_a_session_cannot_open_in_the_past(secretary, commune_a):
    with pytest.raises(ValidationError):
        plan(secretary, commune_a, now=at(date(2027, 2, 2)))
    assert plan(secretary, commune_a, now=at(FEB_1)).opens_on == FEB_1


def test_extraordinary_session_lasts_at_most_seven_working_days(secretary, commune_a):
    # 6 to 14 September 2027: Mon-Fri, Mon-Tue = 7 working days.
    kind = "extraordinary_members"
    session = plan(
        secretary, commune_a, kind=kind, opens_on=date(2027, 9, 6), closes_on=date(2027, 9, 14)
    )
    assert session.kind == kind
    with pytest.raises(ValidationError) as error:
        plan(
            secretary,
            commune_a,
            kind=kind,
            opens_on=date(2027, 9, 6),
            closes_on=date(2027, 9, 15),
        )
    assert "art. 37" in str(error.value)


def test_plan_refuses_bad_input(secretary, commune_a):
    for bad in ({"kind": "weekly"}, {"opens_on": "tomorrow"}, {"closes_on": "x"}):
        with pytest.raises(ValidationError):
            plan(secretary, commune_a, **bad)


def test_plan_denied_to_the_governor_a_citizen_and_another_commune(
    commune_a, governor, citizen, other_secretary
):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plan(governor, commune_a)
    with pytest.raises(Http404):
        plan(citizen, commune_a)
    with pytest.raises(Http404):
        plan(other_secretary, commune_a)
    assert snapshot() == before


def test_plan_carries_over_accepted_petitions_and_opposed_decisions(
    secretary, commune_a, commune_b
):
    accepted = PetitionFactory(collectivity=commune_a, state="accepted", title="Espace vert")
    PetitionFactory(collectivity=commune_a, state="filed")
    PetitionFactory(collectivity=commune_a, state="refused")
    PetitionFactory(collectivity=commune_b, state="accepted")
    already = PetitionFactory(collectivity=commune_a, state="accepted")
    AgendaItemFactory(collectivity=commune_a, origin="petition", petition=already)
    opposed = DecisionFactory(
        collectivity=commune_a, state="opposed", subject="budget", title_fr="Budget 2027"
    )
    DecisionFactory(collectivity=commune_a, state="executory")
    redone = DecisionFactory(collectivity=commune_a, state="opposed")
    AgendaItemFactory(collectivity=commune_a, origin="redeliberation", redeliberation_of=redone)

    session = plan(secretary, commune_a, opens_on=date(2027, 5, 3))

    items = list(session.items.order_by("position"))
    assert [(i.origin, i.position) for i in items] == [("petition", 1), ("redeliberation", 2)]
    assert items[0].petition == accepted
    assert items[0].title_fr == "Espace vert"
    assert items[1].redeliberation_of == opposed
    assert (items[1].subject, items[1].title_fr, items[1].needs_visa) == (
        "budget",
        "Budget 2027",
        True,
    )
    # Carried once: the next session finds nothing left to carry.
    later = plan(secretary, commune_a, opens_on=date(2027, 10, 1))
    assert later.items.count() == 0


# --- extension (art. 34) ------------------------------------------------------------------------


def test_extension_by_seven_working_days_once(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a)  # closes Monday 15 February 2027
    with pytest.raises(ValidationError) as error:
        session_extend(actor=secretary, session=session, until=date(2027, 2, 25), reason="Budget")
    assert "24 February 2027" in str(error.value)
    extended = session_extend(
        actor=secretary, session=session, until=date(2027, 2, 24), reason="Budget"
    )
    assert extended.extended_until == extended.ends_on == date(2027, 2, 24)
    with pytest.raises(ValidationError) as error:
        session_extend(actor=secretary, session=session, until=date(2027, 2, 22), reason="Again")
    assert "only once" in str(error.value)
    assert AuditEvent.objects.filter(action="council.session_extend").count() == 1


def test_extension_refused_without_reason_for_extraordinary_or_closed(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a)
    with pytest.raises(ValidationError):
        session_extend(actor=secretary, session=session, until=date(2027, 2, 20), reason=" ")
    with pytest.raises(ValidationError):
        session_extend(actor=secretary, session=session, until=date(2027, 2, 15), reason="x")
    extraordinary = SessionFactory(collectivity=commune_a, kind="extraordinary_members")
    with pytest.raises(ValidationError):
        session_extend(actor=secretary, session=extraordinary, until=date(2027, 2, 17), reason="x")
    closed = SessionFactory(collectivity=commune_a, state="closed", month=5)
    with pytest.raises(ValidationError):
        session_extend(actor=secretary, session=closed, until=date(2027, 2, 17), reason="x")
    assert not Session.objects.filter(extended_until__isnull=False).exists()


def test_extension_denied_to_another_commune(other_secretary, commune_a):
    session = SessionFactory(collectivity=commune_a)
    with pytest.raises(Http404):
        session_extend(actor=other_secretary, session=session, until=date(2027, 2, 17), reason="x")


# --- the agenda to the governor (art. 39) -------------------------------------------------------


def test_agenda_goes_to_the_governor_twenty_days_ahead_at_the_latest(
    secretary, commune_a, governor, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(collectivity=commune_a)
    AgendaItemFactory(collectivity=commune_a, session=session, title_fr="Convention ONEE")
    with pytest.raises(ValidationError) as error:
        agenda_send_to_governor(actor=secretary, session=session, now=at(date(2027, 1, 13)))
    assert "20 days" in str(error.value)
    assert "art. 39" in str(error.value)
    assert Session.objects.get(pk=session.pk).agenda_sent_on is None
    with django_capture_on_commit_callbacks(execute=True):
        sent = agenda_send_to_governor(actor=secretary, session=session, now=at(date(2027, 1, 12)))
    assert sent.agenda_sent_on == date(2027, 1, 12)
    assert [m.to for m in mailoutbox] == [[governor.email]]
    assert "20 January 2027" in mailoutbox[0].body  # the governor's last day to add items
    assert AuditEvent.objects.filter(action="council.agenda_send").count() == 1
    with pytest.raises(ValidationError):
        agenda_send_to_governor(actor=secretary, session=session, now=at(date(2027, 1, 12)))


def test_agenda_not_sent_while_members_requests_await_an_answer(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a)
    AgendaItemFactory(collectivity=commune_a, session=session, origin="members", state="proposed")
    with pytest.raises(ValidationError) as error:
        agenda_send_to_governor(actor=secretary, session=session, now=NOW)
    assert "art. 40" in str(error.value)
    assert Session.objects.get(pk=session.pk).agenda_sent_on is None


def test_extraordinary_agenda_has_no_twenty_day_limit(secretary, commune_a):
    session = SessionFactory(
        collectivity=commune_a, kind="extraordinary_members", opens_on=date(2026, 11, 30)
    )
    assert agenda_send_to_governor(actor=secretary, session=session, now=NOW).agenda_sent_on


def test_agenda_sending_denied(governor, other_secretary, commune_a):
    session = SessionFactory(collectivity=commune_a)
    with pytest.raises(PermissionDenied):
        agenda_send_to_governor(actor=governor, session=session, now=NOW)
    with pytest.raises(Http404):
        agenda_send_to_governor(actor=other_secretary, session=session, now=NOW)


# --- convocation (art. 35-36) -------------------------------------------------------------------


def ready(collectivity, *, sent_on=date(2027, 1, 5), **overrides):
    """A February 2027 session with its agenda sent, one item and one sitting."""
    session = SessionFactory(collectivity=collectivity, agenda_sent_on=sent_on, **overrides)
    AgendaItemFactory(collectivity=collectivity, session=session)
    SittingFactory(collectivity=collectivity, session=session, scheduled_at=at(session.opens_on))
    return session


def test_convocation_ten_days_ahead_at_the_latest(secretary, commune_a, council):
    session = ready(commune_a)
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        session_convene(actor=secretary, session=session, now=at(date(2027, 1, 23)))
    message = str(error.value)
    assert "at least 10 days" in message
    assert "22 January 2027" in message
    assert "art. 35" in message
    assert snapshot() == before
    convocations = session_convene(actor=secretary, session=session, now=at(date(2027, 1, 22)))
    assert len(convocations) == 11
    session.refresh_from_db()
    assert session.state == "convened"
    assert session.convened_at == at(date(2027, 1, 22))


def test_convocation_waits_for_the_end_of_the_governors_window(secretary, commune_a, council):
    session = ready(commune_a, sent_on=date(2027, 1, 10))  # the governor adds until 18 January
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        session_convene(actor=secretary, session=session, now=at(date(2027, 1, 18)))
    assert "18 January 2027" in str(error.value)
    assert snapshot() == before
    assert session_convene(actor=secretary, session=session, now=at(date(2027, 1, 19)))


def test_convocation_needs_the_agenda_sent_a_sitting_and_answered_requests(
    secretary, commune_a, council
):
    unsent = ready(commune_a, sent_on=None)
    no_sitting = SessionFactory(collectivity=commune_a, month=5, agenda_sent_on=date(2027, 1, 5))
    pending = ready(commune_a, month=10)
    AgendaItemFactory(collectivity=commune_a, session=pending, origin="members", state="proposed")
    before = snapshot()
    for session, words in (
        (unsent, "Send the agenda"),
        (no_sitting, "Schedule"),
        (pending, "art. 40"),
    ):
        with pytest.raises(ValidationError) as error:
            session_convene(actor=secretary, session=session, now=at(date(2027, 1, 20)))
        assert words in str(error.value)
    assert snapshot() == before


def test_governors_extraordinary_session_needs_three_days_notice(secretary, commune_a, council):
    session = SessionFactory(
        collectivity=commune_a,
        kind="extraordinary_governor",
        opens_on=date(2027, 9, 10),
        closes_on=date(2027, 9, 10),
        month=9,
    )
    SittingFactory(collectivity=commune_a, session=session, scheduled_at=at(date(2027, 9, 10)))
    with pytest.raises(ValidationError) as error:
        session_convene(actor=secretary, session=session, now=at(date(2027, 9, 8)))
    assert "at least 3 days" in str(error.value)
    assert "art. 36" in str(error.value)
    assert len(session_convene(actor=secretary, session=session, now=at(date(2027, 9, 7)))) == 11


def test_members_extraordinary_session_needs_ten_days_but_no_agenda_to_the_governor(
    secretary, commune_a, council
):
    session = SessionFactory(
        collectivity=commune_a,
        kind="extraordinary_members",
        opens_on=date(2027, 9, 10),
        closes_on=date(2027, 9, 10),
        month=9,
    )
    SittingFactory(collectivity=commune_a, session=session, scheduled_at=at(date(2027, 9, 10)))
    with pytest.raises(ValidationError):
        session_convene(actor=secretary, session=session, now=at(date(2027, 9, 1)))
    assert session_convene(actor=secretary, session=session, now=at(date(2027, 8, 31)))


def test_convocations_go_to_members_in_office_only(secretary, commune_a, council):
    member_leave(actor=secretary, member=council[5], left_on=date(2026, 12, 1), reason="resigned")
    session = ready(commune_a)
    convocations = session_convene(actor=secretary, session=session, now=at(date(2027, 1, 20)))
    assert council[5] not in {c.member for c in convocations}
    assert len(convocations) == 10


def test_a_convened_session_is_not_convened_again(secretary, commune_a, council):
    session = ready(commune_a)
    session_convene(actor=secretary, session=session, now=at(date(2027, 1, 20)))
    with pytest.raises(ValidationError):
        session_convene(actor=secretary, session=session, now=at(date(2027, 1, 21)))
    assert Convocation.objects.count() == 11


def test_convocation_denied(governor, other_secretary, citizen, commune_a, council):
    session = ready(commune_a)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        session_convene(actor=governor, session=session, now=at(date(2027, 1, 20)))
    with pytest.raises(Http404):
        session_convene(actor=other_secretary, session=session, now=at(date(2027, 1, 20)))
    with pytest.raises(Http404):
        session_convene(actor=citizen, session=session, now=at(date(2027, 1, 20)))
    assert snapshot() == before


# --- later calls (art. 42) ----------------------------------------------------------------------


def test_second_call_convenes_every_member_to_that_sitting(secretary, commune_a, council):
    session = SessionFactory(collectivity=commune_a, state="convened")
    first = SittingFactory(
        collectivity=commune_a, session=session, scheduled_at=at(FEB_1), state="no_quorum"
    )
    second = SittingFactory(
        collectivity=commune_a,
        session=session,
        call=2,
        previous=first,
        scheduled_at=at(date(2027, 2, 4)),
    )
    convocations = call_convene(actor=secretary, sitting=second, now=at(date(2027, 2, 1), 18))
    assert len(convocations) == 11
    assert {c.sitting for c in convocations} == {second}
    assert AuditEvent.objects.filter(action="council.call_convene").count() == 1


def test_a_call_is_convened_once(secretary, commune_a, council):
    session = SessionFactory(collectivity=commune_a, state="convened")
    first = SittingFactory(
        collectivity=commune_a, session=session, scheduled_at=at(FEB_1), state="no_quorum"
    )
    second = SittingFactory(
        collectivity=commune_a,
        session=session,
        call=2,
        previous=first,
        scheduled_at=at(date(2027, 2, 4)),
    )
    call_convene(actor=secretary, sitting=second, now=at(date(2027, 2, 1), 18))
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        call_convene(actor=secretary, sitting=second, now=at(date(2027, 2, 2), 9))
    assert exc.value.error_dict["__all__"][0].code == "already"
    assert snapshot() == before
    assert Convocation.objects.filter(sitting=second).count() == len(council)
    assert AuditEvent.objects.filter(action="council.call_convene").count() == 1


def test_call_convene_refuses_a_first_call_a_past_or_held_sitting(secretary, commune_a, council):
    session = SessionFactory(collectivity=commune_a, state="convened")
    first = SittingFactory(collectivity=commune_a, session=session, scheduled_at=at(FEB_1))
    second = SittingFactory(
        collectivity=commune_a, session=session, call=2, scheduled_at=at(date(2027, 2, 4))
    )
    held = SittingFactory(
        collectivity=commune_a,
        session=session,
        call=3,
        scheduled_at=at(date(2027, 2, 9)),
        state="open",
    )
    before = snapshot()
    with pytest.raises(ValidationError):
        call_convene(actor=secretary, sitting=first, now=at(date(2027, 1, 20)))
    with pytest.raises(ValidationError):
        call_convene(actor=secretary, sitting=second, now=at(date(2027, 2, 4), 11))
    with pytest.raises(ValidationError):
        call_convene(actor=secretary, sitting=held, now=at(date(2027, 2, 5)))
    assert snapshot() == before


def test_call_convene_denied_to_another_commune(other_secretary, commune_a):
    sitting = SittingFactory(collectivity=commune_a, call=2)
    with pytest.raises(Http404):
        call_convene(actor=other_secretary, sitting=sitting)


# --- closing ------------------------------------------------------------------------------------


def test_session_closes_unless_a_sitting_is_open(secretary, commune_a):
    session = SessionFactory(collectivity=commune_a, state="convened")
    sitting = SittingFactory(collectivity=commune_a, session=session, state="open")
    with pytest.raises(ValidationError):
        session_close(actor=secretary, session=session)
    assert Session.objects.get(pk=session.pk).state == "convened"
    sitting.state = "closed"
    sitting.save()
    closed = session_close(actor=secretary, session=session, now=at(date(2027, 2, 15), 18))
    assert (closed.state, closed.closed_at) == ("closed", at(date(2027, 2, 15), 18))
    with pytest.raises(ValidationError):
        session_close(actor=secretary, session=session)
    assert AuditEvent.objects.filter(action="council.session_close").count() == 1


def test_session_does_not_close_while_a_sitting_is_scheduled(secretary, commune_a):
    """A later call still to hold: the session's agenda would be left undecided."""
    session = SessionFactory(collectivity=commune_a, state="convened")
    SittingFactory(
        collectivity=commune_a, session=session, scheduled_at=at(FEB_1), state="no_quorum"
    )
    later = SittingFactory(
        collectivity=commune_a, session=session, call=2, scheduled_at=at(date(2027, 2, 4))
    )
    with pytest.raises(ValidationError) as exc:
        session_close(actor=secretary, session=session, now=at(date(2027, 2, 3), 18))
    assert exc.value.error_dict["__all__"][0].code == "scheduled"
    assert Session.objects.get(pk=session.pk).state == "convened"
    assert not AuditEvent.objects.filter(action="council.session_close").exists()
    later.state = "closed"
    later.save()
    closed = session_close(actor=secretary, session=session, now=at(date(2027, 2, 4), 18))
    assert closed.state == "closed"


def test_session_close_denied(governor, other_secretary, commune_a):
    session = SessionFactory(collectivity=commune_a, state="convened")
    with pytest.raises(PermissionDenied):
        session_close(actor=governor, session=session)
    with pytest.raises(Http404):
        session_close(actor=other_secretary, session=session)
    assert Session.objects.get(pk=session.pk).state == "convened"


def test_plan_is_not_limited_by_time_zone_edges(secretary, commune_a):
    # 23:30 in Casablanca on 31 January is still the 31st: opening on 1 February is allowed.
    assert plan(secretary, commune_a, now=at(date(2027, 1, 31), 23) + timedelta(minutes=30))


# --- through the back office (HTTP) -------------------------------------------------------------


def bo(name, node, lang="fr", **kwargs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_planning_through_the_back_office_says_why_and_writes_nothing(
    secretary, commune_a, staff_client, time_machine, lang
):
    time_machine.move_to(NOW, tick=False)
    client = staff_client(secretary)
    url = bo("session-create", commune_a, lang)
    response = client.post(url, {"opens_on": "2027-02-08", "closes_on": ""})
    assert response.status_code == 200
    assert (
        said(
            lang,
            "An ordinary session opens in the first week of the month, by the %(day)s (art. 33).",
            day=rules.ORDINARY_FIRST_WEEK_LAST_DAY.value,
        )
        in response.content.decode()
    )
    assert Session.objects.count() == 0
    response = client.post(url, {"opens_on": "2027-02-01", "closes_on": ""})
    assert response.status_code == 302
    assert Session.objects.get().closes_on == date(2027, 2, 15)


def test_planning_page_of_another_commune_is_not_found(other_secretary, commune_a, staff_client):
    client = staff_client(other_secretary)
    url = bo("session-create", commune_a)
    assert client.get(url).status_code == 404
    assert client.post(url, {"opens_on": "2027-02-01"}).status_code == 404
    assert Session.objects.count() == 0


def test_convening_too_late_through_the_back_office(
    secretary, commune_a, council, staff_client, time_machine
):
    session = ready(commune_a)
    time_machine.move_to(at(date(2027, 1, 23)), tick=False)
    client = staff_client(secretary)
    url = bo("session-act", commune_a, session_id=session.pk, action="convene")
    response = client.post(url, {})
    assert response.status_code == 200
    assert "22 January 2027" in response.content.decode() or "22 janvier 2027" in (
        response.content.decode()
    )
    assert Convocation.objects.count() == 0
    time_machine.move_to(at(date(2027, 1, 22)), tick=False)
    assert client.post(url, {}).status_code == 302
    assert Convocation.objects.filter(session=session).count() == 11
    assert Session.objects.get(pk=session.pk).state == "convened"


def test_convening_denied_through_the_back_office(
    governor, other_secretary, commune_a, council, staff_client
):
    session = ready(commune_a)
    url = bo("session-act", commune_a, session_id=session.pk, action="convene")
    assert staff_client(other_secretary).post(url, {}).status_code == 404
    assert staff_client(governor).post(url, {}).status_code == 403
    assert Convocation.objects.count() == 0
