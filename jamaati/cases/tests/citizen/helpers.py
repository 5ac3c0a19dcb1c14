"""Shared helpers of the applicant pages' tests."""

from django.urls import reverse
from django.utils import translation

from jamaati.accounts.tests.factories import CitizenFactory


def url(name: str, lang: str = "ar", **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def file_url(version, lang: str = "ar") -> str:
    return url(
        "public:case-file", lang, code=version.collectivity.code, slug=version.procedure.slug
    )


def signed_in(client, user=None):
    user = user or CitizenFactory()
    client.force_login(user, backend="jamaati.accounts.backends.EmailOrUsernameBackend")
    return user
