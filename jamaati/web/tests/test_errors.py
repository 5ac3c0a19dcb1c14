"""Error pages: translated 400/403/404 in the shell, a static bilingual 500, never a crash."""

import re

import pytest
from django.test import Client, RequestFactory

from jamaati.web.views import errors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "direction", "heading"),
    [
        ("ar", "rtl", "الصفحة غير موجودة"),
        ("fr", "ltr", "Page introuvable"),
        ("zgh", "ltr", "ⵜⴰⵙⵏⴰ"),
    ],
)
def test_404_is_translated_with_the_shell(lang, direction, heading):
    response = Client().get(f"/{lang}/c/no-such-code/")
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in body
    assert heading in body
    assert 'class="skip-link"' in body
    assert f'href="/{lang}/"' in body  # back to the home page


def test_403_is_translated(rf):
    from django.utils import translation

    request = rf.get("/fr/")
    request.user = None
    request.collectivity = None
    with translation.override("fr"):
        response = errors.permission_denied(request)
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_400_is_translated(rf):
    from django.utils import translation

    request = rf.get("/ar/")
    with translation.override("ar"):
        response = errors.bad_request(request)
    assert response.status_code == 400
    assert "تعذر فهم الطلب" in response.content.decode()


def test_500_is_static_and_bilingual():
    response = errors.server_error(RequestFactory().get("/ar/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in body
    assert "حدث خطأ في الخادم" in body
    assert re.search(r'<section lang="fr" dir="ltr">', body)
    assert "{%" not in body
    assert "{{" not in body


def test_an_error_page_that_fails_to_render_falls_back_to_the_static_page(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.page_not_found(rf.get("/ar/nothing/"))
    assert response.status_code == 404
    assert "Erreur" in response.content.decode() or "خطأ" in response.content.decode()
