"""Form behaviour shared by every app: error messages that name their field."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class NamedErrorsMixin:
    """A required field left empty says which field ("Fill in “Email address”."), so the
    error summary at the top of the page reads as a list of things to do (GOV.UK pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if field.label is None:
                continue
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                message = format_lazy(_("Choose “{label}”."), label=field.label)
            else:
                message = format_lazy(_("Fill in “{label}”."), label=field.label)
            field.error_messages["required"] = message
