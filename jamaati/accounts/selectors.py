"""Reads of users, memberships, devices and API tokens, scoped to what the actor reaches."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.accounts.models import ApiToken, User
from jamaati.core.access.actors import reach_filter
from jamaati.core.access.models import Membership
from jamaati.core.tenancy.models import Collectivity
from jamaati.core.tenancy.selectors import country

# A subtree up to this size is offered as a select; above it, staff type an HCP code.
SUBTREE_SELECT_LIMIT = 200


def membership_list_for(actor: Any, *, collectivity: Collectivity) -> QuerySet[Membership]:
    """Memberships at `collectivity` or below that lie in the actor's reach, active first."""
    return (
        Membership.objects.filter(reach_filter(actor))
        .filter(collectivity__path__startswith=collectivity.path)
        .select_related("user", "collectivity")
        .annotate(
            _inactive=Case(
                When(is_active=True, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("_inactive", "collectivity__path", "user__last_name", "user__username", "pk")
    )


def membership_get_for(
    actor: Any, pk: int, *, collectivity: Collectivity | None = None
) -> Membership:
    """The membership `pk` when it lies in the actor's reach (and below `collectivity`, when
    given); Http404 otherwise, exactly as for a missing one."""
    qs = Membership.objects.filter(reach_filter(actor)).select_related(
        "user", "collectivity", "created_by"
    )
    if collectivity is not None:
        qs = qs.filter(collectivity__path__startswith=collectivity.path)
    try:
        return qs.get(pk=pk)
    except Membership.DoesNotExist as exc:
        raise Http404 from exc


def own_membership_list_for(actor: Any) -> QuerySet[Membership]:
    """The actor's own active memberships, broadest node first."""
    if not getattr(actor, "is_authenticated", False):
        return Membership.objects.none()
    return (
        Membership.objects.active()
        .filter(user_id=actor.pk)
        .select_related("collectivity")
        .order_by("collectivity__depth", "collectivity__code", "role")
    )


def staff_chain_collectivity_for(user: Any) -> Collectivity:
    """The collectivity whose audit chain records a user's staff events: the node of their
    broadest active membership, or the country for a citizen."""
    membership = own_membership_list_for(user).first()
    return membership.collectivity if membership is not None else country()


def subtree_size_for(collectivity: Collectivity) -> int:
    """How many collectivities lie at the node or below it."""
    return Collectivity.objects.within(collectivity).count()


def subtree_list_for(collectivity: Collectivity) -> QuerySet[Collectivity]:
    """The node and every collectivity below it, in tree order."""
    return Collectivity.objects.within(collectivity).order_by("path")


def subtree_get_for(collectivity: Collectivity, code: str) -> Collectivity | None:
    """The collectivity with HCP `code` when it lies at or below the node, else None."""
    return Collectivity.objects.within(collectivity).filter(code=code.strip()).first()


def user_email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    """True when another account uses this email or this user name (case-insensitive)."""
    user_model = get_user_model()
    qs = user_model._default_manager.filter(email__iexact=email) | (
        user_model._default_manager.filter(username__iexact=email)
    )
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def user_username_taken(username: str) -> bool:
    """True when an account already uses this user name (case-insensitive)."""
    return get_user_model()._default_manager.filter(username__iexact=username).exists()


def user_cin_taken(cin: str, *, exclude_pk: int | None = None) -> bool:
    """True when another account holds this (normalised) national ID."""
    qs = get_user_model()._default_manager.filter(cin=cin)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def user_get_by_uidb64(uidb64: str) -> User | None:
    """The user named by a link's base64 id, or None for a malformed or unknown id."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return get_user_model()._default_manager.filter(pk=pk).first()


def user_get_by_username(username: str) -> User | None:
    """The account with this user name (exact), or None."""
    return get_user_model()._default_manager.filter(username=username).first()


def totp_device_confirmed_for(user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, or None when they have not enrolled."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def totp_device_pending_for(user: Any) -> TOTPDevice | None:
    """The user's unconfirmed TOTP device (an enrolment in progress), or None."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("-pk").first()


def api_token_get_usable(key: str) -> ApiToken | None:
    """The unrevoked token of an active user whose SHA-256 matches `key`, or None."""
    if not key or len(key) > 200:
        return None
    return (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )


def api_token_list_by_prefix(prefix: str) -> QuerySet[ApiToken]:
    """Unrevoked tokens whose public prefix is `prefix` (for the command line)."""
    return ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True).select_related("user")
