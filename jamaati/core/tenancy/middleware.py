"""The one place where the current collectivity is resolved: the `code` in the URL."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from jamaati.core.tenancy.selectors import collectivity_get


# URL namespaces whose `code` argument names the current collectivity: public pages and
# the back office. The API resolves its own objects through selectors.
TENANT_NAMESPACES = frozenset({"public", "bo"})


class CollectivityMiddleware:
    """Sets `request.collectivity` from the `code` URL argument (404 when unknown)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.collectivity = None  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):  # noqa: ANN001
        code = view_kwargs.get("code")
        match = request.resolver_match
        if code is not None and match is not None and TENANT_NAMESPACES & set(match.namespaces):
            request.collectivity = collectivity_get(code=code)
        return None
