"""The signed-in person's own data, for API clients holding a token."""

from django.http import HttpRequest
from ninja import Router, Schema

from jamaati.accounts.api_auth import TokenAuth
from jamaati.accounts.selectors import own_membership_list_for

router = Router(auth=TokenAuth())


class MembershipOut(Schema):
    role: str
    collectivity: str


class MeOut(Schema):
    username: str
    display_name: str
    memberships: list[MembershipOut]


@router.get("", response=MeOut, summary="The token's owner")
def me_api(request: HttpRequest) -> dict:
    """User name, display name and active roles (role, collectivity HCP code) of the caller."""
    user = request.auth
    return {
        "username": user.get_username(),
        "display_name": user.display_name,
        "memberships": [
            {"role": m.role, "collectivity": m.collectivity.code}
            for m in own_membership_list_for(user)
        ],
    }
