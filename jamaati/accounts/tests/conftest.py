"""Accounts tests hash passwords with a fast hasher: Argon2 costs ~0.1 s per user."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
