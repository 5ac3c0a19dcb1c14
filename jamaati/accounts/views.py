"""Account pages: sign-in with the staff second factor, sign-up, email verification,
password reset and change, and the person's own account page. Views parse, call one
service or selector, and render."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from jamaati.accounts import enrol_proof
from jamaati.accounts.forms import (
    AuditedPasswordChangeForm,
    AuditedSetPasswordForm,
    LoginForm,
    OtpTokenForm,
    ProfileForm,
    ResetPasswordForm,
    SignupForm,
    apply_service_errors,
)
from jamaati.accounts.middleware import second_factor_url
from jamaati.accounts.selectors import totp_device_confirmed_for, user_get_by_uidb64
from jamaati.accounts.services import (
    OtpThrottled,
    email_verification_send,
    totp_device_confirm,
    totp_device_start,
    totp_verify,
    user_email_verify,
    user_profile_update,
    user_signup,
)
from jamaati.core.access.actors import is_staff_member

SIGNIN_BACKEND = "jamaati.accounts.backends.EmailOrUsernameBackend"


def _base_url(request: HttpRequest) -> str:
    """Scheme and host of this request, for links in emails."""
    return request.build_absolute_uri("/").rstrip("/")


def _safe_next(request: HttpRequest, default: str) -> str:
    """The `next` parameter when it points to this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _throttle_message(exc: OtpThrottled) -> str:
    return str(_("Too many wrong codes. Wait a moment, then enter the newest code from your app."))


class SignInView(auth_views.LoginView):
    """Password first; staff then go to the second factor (enrolment when they have none)."""

    template_name = "accounts/login.html"
    form_class = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        auth_login(self.request, user)
        # A password sign-in never inherits a second factor passed earlier in the session.
        self.request.session.pop(DEVICE_ID_SESSION_KEY, None)
        if is_staff_member(user):
            return HttpResponseRedirect(second_factor_url(user, self.get_redirect_url()))
        return HttpResponseRedirect(self.get_success_url())


def _require_staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a staff sign-in: the code of the authenticator app."""
    _require_staff(request)
    next_url = _safe_next(request, reverse("web:bo-choose"))
    if request.user.is_verified():
        return redirect(next_url)
    if totp_device_confirmed_for(request.user) is None:
        return redirect(second_factor_url(request.user, next_url))
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = totp_verify(actor=request.user, token=form.cleaned_data["otp_token"])
        except OtpThrottled as exc:
            form.add_error("otp_token", _throttle_message(exc))
        else:
            if device is not None:
                otp_login(request, device)
                return redirect(next_url)
            form.add_error(
                "otp_token",
                _(
                    "This code is not right. Check that your phone shows the right time "
                    "and enter the newest code."
                ),
            )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def _qr_svg(config_url: str) -> str:
    qr = segno.make(config_url, error="m")
    svg = qr.svg_inline(
        scale=5,
        border=2,
        dark="#000",
        light="#fff",
        title=str(_("QR code to scan with your authenticator app")),
    )
    return mark_safe(svg)  # noqa: S308  (segno's own output, no user text in it)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """First staff sign-in: add the account to an authenticator app and confirm one code."""
    _require_staff(request)
    next_url = _safe_next(request, reverse("web:bo-choose"))
    if totp_device_confirmed_for(request.user) is not None:
        return redirect(second_factor_url(request.user, next_url))
    if not enrol_proof.is_granted(request.session, request.user):
        return _enrol_email_step(request, next_url)
    device = totp_device_start(actor=request.user)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = totp_device_confirm(
                actor=request.user, device=device, token=form.cleaned_data["otp_token"]
            )
        except OtpThrottled as exc:
            form.add_error("otp_token", _throttle_message(exc))
        else:
            if confirmed:
                otp_login(request, device)
                messages.success(request, _("Your authenticator app is set up."))
                return redirect(next_url)
            form.add_error(
                "otp_token",
                _("This code is not right. Scan the QR code again and enter the newest code."),
            )
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": _qr_svg(device.config_url),
        "secret": _grouped(b32encode(device.bin_key).decode()),
    }
    return render(request, "accounts/otp_enrol.html", context)


def _masked(email: str) -> str:
    """`amina.benali@example.ma` -> `am…@example.ma`."""
    local, _at, domain = email.partition("@")
    return f"{local[:2]}…@{domain}" if domain else ""


def _enrol_email_step(request: HttpRequest, next_url: str) -> HttpResponse:
    """Before enrolment: mail the proof link (at most once a minute) and say where it went."""
    user = request.user
    sent = False
    if user.email and (request.method == "GET" or request.POST.get("resend")):
        sent = enrol_proof.send_link(
            session=request.session, user=user, base_url=request.build_absolute_uri("/")
        )
    if sent and request.method == "POST":
        messages.info(request, _("A new link is on its way."))
    context = {
        "has_email": bool(user.email),
        "masked_email": _masked(user.email or ""),
        "minutes": enrol_proof.MAX_AGE_SECONDS // 60,
        "next": next_url,
    }
    return render(request, "accounts/otp_enrol_email.html", context)


@login_required
def otp_enrol_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: proves the staff member holds the email, then opens enrolment."""
    _require_staff(request)
    if not enrol_proof.proof_token_is_valid(request.user, token):
        return render(request, "accounts/otp_enrol_invalid.html", status=400)
    enrol_proof.grant(request.session, request.user)
    return redirect("accounts:otp-enrol")


def signup(request: HttpRequest) -> HttpResponse:
    """A citizen creates an account; they are signed in and sent a verification link."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_signup(
                actor=request.user,
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                cin=data["cin"],
                phone=data["phone"],
                preferred_language=get_language(),
                base_url=_base_url(request),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, SignupForm.SERVICE_FIELDS)
        else:
            auth_login(request, user, backend=SIGNIN_BACKEND)
            return redirect("accounts:signup-done")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def signup_done(request: HttpRequest) -> HttpResponse:
    """Confirmation of the sign-up: check your mailbox."""
    return render(request, "accounts/signup_done.html")


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The emailed link: marks the email verified once; a used or altered link is refused."""
    user = user_get_by_uidb64(uidb64)
    if user is not None and user_email_verify(actor=request.user, user=user, token=token):
        return render(request, "accounts/verify_email_done.html", {"verified_user": user})
    return render(request, "accounts/verify_email_invalid.html", status=400)


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    """Send a new verification link to the signed-in person's email."""
    try:
        email_verification_send(actor=request.user, user=request.user, base_url=_base_url(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.info(request, message)
    else:
        messages.success(
            request,
            _("We sent a new link to %(email)s.") % {"email": request.user.email},
        )
    return redirect(_safe_next(request, reverse("accounts:profile")))


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The person's own account: details, verification status, phone and language."""
    user = request.user
    initial = {"phone": user.phone, "preferred_language": user.preferred_language}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user_profile_update(
                actor=user,
                user=user,
                phone=form.cleaned_data["phone"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, {})
        else:
            with translation.override(user.preferred_language):
                messages.success(request, _("Your changes are saved."))
                return redirect(reverse("accounts:profile"))
    return render(request, "accounts/profile.html", {"form": form, "account": user})


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link; the answer is the same whether or not the email is known."""

    form_class = ResetPasswordForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the emailed link (also the first password of new staff)."""

    form_class = AuditedSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: AuditedSetPasswordForm) -> HttpResponse:
        # The emailed link proved the address: a first authenticator may be set up next.
        enrol_proof.grant(self.request.session, form.user)
        return super().form_valid(form)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Change the password while signed in (the old one is asked)."""

    form_class = AuditedPasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = _("Your password is changed.")
