"""Template helpers of the design system."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def figure(value: object) -> str:
    """A count in the active language's grouping (`1 234 567`); an em dash when unknown."""
    if value is None or value == "":
        return "—"
    try:
        return number_format(int(value), decimal_pos=0, use_l10n=True, force_grouping=True)
    except (TypeError, ValueError):
        return "—"


@register.filter
def name_lang(node: object) -> str:
    """The language of `node.name` as shown on this page (for the `lang` attribute)."""
    lang = (get_language() or "ar").split("-")[0]
    if getattr(node, f"name_{lang}", ""):
        return lang
    return "ar" if getattr(node, "name_ar", "") else "fr"


@register.filter
def other_name_lang(node: object) -> str:
    """The language of `node.other_name`: French beside Arabic, Arabic beside anything else."""
    return "fr" if name_lang(node) == "ar" else "ar"
