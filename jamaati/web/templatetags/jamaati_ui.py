"""Template helpers of the design system."""

from django import template
from django.forms import BoundField
from django.utils.formats import number_format
from django.utils.safestring import SafeString
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


@register.simple_tag
def field_widget(field: BoundField, **attrs: str) -> SafeString:
    """The field's widget with aria-describedby naming `<id>-hint` and `<id>-error` (when they
    are shown) and aria-invalid when the field has errors."""
    described = [attrs.pop("aria_describedby", "")] if "aria_describedby" in attrs else []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    widget_attrs = {k.replace("_", "-"): v for k, v in attrs.items()}
    if described:
        widget_attrs["aria-describedby"] = " ".join(d for d in described if d)
    return field.as_widget(attrs=widget_attrs)
