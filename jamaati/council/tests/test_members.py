"""Members, committees and the absence flags (art. 67), through the services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jamaati.core.audit.models import AuditEvent
from jamaati.council.absences import absence_flags
from jamaati.council.models import Attendance, Committee, Member, Office
from jamaati.council.services.members import (
    committee_add,
    in_office,
    member_add,
    member_leave,
    member_update,
)
from jamaati.council.tests.factories import MemberFactory, SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db


def add(actor, collectivity, **overrides):
    data = {
        "first_name_ar": "يوسف",
        "last_name_ar": "العمراني",
        "first_name_fr": "Youssef",
        "last_name_fr": "Amrani",
        "mandate_start": date(2021, 9, 21),
    }
    data.update(overrides)
    return member_add(actor=actor, collectivity=collectivity, **data)


def counts():
    return Member.objects.count(), AuditEvent.objects.count()


def test_member_add_seats_and_audits(secretary, commune_a):
    before = AuditEvent.objects.count()
    member = add(secretary, commune_a, political_group="Groupe B", email="y@example.ma")
    assert member.collectivity == commune_a
    assert member.office == Office.MEMBER
    assert member.in_office_on(date(2026, 1, 1))
    event = AuditEvent.objects.get(action="council.member_add")
    assert event.object_id == str(member.pk)
    assert AuditEvent.objects.count() == before + 1


def test_member_add_refuses_missing_names_and_writes_nothing(secretary, commune_a):
    before = counts()
    with pytest.raises(ValidationError) as error:
        add(secretary, commune_a, last_name_fr="  ", email="not-an-email")
    assert "last_name_fr" in error.value.message_dict
    assert "email" in error.value.message_dict
    assert counts() == before


def test_second_president_refused_while_one_is_in_office(secretary, commune_a, council):
    before = counts()
    with pytest.raises(ValidationError) as error:
        add(secretary, commune_a, office=Office.PRESIDENT)
    assert "already has a President" in str(error.value)
    assert counts() == before


def test_new_president_allowed_once_the_first_left(secretary, commune_a, council):
    member_leave(actor=secretary, member=council[0], left_on=date(2026, 3, 1), reason="resigned")
    president = add(secretary, commune_a, office=Office.PRESIDENT, mandate_start=date(2026, 3, 1))
    assert president.office == Office.PRESIDENT


@pytest.mark.parametrize("office", [Office.SECRETARY, Office.DEPUTY_SECRETARY])
def test_one_secretary_and_one_deputy_at_a_time(secretary, commune_a, office):
    add(secretary, commune_a, office=office)
    with pytest.raises(ValidationError):
        add(secretary, commune_a, office=office, last_name_fr="Other")


def test_vice_presidents_ranks_are_unique_and_required(secretary, commune_a):
    first = add(secretary, commune_a, office=Office.VICE_PRESIDENT, office_rank=1)
    second = add(secretary, commune_a, office=Office.VICE_PRESIDENT, office_rank=2)
    assert (first.office_rank, second.office_rank) == (1, 2)
    with pytest.raises(ValidationError) as error:
        add(secretary, commune_a, office=Office.VICE_PRESIDENT, office_rank=2)
    assert "office_rank" in error.value.message_dict
    with pytest.raises(ValidationError):
        add(secretary, commune_a, office=Office.VICE_PRESIDENT, office_rank=0)
    with pytest.raises(ValidationError):
        add(secretary, commune_a, office=Office.VICE_PRESIDENT, office_rank="x")


def test_rank_is_ignored_outside_the_vice_presidency(secretary, commune_a):
    assert add(secretary, commune_a, office_rank=3).office_rank == 0


def test_member_add_denied_to_a_citizen_the_governor_and_another_commune(
    commune_a, citizen, governor, other_secretary, agent
):
    before = counts()
    with pytest.raises(Http404):
        add(citizen, commune_a)
    with pytest.raises(Http404):
        add(other_secretary, commune_a)
    with pytest.raises(PermissionDenied):
        add(governor, commune_a)
    with pytest.raises(PermissionDenied):
        add(agent, commune_a)
    assert counts() == before


def test_president_and_administrator_may_add(president_user, commune_a):
    assert add(president_user, commune_a).pk


def test_member_update_changes_and_audits(secretary, council):
    member = member_update(actor=secretary, member=council[3], email="new@example.ma")
    assert Member.objects.get(pk=member.pk).email == "new@example.ma"
    event = AuditEvent.objects.get(action="council.member_update")
    assert event.changes["email"][1] == "new@example.ma"


def test_member_update_keeps_the_office_rules(secretary, council):
    before = counts()
    with pytest.raises(ValidationError):
        member_update(actor=secretary, member=council[3], office=Office.PRESIDENT)
    with pytest.raises(ValidationError):
        member_update(actor=secretary, member=council[3], mandate_start="nonsense")
    with pytest.raises(ValidationError):
        member_update(actor=secretary, member=council[3], collectivity=None)
    assert Member.objects.get(pk=council[3].pk).office == Office.MEMBER
    assert counts() == before


def test_member_update_lets_the_president_keep_the_office(secretary, council):
    member = member_update(actor=secretary, member=council[0], political_group="Groupe C")
    assert member.office == Office.PRESIDENT


def test_member_update_denied_to_another_commune(other_secretary, council):
    with pytest.raises(Http404):
        member_update(actor=other_secretary, member=council[3], email="x@example.ma")


def test_member_leave_takes_the_member_out_of_office_from_that_day(secretary, commune_a, council):
    member_leave(actor=secretary, member=council[4], left_on=date(2026, 6, 1), reason="deceased")
    assert council[4] in in_office(commune_a, date(2026, 5, 31))
    assert council[4] not in in_office(commune_a, date(2026, 6, 1))
    assert in_office(commune_a, date(2026, 6, 1)).count() == 10
    assert AuditEvent.objects.filter(action="council.member_leave").count() == 1


def test_member_leave_refuses_bad_input_and_a_second_leave(secretary, council):
    with pytest.raises(ValidationError):
        member_leave(actor=secretary, member=council[4], left_on=date(2026, 6, 1), reason="x")
    with pytest.raises(ValidationError):
        member_leave(actor=secretary, member=council[4], left_on="soon", reason="resigned")
    with pytest.raises(ValidationError):
        member_leave(
            actor=secretary, member=council[4], left_on=date(2021, 9, 21), reason="resigned"
        )
    member_leave(actor=secretary, member=council[4], left_on=date(2026, 6, 1), reason="resigned")
    with pytest.raises(ValidationError):
        member_leave(
            actor=secretary, member=council[4], left_on=date(2026, 7, 1), reason="resigned"
        )


def test_member_leave_denied(governor, other_secretary, council):
    with pytest.raises(PermissionDenied):
        member_leave(actor=governor, member=council[4], left_on=date(2026, 6, 1), reason="removed")
    with pytest.raises(Http404):
        member_leave(
            actor=other_secretary, member=council[4], left_on=date(2026, 6, 1), reason="removed"
        )
    assert Member.objects.get(pk=council[4].pk).left_on is None


def test_committee_add_with_chair_and_members(secretary, commune_a, council):
    committee = committee_add(
        actor=secretary,
        collectivity=commune_a,
        name_ar="لجنة التعمير",
        name_fr="Commission de l'urbanisme",
        chair=council[2],
        members=council[3:6],
    )
    assert committee.chair == council[2]
    assert set(committee.members.all()) == {council[2], *council[3:6]}
    assert AuditEvent.objects.filter(action="council.committee_add").count() == 1


def test_committee_refuses_another_councils_member_and_a_missing_name(
    secretary, commune_a, council, council_b
):
    with pytest.raises(ValidationError):
        committee_add(
            actor=secretary, collectivity=commune_a, name_ar="ل", name_fr="C", chair=council_b[2]
        )
    with pytest.raises(ValidationError):
        committee_add(actor=secretary, collectivity=commune_a, name_ar="", name_fr="C")
    assert Committee.objects.count() == 0


def test_committee_denied_to_another_commune(other_secretary, commune_a):
    with pytest.raises(Http404):
        committee_add(actor=other_secretary, collectivity=commune_a, name_ar="ل", name_fr="C")


# --- absences (art. 67) ---------------------------------------------------------------------


def closed_sessions(collectivity, count, *, first=date(2022, 2, 1)):
    """`count` closed sessions, each with one held (closed) sitting."""
    sessions = []
    for n in range(count):
        opens = first + timedelta(days=120 * n)
        session = SessionFactory(
            collectivity=collectivity,
            state="closed",
            year=opens.year,
            month=opens.month,
            opens_on=opens,
            closes_on=opens + timedelta(days=14),
        )
        sitting = SittingFactory(collectivity=collectivity, session=session, state="closed")
        sessions.append((session, sitting))
    return sessions


def mark(sitting, members, presence):
    for member in members:
        Attendance.objects.create(
            collectivity=sitting.collectivity, sitting=sitting, member=member, presence=presence
        )


def test_three_consecutive_absent_sessions_flag_the_member(commune_a, council):
    sessions = closed_sessions(commune_a, 3)
    for _session, sitting in sessions:
        mark(sitting, council[:10], "present")
        mark(sitting, council[10:], "absent")
    flags = absence_flags(commune_a, today=date(2026, 11, 1))
    assert [(f.member, f.consecutive, f.total) for f in flags] == [(council[10], 3, 3)]


def test_two_absences_a_presence_and_two_absences_do_not_flag(commune_a, council):
    sessions = closed_sessions(commune_a, 5)
    for n, (_session, sitting) in enumerate(sessions):
        mark(sitting, council[:10], "present")
        mark(sitting, council[10:], "present" if n == 2 else "absent")
    assert absence_flags(commune_a, today=date(2026, 11, 1)) == []


def test_five_unexcused_absences_in_all_flag_the_member(commune_a, council):
    sessions = closed_sessions(commune_a, 9)
    for n, (_session, sitting) in enumerate(sessions):
        mark(sitting, council[:10], "present")
        mark(sitting, council[10:], "present" if n % 2 else "absent")  # 0 2 4 6 8: five
    flags = absence_flags(commune_a, today=date(2026, 11, 1))
    assert [(f.member, f.consecutive, f.total) for f in flags] == [(council[10], 1, 5)]


def test_four_unexcused_absences_in_all_do_not_flag(commune_a, council):
    sessions = closed_sessions(commune_a, 7)
    for n, (_session, sitting) in enumerate(sessions):
        mark(sitting, council[:10], "present")
        mark(sitting, council[10:], "present" if n % 2 else "absent")  # 0 2 4 6: four
    assert absence_flags(commune_a, today=date(2026, 11, 1)) == []


def test_excused_absences_and_one_present_sitting_of_a_session_are_not_absences(commune_a, council):
    sessions = closed_sessions(commune_a, 3)
    for n, (session, sitting) in enumerate(sessions):
        mark(sitting, council[:9], "present")
        mark(sitting, [council[9]], "excused")
        if n == 1:  # a second sitting of the session at which council[10] came
            mark(sitting, [council[10]], "absent")
            other = SittingFactory(collectivity=commune_a, session=session, state="closed")
            mark(other, [council[10]], "present")
        else:
            mark(sitting, [council[10]], "absent")
    assert absence_flags(commune_a, today=date(2026, 11, 1)) == []


def test_sessions_without_a_held_sitting_or_not_closed_do_not_count(commune_a, council):
    sessions = closed_sessions(commune_a, 3)
    for _session, sitting in sessions[:2]:
        mark(sitting, council[:10], "present")
        mark(sitting, council[10:], "absent")
    _last_session, last_sitting = sessions[2]
    last_sitting.state = "no_quorum"
    last_sitting.save()
    mark(last_sitting, council[10:], "absent")
    open_session = SessionFactory(collectivity=commune_a, opens_on=date(2026, 2, 2))
    open_sitting = SittingFactory(collectivity=commune_a, session=open_session, state="closed")
    mark(open_sitting, council[10:], "absent")
    assert absence_flags(commune_a, today=date(2026, 11, 1)) == []


def test_a_member_without_an_attendance_row_at_a_held_sitting_counts_as_absent(commune_a, council):
    for _session, sitting in closed_sessions(commune_a, 3):
        mark(sitting, council[:10], "present")
    assert [f.member for f in absence_flags(commune_a, today=date(2026, 11, 1))] == [council[10]]


def test_members_out_of_office_are_not_flagged_nor_counted_before_their_mandate(commune_a, council):
    sessions = closed_sessions(commune_a, 4)
    late = MemberFactory(collectivity=commune_a, mandate_start=date(2023, 1, 1))
    for _session, sitting in sessions:
        mark(sitting, council[:10], "present")
        mark(sitting, [council[10], late], "absent")
    council[10].left_on = date(2026, 1, 1)
    council[10].save()
    flags = absence_flags(commune_a, today=date(2026, 11, 1))
    # sessions open 2022-02-01, 2022-06-01, 2022-09-29, 2023-01-27: `late` sat at the last only
    assert flags == []
    assert absence_flags(commune_a, today=date(2025, 11, 1))[0].member == council[10]


def test_absence_flags_of_another_commune_are_separate(commune_a, commune_b, council, council_b):
    for _session, sitting in closed_sessions(commune_a, 3):
        mark(sitting, council[:10], "present")
        mark(sitting, council[10:], "absent")
    assert absence_flags(commune_b, today=date(2026, 11, 1)) == []
    assert len(absence_flags(commune_a, today=date(2026, 11, 1))) == 1


# --- through the back office (HTTP) -------------------------------------------------------------


def bo(name, node, lang="fr", **kwargs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"bo:{name}", kwargs={"code": node.code, **kwargs})


MEMBER_FORM = {
    "first_name_ar": "يوسف",
    "last_name_ar": "العمراني",
    "first_name_fr": "Youssef",
    "last_name_fr": "Amrani",
    "sex": "M",
    "political_group": "",
    "office": "president",
    "office_rank": "0",
    "mandate_start": "2021-09-21",
    "email": "",
    "phone": "",
}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_second_president_through_the_back_office_is_refused(
    secretary, commune_a, council, staff_client, lang
):
    client = staff_client(secretary)
    before = counts()
    response = client.post(bo("member-create", commune_a, lang), MEMBER_FORM)
    assert response.status_code == 200
    assert Member.objects.count() == before[0]
    assert AuditEvent.objects.count() == before[1]
    response = client.post(
        bo("member-create", commune_a, lang), {**MEMBER_FORM, "office": "member"}
    )
    assert response.status_code == 302
    assert Member.objects.filter(last_name_fr="Amrani").count() == 1


def test_member_pages_of_another_commune_are_not_found(
    other_secretary, citizen, commune_a, council, staff_client
):
    client = staff_client(other_secretary)
    assert client.post(bo("member-create", commune_a), MEMBER_FORM).status_code == 404
    assert client.get(bo("member-detail", commune_a, member_id=council[3].pk)).status_code == 404
    assert Member.objects.filter(last_name_fr="Amrani").count() == 0


def test_in_office_lists_the_bureau_in_its_order_then_the_members(secretary, commune_a, council):
    second = add(secretary, commune_a, office=Office.VICE_PRESIDENT, office_rank=2)
    first = add(secretary, commune_a, office=Office.VICE_PRESIDENT, office_rank=1)
    listed = list(in_office(commune_a, date(2026, 1, 1)))
    assert listed[:4] == [council[0], first, second, council[1]]
    assert {m.office for m in listed[4:]} == {Office.MEMBER}
