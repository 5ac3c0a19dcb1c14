"""Back-office staff management of the current collectivity (request.collectivity).

The second factor is enforced for every page here by StaffSecondFactorMiddleware; each view
still authorizes its own action.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from jamaati.accounts.forms import StaffCreateForm, apply_service_errors
from jamaati.accounts.selectors import membership_get_for, membership_list_for
from jamaati.accounts.services import membership_revoke, staff_create, totp_device_reset
from jamaati.core.access.models import Membership
from jamaati.core.access.policies import authorize, is_allowed
from jamaati.core.access.roles import Role

PAGE_SIZE = 50


def _can_revoke(actor, membership: Membership) -> bool:
    if not membership.is_active or membership.user_id == actor.pk:
        return False
    if not is_allowed(actor, "accounts.manage_staff", membership):
        return False
    return membership.role != Role.NATIONAL_ADMIN or is_allowed(
        actor, "accounts.grant_national_admin", membership
    )


def staff_list(request: HttpRequest, code: str) -> HttpResponse:
    """Staff memberships at the current collectivity and below, in the actor's reach."""
    node = request.collectivity
    authorize(request.user, "accounts.view_staff", node)
    memberships = membership_list_for(request.user, collectivity=node)
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "node": node,
        "page": page,
        "can_manage": is_allowed(request.user, "accounts.manage_staff", node),
    }
    return render(request, "accounts/bo/staff_list.html", context)


def staff_create_view(request: HttpRequest, code: str) -> HttpResponse:
    """An administrator creates a staff account here or below; it gets a set-password link."""
    node = request.collectivity
    authorize(request.user, "accounts.manage_staff", node)
    form = StaffCreateForm(request.POST or None, actor=request.user, node=node)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = staff_create(
                actor=request.user,
                collectivity=data["collectivity"],
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                role=data["role"],
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, {})
        else:
            messages.success(
                request,
                _(
                    "The account %(username)s is created. We sent %(email)s a link to choose a "
                    "password."
                )
                % {"username": membership.user.username, "email": membership.user.email},
            )
            return redirect("bo:membership-detail", code=node.code, pk=membership.pk)
    return render(request, "accounts/bo/staff_create.html", {"node": node, "form": form})


def membership_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One membership (404 when outside the actor's reach or below another collectivity)."""
    node = request.collectivity
    membership = membership_get_for(request.user, pk, collectivity=node)
    authorize(request.user, "accounts.view_staff", membership)
    context = {
        "node": node,
        "membership": membership,
        "can_revoke": _can_revoke(request.user, membership),
        "can_reset_second_factor": membership.is_active
        and membership.user_id != request.user.pk
        and is_allowed(request.user, "accounts.manage_staff", membership),
    }
    return render(request, "accounts/bo/membership_detail.html", context)


def _confirm_then_act(
    request: HttpRequest, pk: int, *, act: Callable[..., Any], done: str, template: str
) -> HttpResponse:
    """GET: a confirmation page; POST: `act(actor=, membership=)` on a managed membership,
    then back to its page with the outcome (service errors shown, nothing written)."""
    node = request.collectivity
    membership = membership_get_for(request.user, pk, collectivity=node)
    authorize(request.user, "accounts.manage_staff", membership)
    if request.method != "POST":
        return render(request, template, {"node": node, "membership": membership})
    try:
        act(actor=request.user, membership=membership)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done % {"name": membership.user.display_name})
    return redirect("bo:membership-detail", code=node.code, pk=membership.pk)


def membership_revoke_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Confirm (GET) and revoke (POST) a membership the actor manages."""
    return _confirm_then_act(
        request,
        pk,
        act=membership_revoke,
        done=_("The role of %(name)s is revoked."),
        template="accounts/bo/membership_revoke.html",
    )


def second_factor_reset_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Confirm (GET) and do (POST) the reset of a staff member's authenticator app."""
    return _confirm_then_act(
        request,
        pk,
        act=totp_device_reset,
        done=_(
            "The authenticator app of %(name)s is reset. They will set up a new one "
            "at their next sign-in."
        ),
        template="accounts/bo/second_factor_reset.html",
    )
