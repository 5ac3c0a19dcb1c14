"""Forms of the accounts pages. They parse and check input; the services do the writing."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jamaati.accounts.selectors import (
    SUBTREE_SELECT_LIMIT,
    subtree_get_for,
    subtree_list_for,
    subtree_size_for,
    user_cin_taken,
    user_email_taken,
    user_username_taken,
)
from jamaati.accounts.services import user_password_set
from jamaati.accounts.validators import normalize_cin, normalize_mobile, validate_cin
from jamaati.core.access.actors import has_role
from jamaati.core.access.roles import Role
from jamaati.core.forms import NamedErrorsMixin
from jamaati.core.tenancy.models import Collectivity

PHONE_HINT = _("A Moroccan mobile number, for example 0612345678.")


def apply_service_errors(form: forms.Form, exc: ValidationError, fields: dict[str, str]) -> None:
    """Attach a service's ValidationError to the form: each key to its field (renamed through
    `fields`), anything else to the form as a whole."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            name = fields.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _clean_phone(value: str) -> str:
    value = (value or "").strip()
    return normalize_mobile(value) if value else ""


class LoginForm(NamedErrorsMixin, AuthenticationForm):
    """User name or email, and password (authenticate() receives the request, for axes)."""

    username = forms.CharField(
        label=_("User name or email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "The user name or email address and the password do not match an account. "
            "Check them and try again."
        ),
        "inactive": _("This account is disabled."),
    }


class SignupForm(NamedErrorsMixin, forms.Form):
    """A citizen's sign-up: email, password twice, names, national ID, optional mobile."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will send you a link to confirm it. It is also your user name."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    cin = forms.CharField(
        label=_("National ID number (CIN)"),
        max_length=20,
        help_text=_("One or two letters followed by digits, as on your card, e.g. AB123456."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=PHONE_HINT,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters; not only digits, and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    # Service argument -> form field, for errors the service finds (a race on uniqueness).
    SERVICE_FIELDS = {"password": "password1"}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if user_email_taken(email):
            raise ValidationError(
                _("An account already exists with this email address."), code="taken"
            )
        return email

    def clean_cin(self) -> str:
        cin = normalize_cin(self.cleaned_data["cin"])
        validate_cin(cin)
        if user_cin_taken(cin):
            raise ValidationError(
                _("An account already exists with this national ID number."), code="taken"
            )
        return cin

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            probe = get_user_model()(
                username=data.get("email") or "",
                email=data.get("email") or "",
                first_name=data.get("first_name") or "",
                last_name=data.get("last_name") or "",
            )
            try:
                password_validation.validate_password(password1, user=probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class OtpTokenForm(NamedErrorsMixin, forms.Form):
    """The six-digit code of the authenticator app."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        help_text=_("Six digits; a new code appears every 30 seconds."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "size": "8",
            }
        ),
    )

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if not token.isdigit() or len(token) not in (6, 8):
            raise ValidationError(_("Enter the 6 digits shown in your app."), code="format")
        return token


class ProfileForm(NamedErrorsMixin, forms.Form):
    """What a person may change on their own account page."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=PHONE_HINT,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("For the emails and messages we send you."),
    )

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))


class StaffCreateForm(NamedErrorsMixin, forms.Form):
    """A new staff account at the current collectivity or below it."""

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("Lower-case letters, digits and . _ - only, e.g. firstname.lastname."),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The person receives a link there to choose a password."),
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"), max_length=20, required=False, help_text=PHONE_HINT
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, actor: Any, node: Collectivity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.node = node
        roles = list(Role.choices)
        if not has_role(actor, Role.NATIONAL_ADMIN, node):
            roles = [(v, label) for v, label in roles if v != Role.NATIONAL_ADMIN]
        self.fields["role"].choices = [("", _("Choose a role")), *roles]
        if subtree_size_for(node) <= SUBTREE_SELECT_LIMIT:
            self.fields["collectivity"] = forms.ModelChoiceField(
                label=_("Collectivity"),
                queryset=subtree_list_for(node),
                to_field_name="code",
                initial=node.code,
                empty_label=None,
                help_text=_("This collectivity or one below it."),
            )
            self.fields["collectivity"].label_from_instance = lambda c: f"{c.name} ({c.code})"
        else:
            self.fields["collectivity"] = forms.CharField(
                label=_("Collectivity code"),
                max_length=20,
                initial=node.code,
                help_text=_(
                    "The HCP code of this collectivity or of one below it, e.g. 07.427.01.01."
                ),
                widget=forms.TextInput(attrs={"spellcheck": "false", "dir": "ltr"}),
            )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip().lower()
        get_user_model().username_validator(username)
        if user_username_taken(username):
            raise ValidationError(_("This user name is already taken."), code="taken")
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if user_email_taken(email):
            raise ValidationError(
                _("An account already exists with this email address."), code="taken"
            )
        return email

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean_collectivity(self) -> Collectivity:
        value = self.cleaned_data["collectivity"]
        if isinstance(value, Collectivity):
            return value
        node = subtree_get_for(self.node, value)
        if node is None:
            raise ValidationError(
                _("Enter the code of %(name)s or of a collectivity below it.")
                % {"name": self.node.name},
                code="outside",
            )
        return node


class ResetPasswordForm(NamedErrorsMixin, PasswordResetForm):
    """Django's reset form, also reaching new staff who have not chosen a password yet (every
    account here signs in with a local password)."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def get_users(self, email: str):
        user_model = get_user_model()
        return user_model._default_manager.filter(email__iexact=email.strip(), is_active=True)


class AuditedSetPasswordForm(NamedErrorsMixin, SetPasswordForm):
    """The reset link's new-password form; the save goes through user_password_set."""

    def save(self, commit: bool = True):
        user_password_set(
            actor=self.user,
            user=self.user,
            password=self.cleaned_data["new_password1"],
            proves_email=True,
        )
        return self.user


class AuditedPasswordChangeForm(NamedErrorsMixin, PasswordChangeForm):
    """Change a known password; the save goes through user_password_set."""

    def save(self, commit: bool = True):
        user_password_set(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"]
        )
        return self.user
