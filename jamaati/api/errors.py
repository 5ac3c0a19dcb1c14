"""API error responses: JSON with a message in the request's language, never a 500 for bad input."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError


def install_error_handlers(api: NinjaAPI) -> None:
    """Map not-found, denied, invalid and unauthenticated to 404/403/422/401 JSON bodies."""

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(PermissionDenied)
    def denied(request, exc):
        return api.create_response(
            request, {"detail": _("You are not allowed to do this.")}, status=403
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": _("Authentication required.")}, status=401)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc):
        return api.create_response(
            request,
            {"detail": _("The request is not valid."), "errors": exc.errors},
            status=422,
        )

    @api.exception_handler(ValidationError)
    def django_invalid(request, exc):
        return api.create_response(
            request,
            {"detail": _("The request is not valid."), "errors": exc.messages},
            status=422,
        )
