"""The governor's control (art. 117-118): opposition within 3 working days, the visa given or
refused within 20 days, and the silence applied by the daily sweep (`run_deadlines`)."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.deadlines.models import Deadline
from jamaati.core.deadlines.selectors import deadline_open_of
from jamaati.council import rules
from jamaati.council.models import AgendaItem
from jamaati.council.services.decisions import (
    decision_give_visa,
    decision_oppose,
    decision_refuse_visa,
    decision_transmit,
)
from jamaati.council.services.sessions import session_plan
from jamaati.council.tests.factories import SessionFactory
from jamaati.council.tests.test_decisions import DAY, adopt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_sitting_day(time_machine):
    """Today is the sitting's day (1 February 2027): the transmission and the governor's
    control happen on or after it; the sweeps travel further."""
    time_machine.move_to(DAY, tick=False)


def transmitted(secretary, council, *, visa: bool):
    decision = adopt(secretary, council, subject="budget" if visa else "other", needs_visa=visa)
    with time_machine.travel(DAY, tick=False):
        decision_transmit(actor=secretary, decision=decision, now=DAY)
    decision.refresh_from_db()
    return decision


def sweep(day):
    """The daily sweep, run on the morning of `day`."""
    moment = timezone.make_aware(datetime.combine(day, time(2, 0)))
    with time_machine.travel(moment, tick=False):
        call_command("run_deadlines", verbosity=0)


# --- opposition ---


def test_opposition_within_the_window(secretary, council, governor):
    decision = transmitted(secretary, council, visa=False)
    decision_oppose(actor=governor, decision=decision, reasons="Illégalité", now=DAY)
    decision.refresh_from_db()
    assert decision.state == "opposed"
    assert decision.governor_reasons == "Illégalité"
    assert decision.governor_decided_at == DAY
    assert deadline_open_of(decision, "opposition") is None
    assert AuditEvent.objects.filter(action="council.decision_oppose").exists()


def test_opposed_decision_joins_the_planned_sessions_agenda_at_once(
    secretary, council, governor, commune_a
):
    """Opposed while the next ordinary session is planned with its agenda unsent: the new
    deliberation (art. 117) goes on that session's agenda at once, with the governor's reasons."""
    may = SessionFactory(
        collectivity=commune_a, opens_on=date(2027, 5, 3), closes_on=date(2027, 5, 17), month=5
    )
    decision = transmitted(secretary, council, visa=False)
    assert not may.items.exists()
    decision_oppose(actor=governor, decision=decision, reasons="Illégalité", now=DAY)
    item = AgendaItem.objects.get(redeliberation_of=decision)
    assert (item.session, item.origin, item.position) == (may, "redeliberation", 1)
    assert (item.subject, item.title_fr, item.description) == (
        decision.subject,
        decision.title_fr,
        "Illégalité",
    )
    assert item.added_on == DAY.date()


def test_opposed_decision_waits_when_the_agenda_is_sent(secretary, council, governor, commune_a):
    """The next session's agenda already with the governor: the session planned after it
    carries the new deliberation."""
    may = SessionFactory(
        collectivity=commune_a,
        opens_on=date(2027, 5, 3),
        closes_on=date(2027, 5, 17),
        month=5,
        agenda_sent_on=date(2027, 2, 1),
    )
    decision = transmitted(secretary, council, visa=False)
    decision_oppose(actor=governor, decision=decision, reasons="Illégalité", now=DAY)
    assert not AgendaItem.objects.filter(redeliberation_of=decision).exists()
    assert not may.items.exists()
    october = session_plan(
        actor=secretary, collectivity=commune_a, opens_on=date(2027, 10, 1), now=DAY
    )
    assert list(october.items.values_list("redeliberation_of", flat=True)) == [decision.pk]


def test_opposition_needs_reasons(secretary, council, governor):
    decision = transmitted(secretary, council, visa=False)
    for reasons in ("", "   ", None):
        with pytest.raises(ValidationError) as exc:
            decision_oppose(actor=governor, decision=decision, reasons=reasons)
        assert "reasons" in exc.value.message_dict
    decision.refresh_from_db()
    assert decision.state == "transmitted"


def test_opposition_of_a_decision_awaiting_the_visa(secretary, council, governor):
    decision = transmitted(secretary, council, visa=True)
    decision_oppose(actor=governor, decision=decision, reasons="Motifs")
    decision.refresh_from_db()
    assert decision.state == "opposed"
    assert deadline_open_of(decision, "visa") is None
    assert deadline_open_of(decision, "opposition_window") is None


def test_silence_for_three_working_days_makes_it_executory(secretary, council, governor):
    decision = transmitted(secretary, council, visa=False)
    due = deadline_open_of(decision, "opposition").due_on
    sweep(due)  # the due day is still within the delay
    decision.refresh_from_db()
    assert decision.state == "transmitted"
    sweep(due + timedelta(days=1))
    decision.refresh_from_db()
    assert decision.state == "executory"
    assert Deadline.objects.of(decision).get(kind="opposition").status == "expired"
    # The governor can no longer oppose.
    with pytest.raises(ValidationError):
        decision_oppose(actor=governor, decision=decision, reasons="Trop tard")
    decision.refresh_from_db()
    assert decision.state == "executory"
    assert decision.governor_reasons == ""


def test_opposition_after_the_window_of_a_visa_decision_is_refused(secretary, council, governor):
    decision = transmitted(secretary, council, visa=True)
    due = deadline_open_of(decision, "opposition_window").due_on
    sweep(due + timedelta(days=1))
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"  # the window closes, the visa still decides
    with pytest.raises(ValidationError) as exc:
        decision_oppose(actor=governor, decision=decision, reasons="Trop tard")
    assert "art. 117" in str(exc.value)
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"
    decision_give_visa(actor=governor, decision=decision)
    decision.refresh_from_db()
    assert decision.state == "visa_given"


# --- the visa ---


def test_give_visa(secretary, council, governor):
    decision = transmitted(secretary, council, visa=True)
    decision_give_visa(actor=governor, decision=decision, now=DAY)
    decision.refresh_from_db()
    assert decision.state == "visa_given"
    assert decision.governor_decided_at == DAY
    assert deadline_open_of(decision, "visa") is None
    assert Deadline.objects.of(decision).get(kind="visa").status == "stopped"


def test_refuse_visa_needs_reasons(secretary, council, governor):
    decision = transmitted(secretary, council, visa=True)
    with pytest.raises(ValidationError):
        decision_refuse_visa(actor=governor, decision=decision, reasons=" ")
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"
    decision_refuse_visa(actor=governor, decision=decision, reasons="Budget déséquilibré")
    decision.refresh_from_db()
    assert decision.state == "visa_refused"
    assert decision.governor_reasons == "Budget déséquilibré"


def test_visa_on_a_decision_without_visa_is_refused(secretary, council, governor):
    decision = transmitted(secretary, council, visa=False)
    with pytest.raises(ValidationError):
        decision_give_visa(actor=governor, decision=decision)
    with pytest.raises(ValidationError):
        decision_refuse_visa(actor=governor, decision=decision, reasons="x")
    decision.refresh_from_db()
    assert decision.state == "transmitted"


def test_silence_for_twenty_days_is_the_visa(secretary, council, governor):
    decision = transmitted(secretary, council, visa=True)
    clock = deadline_open_of(decision, "visa")
    assert clock.days == rules.VISA.value
    assert clock.due_on >= DAY.date() + timedelta(days=20)
    sweep(clock.due_on)
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"
    sweep(clock.due_on + timedelta(days=1))
    decision.refresh_from_db()
    assert decision.state == "visa_deemed"
    clock.refresh_from_db()
    assert clock.status == "expired"
    # The governor can no longer act.
    with pytest.raises(ValidationError):
        decision_give_visa(actor=governor, decision=decision)
    with pytest.raises(ValidationError):
        decision_refuse_visa(actor=governor, decision=decision, reasons="Trop tard")
    with pytest.raises(ValidationError):
        decision_oppose(actor=governor, decision=decision, reasons="Trop tard")
    decision.refresh_from_db()
    assert decision.state == "visa_deemed"


def test_the_visa_after_the_twenty_days_is_refused_before_the_sweep(secretary, council, governor):
    """The visa's due day passed and the sweep not yet run: the governor's silence already
    counts as the visa (art. 118); neither visa nor refusal is recorded. On the due day itself
    the governor still decides."""
    decision = transmitted(secretary, council, visa=True)
    due = deadline_open_of(decision, "visa").due_on
    late = timezone.make_aware(datetime.combine(due + timedelta(days=1), time(9, 0)))
    before = AuditEvent.objects.count()
    with time_machine.travel(late, tick=False):
        with pytest.raises(ValidationError) as exc:
            decision_give_visa(actor=governor, decision=decision)
        assert "art. 118" in exc.value.message_dict["reasons"][0]
        with pytest.raises(ValidationError) as exc:
            decision_refuse_visa(actor=governor, decision=decision, reasons="Trop tard")
        assert "art. 118" in exc.value.message_dict["reasons"][0]
        # Someone else still hears "not yours", not the law's answer.
        with pytest.raises(PermissionDenied):
            decision_give_visa(actor=secretary, decision=decision)
    decision.refresh_from_db()
    assert (decision.state, decision.governor_decided_at) == ("awaiting_visa", None)
    assert AuditEvent.objects.count() == before
    on_due = timezone.make_aware(datetime.combine(due, time(17, 0)))
    with time_machine.travel(on_due, tick=False):
        decision_refuse_visa(actor=governor, decision=decision, reasons="Budget déséquilibré")
    decision.refresh_from_db()
    assert decision.state == "visa_refused"


def test_the_visa_on_its_due_day_is_given(secretary, council, governor):
    decision = transmitted(secretary, council, visa=True)
    due = deadline_open_of(decision, "visa").due_on
    on_due = timezone.make_aware(datetime.combine(due, time(23, 30)))
    with time_machine.travel(on_due, tick=False):
        decision_give_visa(actor=governor, decision=decision)
    decision.refresh_from_db()
    assert decision.state == "visa_given"


def test_control_is_the_governors(secretary, council, president_user, agent):
    decision = transmitted(secretary, council, visa=True)
    for actor in (secretary, president_user, agent):
        with pytest.raises(PermissionDenied):
            decision_give_visa(actor=actor, decision=decision)
        with pytest.raises(PermissionDenied):
            decision_oppose(actor=actor, decision=decision, reasons="x")
        with pytest.raises(PermissionDenied):
            decision_refuse_visa(actor=actor, decision=decision, reasons="x")
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"


def test_another_provinces_governor_cannot_reach(secretary, council, commune_b):
    from jamaati.core.tenancy.models import Collectivity

    other_governor = StaffFactory(
        collectivity=Collectivity.objects.get(pk=commune_b.parent_id),
        role=Role.SUPERVISOR,
        password=None,
    )
    decision = transmitted(secretary, council, visa=True)
    with pytest.raises(Http404):
        decision_give_visa(actor=other_governor, decision=decision)
    with pytest.raises(Http404):
        decision_oppose(actor=other_governor, decision=decision, reasons="x")
    with pytest.raises(Http404):  # even with the reasons missing: nothing is disclosed
        decision_oppose(actor=other_governor, decision=decision, reasons="")
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"


# --- who hears of it ---


def test_the_governor_hears_of_the_transmission_and_the_secretariat_of_the_answer(
    secretary, council, governor, president_user, django_capture_on_commit_callbacks
):
    decision = adopt(secretary, council, subject="budget", needs_visa=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision_transmit(actor=secretary, decision=decision)
    assert [m.to for m in mail.outbox] == [[governor.email]]
    assert decision.number in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision_refuse_visa(actor=governor, decision=decision, reasons="Budget déséquilibré")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([secretary.email, president_user.email])
    assert "Budget déséquilibré" in mail.outbox[0].body


def test_the_secretariat_hears_of_the_deemed_visa(
    secretary, council, governor, django_capture_on_commit_callbacks
):
    decision = transmitted(secretary, council, visa=True)
    due = deadline_open_of(decision, "visa").due_on
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sweep(due + timedelta(days=1))
    assert [m.to for m in mail.outbox] == [[secretary.email]]
    assert decision.number in mail.outbox[0].subject


# --- through HTTP ---


def test_http_opposition(secretary, council, governor, staff_client):
    from jamaati.council.tests.test_sittings import bo_url

    decision = transmitted(secretary, council, visa=False)
    url = bo_url("decision-act", decision.collectivity, decision_id=decision.pk, action="oppose")
    client = staff_client(governor)
    response = client.post(url, {"oppose-reasons": ""})
    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.state == "transmitted"
    assert client.post(url, {"oppose-reasons": "Illégalité"}).status_code == 302
    decision.refresh_from_db()
    assert decision.state == "opposed"


def test_http_control_denied_and_other_province(secretary, council, commune_b, client):
    from jamaati.accounts.tests.factories import verified_login
    from jamaati.core.tenancy.models import Collectivity
    from jamaati.council.tests.test_sittings import bo_url

    decision = transmitted(secretary, council, visa=True)
    url = bo_url("decision-act", decision.collectivity, decision_id=decision.pk, action="give_visa")
    verified_login(client, secretary)
    assert client.post(url, {}).status_code == 403
    client.logout()
    other_governor = StaffFactory(
        collectivity=Collectivity.objects.get(pk=commune_b.parent_id),
        role=Role.SUPERVISOR,
        password=None,
    )
    verified_login(client, other_governor)
    assert client.post(url, {}).status_code == 404
    decision.refresh_from_db()
    assert decision.state == "awaiting_visa"


def test_the_secretariat_is_reminded_before_a_due_day(secretary, council, governor):
    from jamaati.core.deadlines.sweep import send_due_reminders

    decision = adopt(secretary, council)
    posting = deadline_open_of(decision, "posting")
    mail.outbox.clear()
    send_due_reminders(today=posting.due_on - timedelta(days=posting.remind_days + 1))
    assert mail.outbox == []  # not yet
    send_due_reminders(today=posting.due_on - timedelta(days=posting.remind_days))
    to_secretary = [m for m in mail.outbox if m.to == [secretary.email]]
    assert to_secretary
    assert posting.due_on.isoformat() in to_secretary[0].subject
    assert all(m.to != [governor.email] for m in mail.outbox)
