from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jamaati.accounts.models import ApiToken
from jamaati.accounts.tests.factories import CitizenFactory
from jamaati.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_token_prints_only_a_working_token_when_user_exists(client):
    user = CitizenFactory()
    printed = _run("create_token", user.username, "--name", "ci")
    plaintext = printed.strip()
    assert printed == plaintext + "\n"
    assert " " not in plaintext
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.prefix) == ("ci", plaintext[:8])
    response = client.get("/api/v1/me", headers={"authorization": f"Bearer {plaintext}"})
    assert response.status_code == 200
    assert response.json()["username"] == user.username
    assert AuditEvent.objects.get(action="accounts.token_create").actor_label == (
        "manage.py create_token"
    )


def test_revoke_token_stops_the_token_when_prefix_matches(client):
    user = CitizenFactory()
    plaintext = _run("create_token", user.username).strip()

    _run("revoke_token", plaintext[:8])

    assert (
        client.get("/api/v1/me", headers={"authorization": f"Bearer {plaintext}"}).status_code
        == 401
    )
    assert AuditEvent.objects.filter(action="accounts.token_revoke").count() == 1
    with pytest.raises(CommandError):
        _run("revoke_token", plaintext[:8])


def test_create_token_fails_clearly_when_user_is_unknown():
    with pytest.raises(CommandError):
        _run("create_token", "nobody-here")
