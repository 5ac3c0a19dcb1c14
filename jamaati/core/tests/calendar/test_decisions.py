from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import verify_chain
from jamaati.core.audit.models import AuditEvent
from jamaati.core.calendar import add_working_days, holidays_of_year, on_holidays_changed
from jamaati.core.calendar.holidays import _CALLBACKS
from jamaati.core.calendar.models import HolidayDecision
from jamaati.core.calendar.services import holiday_add, holiday_confirm, holiday_move
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def dgct(django_user_model):
    user = django_user_model.objects.create_user(username="dgct-test", password="x" * 12)
    Membership.objects.create(
        user=user, collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN
    )
    return user


@pytest.fixture
def changes():
    seen = []
    callback = on_holidays_changed(seen.append)
    yield seen
    _CALLBACKS.remove(callback)


def _eid_al_fitr_1(year=2026):
    return next(h for h in holidays_of_year(year) if h.key == "eid-al-fitr-1")


def test_the_package_marks_islamic_holidays_as_estimated():
    eid = _eid_al_fitr_1()
    assert eid.is_estimated
    assert eid.name_fr
    assert eid.name_ar == "عيد الفطر"
    assert not next(h for h in holidays_of_year(2026) if h.key == "throne-day-1").is_estimated


def test_moving_an_estimated_holiday_changes_the_working_days(dgct, changes):
    # Estimated Fri 20 March 2026; announced (in this test) as Mon 23 March.
    assert add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 23)

    holiday_move(actor=dgct, year=2026, key="eid-al-fitr-1", day=date(2026, 3, 23))

    # The feast's second day (estimated Sat 21 March) follows to Tue 24 March.
    assert add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 20)
    assert add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 25)
    assert changes == [
        {date(2026, 3, 20), date(2026, 3, 23)},
        {date(2026, 3, 21), date(2026, 3, 24)},
    ]
    second = next(h for h in holidays_of_year(2026) if h.key == "eid-al-fitr-2")
    assert (second.day, second.decision) == (date(2026, 3, 24), "move")
    moved = _eid_al_fitr_1()
    assert (moved.day, moved.library_day, moved.is_estimated) == (
        date(2026, 3, 23),
        date(2026, 3, 20),
        False,
    )


def test_moving_a_later_day_of_a_feast_leaves_the_first_day(dgct):
    holiday_move(actor=dgct, year=2026, key="eid-al-adha-2", day=date(2026, 5, 29))
    days = {h.key: h.day for h in holidays_of_year(2026)}
    assert (days["eid-al-adha-1"], days["eid-al-adha-2"]) == (date(2026, 5, 27), date(2026, 5, 29))


def test_a_separately_decided_second_day_is_not_carried(dgct):
    holiday_confirm(actor=dgct, year=2026, key="eid-al-adha-2")
    holiday_move(actor=dgct, year=2026, key="eid-al-adha-1", day=date(2026, 5, 26))
    days = {h.key: h.day for h in holidays_of_year(2026)}
    assert (days["eid-al-adha-1"], days["eid-al-adha-2"]) == (date(2026, 5, 26), date(2026, 5, 28))


def test_a_decision_is_audited_on_the_national_chain(dgct):
    holiday_move(actor=dgct, year=2026, key="eid-al-fitr-2", day=date(2026, 3, 22))
    event = AuditEvent.objects.filter(action="calendar.holiday_move").get()
    assert event.collectivity.code == "MA"
    assert event.changes["day"] == ["2026-03-21", "2026-03-22"]
    assert verify_chain(event.collectivity) is None


def test_confirming_keeps_the_date_and_removes_the_estimate(dgct, changes):
    holiday_confirm(actor=dgct, year=2026, key="eid-al-fitr-1")
    eid = _eid_al_fitr_1()
    assert (eid.day, eid.is_estimated, eid.decision) == (date(2026, 3, 20), False, "confirm")
    assert changes == []


def test_an_added_day_off_needs_its_legal_basis(dgct, changes):
    with pytest.raises(ValidationError):
        holiday_add(
            actor=dgct, day=date(2026, 12, 1), name_ar="عطلة", name_fr="Congé", legal_basis=""
        )
    assert not HolidayDecision.objects.exists()
    holiday_add(
        actor=dgct,
        day=date(2026, 12, 1),
        name_ar="عطلة استثنائية",
        name_fr="Congé exceptionnel",
        legal_basis="Décret n° 2.26.000 (exemple)",
    )
    assert add_working_days(date(2026, 11, 30), 1) == date(2026, 12, 2)
    assert changes == [{date(2026, 12, 1)}]


@pytest.mark.parametrize(
    ("key", "day"),
    [
        ("throne-day-1", date(2026, 7, 31)),  # fixed by law, not estimated
        ("eid-al-fitr-1", date(2027, 3, 20)),  # another year
        ("eid-al-fitr-1", date(2026, 4, 20)),  # a month away from the estimate
        ("no-such-holiday-1", date(2026, 3, 20)),
    ],
)
def test_impossible_moves_are_refused_and_change_nothing(dgct, key, day):
    with pytest.raises(ValidationError):
        holiday_move(actor=dgct, year=2026, key=key, day=day)
    assert not HolidayDecision.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="calendar.").exists()


def test_only_the_national_administration_decides_holidays(django_user_model):
    governor = django_user_model.objects.create_user(username="wali", password="x" * 12)
    Membership.objects.create(
        user=governor, collectivity=Collectivity.objects.get(code="07"), role=Role.SUPERVISOR
    )
    with pytest.raises(Http404):  # the country node is outside a governor's reach
        holiday_move(actor=governor, year=2026, key="eid-al-fitr-1", day=date(2026, 3, 21))
    assert not HolidayDecision.objects.exists()


def test_a_national_admin_who_is_not_dgct_role_is_denied_with_403(django_user_model):
    clerk = django_user_model.objects.create_user(username="clerk-ma", password="x" * 12)
    Membership.objects.create(
        user=clerk, collectivity=Collectivity.objects.get(code="MA"), role=Role.AUDITOR
    )
    with pytest.raises(PermissionDenied):
        holiday_confirm(actor=clerk, year=2026, key="eid-al-fitr-1")
