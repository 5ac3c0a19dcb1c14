"""No back-office page without a second factor.

Every view resolved in the `bo` URL namespace, and the collectivity chooser `web:bo-choose`,
is reached only by a signed-in staff member whose session passed the TOTP check. The rule
is on the namespace, so pages added later are covered without being listed here.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from jamaati.accounts.selectors import totp_device_confirmed_for
from jamaati.core.access.actors import is_staff_member

PROTECTED_NAMESPACES = frozenset({"bo"})
PROTECTED_VIEW_NAMES = frozenset({"web:bo-choose"})


def second_factor_url(user: Any, next_url: str = "") -> str:
    """Where a staff member proves the second factor: the code page, or enrolment first."""
    has_device = totp_device_confirmed_for(user) is not None
    url = reverse("accounts:otp-verify" if has_device else "accounts:otp-enrol")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def is_protected(request: HttpRequest) -> bool:
    """True when the request resolved to a back-office view."""
    match = request.resolver_match
    if match is None:
        return False
    return bool(PROTECTED_NAMESPACES & set(match.namespaces)) or (
        match.view_name in PROTECTED_VIEW_NAMES
    )


class StaffSecondFactorMiddleware:
    """Anonymous: to sign-in; not staff: 403; staff without the second factor: to the code
    (or enrolment) page; staff with it: through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_protected(request):
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not is_staff_member(user):
            raise PermissionDenied
        is_verified = getattr(user, "is_verified", None)
        if not (callable(is_verified) and is_verified()):
            return HttpResponseRedirect(second_factor_url(user, request.get_full_path()))
        return None
