"""What every page's shell needs: the current collectivity, the language menu, staff status."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from jamaati.core.access.actors import is_staff_member, reachable_collectivities
from jamaati.core.navigation import sections_for


def _capitalised(name: str) -> str:
    """`français` -> `Français`: a menu item starts with a capital (no-op for other scripts)."""
    return name[:1].upper() + name[1:]


def shell(request: HttpRequest) -> dict:
    """The shell's context, computed lazily where it costs a query."""
    lang = get_language() or settings.LANGUAGE_CODE
    user = getattr(request, "user", None)
    staff = is_staff_member(user)
    collectivity = getattr(request, "collectivity", None)
    match = getattr(request, "resolver_match", None)
    return {
        "current_collectivity": collectivity,
        "lang_code": lang,
        "lang_bidi": get_language_info(lang)["bidi"] if lang in dict(settings.LANGUAGES) else True,
        "shell_languages": [
            {
                "code": code,
                "name": _capitalised(get_language_info(code)["name_local"]),
                "url": translate_url(request.get_full_path(), code),
                "is_current": code == lang,
            }
            for code, _ in settings.LANGUAGES
        ],
        "is_staff_member": staff,
        "staff_nodes": (lambda: list(reachable_collectivities(user))) if staff else list,
        "bo_sections": (
            (lambda: sections_for(user, collectivity, match.url_name if match else ""))
            if staff and collectivity is not None
            else list
        ),
    }
