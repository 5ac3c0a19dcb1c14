"""Forms of the web app: the national holiday decisions, the document verification code."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from jamaati.core.documents.selectors import normalise_code
from jamaati.core.forms import NamedErrorsMixin


class HolidayMoveForm(NamedErrorsMixin, forms.Form):
    """Move one estimated holiday to its announced day."""

    key = forms.SlugField(max_length=80, widget=forms.HiddenInput)
    day = forms.DateField(label=_("Announced date"), widget=forms.DateInput(attrs={"type": "date"}))


class HolidayAddForm(NamedErrorsMixin, forms.Form):
    """An exceptional day off decided by the authorities."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=120)
    name_fr = forms.CharField(label=_("Name in French"), max_length=120)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=200,
        help_text=_("The text that decides the day off, e.g. its decree number and date."),
    )


def year_from(raw: str | None, today: date) -> int:
    """The requested year when it is a number within two years of today, else this year."""
    try:
        year = int(raw or "")
    except ValueError:
        return today.year
    return year if abs(year - today.year) <= 2 else today.year


class VerifyCodeForm(NamedErrorsMixin, forms.Form):
    """The verification code printed on a document, typed in any spelling (see normalise_code)."""

    code = forms.CharField(
        label=_("Verification code"),
        help_text=_(
            "The 12 letters and digits printed at the bottom of the document, "
            "for example 7K3M-Q9PX-2TRW."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "maxlength": "40",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "dir": "ltr",
                "class": "input-short",
            }
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "This is not a verification code: it has 12 letters and digits, "
                    "as printed at the bottom of the document."
                ),
                code="malformed",
            )
        return code
