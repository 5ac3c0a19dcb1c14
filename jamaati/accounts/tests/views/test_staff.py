import re

import pytest
from django.core import mail
from django.test import Client

from jamaati.accounts.tests.factories import MembershipFactory, StaffFactory, verified_login
from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.audit.models import AuditEvent
from jamaati.core.tenancy.models import Collectivity

pytestmark = pytest.mark.django_db


def _new_staff(**overrides):
    data = {
        "first_name": "Omar",
        "last_name": "Berrada",
        "username": "omar.berrada",
        "email": "omar.berrada@example.ma",
        "phone": "",
        "role": Role.AGENT,
        "collectivity": "07.427.01.01",
    }
    data.update(overrides)
    return data


def test_staff_list_shows_the_subtree_when_actor_is_admin(staff_client, commune_a, commune_b):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    colleague = StaffFactory(collectivity=commune_a, role=Role.AGENT, last_name="Colleague")
    StaffFactory(collectivity=commune_b, role=Role.AGENT, username="elsewhere.agent")
    response = staff_client(admin).get(f"/fr/bo/{commune_a.code}/staff/")
    html = response.content.decode()
    assert response.status_code == 200
    assert colleague.username in html
    assert "elsewhere.agent" not in html
    assert f"/fr/bo/{commune_a.code}/staff/new/" in html


def test_staff_list_is_forbidden_when_actor_is_an_agent(staff_client, commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    assert staff_client(agent).get(f"/fr/bo/{commune_a.code}/staff/").status_code == 403


def test_staff_create_page_creates_account_when_admin_posts_in_subtree(
    staff_client, commune_a, django_capture_on_commit_callbacks
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    client = staff_client(admin)
    page = client.get(f"/fr/bo/{commune_a.code}/staff/new/")
    assert page.status_code == 200
    assert Role.NATIONAL_ADMIN.value not in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/fr/bo/{commune_a.code}/staff/new/", _new_staff())

    membership = Membership.objects.get(user__username="omar.berrada")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/bo/{commune_a.code}/staff/{membership.pk}/"
    assert membership.collectivity == commune_a
    assert membership.created_by == admin
    assert len(mail.outbox) == 1
    assert client.get(response["Location"]).status_code == 200


def test_staff_create_is_forbidden_when_actor_is_an_agent(staff_client, commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    client = staff_client(agent)
    assert client.get(f"/fr/bo/{commune_a.code}/staff/new/").status_code == 403
    assert client.post(f"/fr/bo/{commune_a.code}/staff/new/", _new_staff()).status_code == 403
    assert not Membership.objects.filter(user__username="omar.berrada").exists()


def test_staff_create_is_not_found_when_admin_is_of_another_commune(
    staff_client, commune_a, commune_b
):
    admin_b = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    response = staff_client(admin_b).post(f"/fr/bo/{commune_a.code}/staff/new/", _new_staff())
    assert response.status_code == 404
    assert not Membership.objects.filter(user__username="omar.berrada").exists()


def test_staff_create_rejects_target_when_it_is_outside_the_subtree(
    staff_client, commune_a, commune_b
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    response = staff_client(admin).post(
        f"/fr/bo/{commune_a.code}/staff/new/", _new_staff(collectivity=commune_b.code)
    )
    assert response.status_code == 200
    assert 'href="#id_collectivity"' in response.content.decode()
    assert not Membership.objects.filter(user__username="omar.berrada").exists()


def test_staff_create_rejects_national_admin_role_when_actor_is_collectivity_admin(
    staff_client, commune_a
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    response = staff_client(admin).post(
        f"/fr/bo/{commune_a.code}/staff/new/", _new_staff(role=Role.NATIONAL_ADMIN)
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("role")
    assert not Membership.objects.filter(role=Role.NATIONAL_ADMIN, collectivity=commune_a).exists()


def test_staff_create_uses_a_code_field_when_the_subtree_is_large(staff_client, commune_a):
    national = StaffFactory(
        collectivity=Collectivity.objects.get(code="MA"), role=Role.NATIONAL_ADMIN
    )
    client = staff_client(national)
    page = client.get("/fr/bo/MA/staff/new/")
    assert '<input type="text" name="collectivity"' in page.content.decode()
    response = client.post(
        "/fr/bo/MA/staff/new/", _new_staff(role=Role.NATIONAL_ADMIN, collectivity="MA")
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="omar.berrada").role == Role.NATIONAL_ADMIN


def test_membership_detail_is_not_found_when_membership_is_in_another_commune(
    staff_client, commune_a, commune_b
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    elsewhere = MembershipFactory(collectivity=commune_b)
    client = staff_client(admin)
    assert client.get(f"/fr/bo/{commune_a.code}/staff/{elsewhere.pk}/").status_code == 404
    missing = client.get(f"/fr/bo/{commune_a.code}/staff/999999999/")
    assert missing.status_code == 404


def test_membership_revoke_works_when_admin_confirms(staff_client, commune_a):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    membership = MembershipFactory(collectivity=commune_a)
    client = staff_client(admin)
    url = f"/fr/bo/{commune_a.code}/staff/{membership.pk}/revoke/"
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert AuditEvent.objects.filter(action="accounts.membership_revoke").count() == 1


def test_membership_revoke_is_forbidden_when_actor_is_an_agent(staff_client, commune_a):
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    membership = MembershipFactory(collectivity=commune_a)
    response = staff_client(agent).post(f"/fr/bo/{commune_a.code}/staff/{membership.pk}/revoke/")
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.is_active


def test_membership_revoke_is_not_found_when_admin_is_of_another_commune(
    staff_client, commune_a, commune_b
):
    admin_b = StaffFactory(collectivity=commune_b, role=Role.COLLECTIVITY_ADMIN)
    membership = MembershipFactory(collectivity=commune_a)
    response = staff_client(admin_b).post(f"/fr/bo/{commune_b.code}/staff/{membership.pk}/revoke/")
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.is_active


def test_invited_staff_sets_password_then_must_enrol_when_following_the_email(
    client, staff_client, commune_a, django_capture_on_commit_callbacks
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client(admin).post(f"/fr/bo/{commune_a.code}/staff/new/", _new_staff())
    staff_client(admin).post("/fr/accounts/logout/")
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)

    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Sel-Et-Cumin-2026", "new_password2": "Sel-Et-Cumin-2026"},
    )
    response = client.post(
        "/fr/accounts/login/", {"username": "omar.berrada", "password": "Sel-Et-Cumin-2026"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/otp/enrol/")
    user = Membership.objects.get(user__username="omar.berrada").user
    assert user.is_email_verified
    # The set-password link proved the email: the QR code shows with no second email.
    sent = len(mail.outbox)
    assert "qr-code" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == sent


def test_reset_second_factor_sends_the_person_to_enrolment_when_admin_confirms(
    staff_client, commune_a
):
    admin = StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)
    agent = StaffFactory(collectivity=commune_a, role=Role.AGENT)
    agent_client = Client()
    verified_login(agent_client, agent)
    assert agent_client.get(f"/fr/bo/{commune_a.code}/").status_code == 200
    url = f"/fr/bo/{commune_a.code}/staff/{agent.memberships.get().pk}/second-factor/reset/"

    assert staff_client(admin).get(url).status_code == 200
    assert staff_client(admin).post(url).status_code == 302

    blocked = agent_client.get(f"/fr/bo/{commune_a.code}/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/fr/accounts/otp/enrol/")
