"""One-time link tokens: email verification (its own salt) and set-password (Django's)."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """A token that dies once the email is verified or changed (and after the reset timeout)."""

    key_salt = "jamaati.accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.is_email_verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
# Set-password links for new staff reuse the reset flow: they die once a password is set.
set_password_token = default_token_generator
