"""Sign-in, sign-up, verification, password reset, second factor; staff management (bo)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from jamaati.accounts import bo_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup-done"),
    path("verify/<uidb64>/<token>/", views.verify_email, name="verify-email"),
    path("verify/resend/", views.resend_verification, name="resend-verification"),
    path("otp/", views.otp_verify, name="otp-verify"),
    path("otp/enrol/", views.otp_enrol, name="otp-enrol"),
    path("otp/enrol/confirm/<str:token>/", views.otp_enrol_confirm, name="otp-enrol-confirm"),
    path("me/", views.profile, name="profile"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]

# Mounted under /<lang>/bo/<code>/ with namespace "bo".
bo_patterns = [
    path("staff/", bo_views.staff_list, name="staff-list"),
    path("staff/new/", bo_views.staff_create_view, name="staff-create"),
    path("staff/<int:pk>/", bo_views.membership_detail, name="membership-detail"),
    path("staff/<int:pk>/revoke/", bo_views.membership_revoke_view, name="membership-revoke"),
    path(
        "staff/<int:pk>/second-factor/reset/",
        bo_views.second_factor_reset_view,
        name="membership-second-factor-reset",
    ),
]
