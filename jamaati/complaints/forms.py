"""The forms of the complaint pages. They render and carry the person's input; the services
check it (one set of rules for the pages, the API and Open311), and a service's
ValidationError is put back on the form's fields with `apply_service_errors`."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from jamaati.complaints.models import ComplaintKind
from jamaati.complaints.selectors import category_list
from jamaati.complaints.workflow import ANSWER_OUTCOMES, EXCLUSION_OUTCOMES, Outcome

# A service's error key -> the form field that shows it.
FIELD_OF = {"location": "latitude", "score": "score", "to": "to"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _category_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a category"))] + [(c.code, c.name) for c in category_list()]


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Each message on its field when the form has it, on the form itself otherwise. The
    service's messages are the only ones (the form's own cleaning is not run: its required
    marks only tell the person which fields must be filled)."""
    form._errors = ErrorDict()
    form.cleaned_data = {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.error_dict.items():
        field = FIELD_OF.get(key, key)
        form.add_error(field if field in form.fields else None, errors)


class FilingForm(forms.Form):
    """An observation, suggestion or complaint, online."""

    kind = forms.CharField(
        label=_("What do you want to send?"),
        widget=forms.RadioSelect(choices=ComplaintKind.choices),
    )
    category = forms.CharField(label=_("Subject"))
    text = forms.CharField(
        label=_("Describe the problem or your idea"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        help_text=_("At most 4,000 characters. Do not write personal data about other people."),
    )
    photos = forms.FileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("Up to 3 photos, JPEG or PNG, 5 MB each."),
    )
    latitude = forms.CharField(
        label=_("Latitude"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "size": 12}),
    )
    longitude = forms.CharField(
        label=_("Longitude"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "size": 12}),
    )
    address = forms.CharField(
        label=_("Address or place"), required=False, widget=forms.TextInput(attrs={"size": 50})
    )
    anonymous = forms.BooleanField(
        label=_("Send it anonymously (observations and suggestions only)"), required=False
    )
    contact_email = forms.CharField(
        label=_("Email for the acknowledgement"),
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )

    def __init__(self, *args: Any, signed_in: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].widget = forms.Select(choices=_category_choices())
        if isinstance(self, CounterForm):
            return
        if signed_in:
            del self.fields["contact_email"]
        else:
            del self.fields["anonymous"]
            self.fields["kind"].widget = forms.RadioSelect(
                choices=[c for c in ComplaintKind.choices if c[0] != ComplaintKind.COMPLAINT]
            )


class CounterForm(FilingForm):
    """A walk-in person's filing, typed by an agent."""

    contact_name = forms.CharField(label=_("Full name"), required=False)
    contact_cin = forms.CharField(
        label=_("CIN"), required=False, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    contact_phone = forms.CharField(
        label=_("Phone"), required=False, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    contact_email = forms.CharField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"dir": "ltr"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, signed_in=True, **kwargs)
        self.fields["anonymous"].label = _(
            "The person stays anonymous (observations and suggestions only)"
        )


# --- the complainant's actions ------------------------------------------------------------


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label=_("Information to add"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
    )
    photos = forms.FileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class ReasonsForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
    )


class RatingForm(forms.Form):
    score = forms.CharField(
        label=_("How satisfied are you with the answer?"),
        widget=forms.RadioSelect(choices=[(str(i), str(i)) for i in range(1, 6)]),
        help_text=_("1: not at all, 5: fully."),
    )


# --- the administration's actions ---------------------------------------------------------


class RequestForm(forms.Form):
    request = forms.CharField(
        label=_("What must be completed or clarified, and why"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
    )


class AnswerForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.RadioSelect(
            choices=[(o.value, o.label) for o in Outcome if o in ANSWER_OUTCOMES]
        ),
    )
    reasons = forms.CharField(
        label=_("The reasoned answer to the complainant"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
    )


class RedirectForm(forms.Form):
    body = forms.CharField(label=_("Competent body"))
    reasons = forms.CharField(
        label=_("Reasons told to the complainant"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
    )


class ExcludeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Case of article 12"),
        widget=forms.RadioSelect(
            choices=[(o.value, o.label) for o in Outcome if o in EXCLUSION_OUTCOMES]
        ),
    )
    reasons = forms.CharField(
        label=_("Reasons told to the complainant"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
    )


class TransferForm(forms.Form):
    to = forms.CharField(
        label=_("Collectivity in charge (HCP code)"),
        widget=forms.TextInput(attrs={"dir": "ltr", "list": "transfer-targets"}),
    )
    reasons = forms.CharField(
        label=_("Reasons told to the complainant"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
    )
