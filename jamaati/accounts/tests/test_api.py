import pytest

from jamaati.accounts.models import ApiToken
from jamaati.accounts.services import token_create, token_revoke
from jamaati.accounts.tests.factories import CitizenFactory, StaffFactory
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def test_me_returns_the_owner_and_roles_when_token_is_valid(client, commune_a):
    user = StaffFactory(
        collectivity=commune_a, role=Role.AGENT, first_name="Salma", last_name="Tazi"
    )
    token, plaintext = token_create(actor=user, user=user, name="test")

    response = client.get(ME, headers={"authorization": f"Bearer {plaintext}"})

    assert response.status_code == 200
    assert response.json() == {
        "username": user.username,
        "display_name": "Salma Tazi",
        "memberships": [{"role": "agent", "collectivity": commune_a.code}],
    }
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_me_touches_last_used_at_at_most_once_a_minute_when_called_often(client, time_machine):
    time_machine.move_to("2026-03-01T10:00:00+00:00", tick=False)
    user = CitizenFactory()
    token, plaintext = token_create(actor=user, user=user, name="test")
    headers = {"authorization": f"Bearer {plaintext}"}

    client.get(ME, headers=headers)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    time_machine.shift(30)
    client.get(ME, headers=headers)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    time_machine.shift(31)
    client.get(ME, headers=headers)
    assert (ApiToken.objects.get(pk=token.pk).last_used_at - first).total_seconds() == 61


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic abc", "Bearer "])
def test_me_answers_401_json_when_token_is_missing_or_wrong(client, header):
    headers = {"authorization": header} if header else {}
    response = client.get(ME, headers=headers)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_me_answers_401_when_token_is_revoked_or_user_disabled(client):
    user = CitizenFactory()
    token, plaintext = token_create(actor=user, user=user, name="test")
    other = CitizenFactory()
    _t, other_plain = token_create(actor=other, user=other, name="test")
    token_revoke(actor=user, token=token)
    other.is_active = False
    other.save()
    assert client.get(ME, headers={"authorization": f"Bearer {plaintext}"}).status_code == 401
    assert client.get(ME, headers={"authorization": f"Bearer {other_plain}"}).status_code == 401
