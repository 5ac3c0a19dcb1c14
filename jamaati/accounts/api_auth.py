"""Bearer-token authentication for the API (django-ninja)."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from jamaati.accounts.selectors import api_token_get_usable
from jamaati.accounts.services import token_mark_used


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the owner of a usable token, set as request.user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_get_usable(token.strip())
        if api_token is None:
            return None
        user = api_token.user
        token_mark_used(actor=user, token=api_token)
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user
