"""The one place where the current collectivity is resolved: the `code` in the URL."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from jamaati.core.access.actors import can_reach
from jamaati.core.tenancy.selectors import collectivity_get

# URL namespaces whose `code` argument names the current collectivity: public pages and
# the back office. The API resolves its own objects through selectors.
TENANT_NAMESPACES = frozenset({"public", "bo"})
BACK_OFFICE = "bo"


class CollectivityMiddleware:
    """Sets `request.collectivity` from the `code` URL argument (404 when unknown).

    In the back office it also answers 404 when a signed-in actor's memberships do not reach
    the collectivity, so no back-office view can leak another commune's pages even if it
    forgets its own check. Anonymous visitors pass on to the sign-in redirect.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.collectivity = None  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        code = view_kwargs.get("code")
        match = request.resolver_match
        if code is None or match is None or not TENANT_NAMESPACES & set(match.namespaces):
            return None
        collectivity = collectivity_get(code=code)
        user = getattr(request, "user", None)
        if (
            BACK_OFFICE in match.namespaces
            and user is not None
            and user.is_authenticated
            and not can_reach(user, collectivity)
        ):
            raise Http404
        request.collectivity = collectivity
        return None
