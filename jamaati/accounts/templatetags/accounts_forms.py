"""Rendering helpers for accessible forms: a widget tied to its hint and error elements."""

from datetime import timedelta

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


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


@register.filter
def minutes(value: timedelta | None) -> int:
    """A duration in whole minutes (rounded up), for 'try again in N minutes'."""
    if not value:
        return 0
    seconds = int(value.total_seconds())
    return max(1, -(-seconds // 60))
