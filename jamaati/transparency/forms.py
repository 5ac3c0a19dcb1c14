"""Forms of the back office: publish an item, withdraw one. The forms only shape the input;
the services check the law and the files, and their errors are put back on the fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jamaati.transparency.obligations import OBLIGATION_CHOICES


class PublishForm(forms.Form):
    obligation = forms.ChoiceField(
        label=_("What does this item publish?"),
        choices=[("", _("Choose…")), *OBLIGATION_CHOICES],
    )
    title_ar = forms.CharField(
        label=_("Title in Arabic"),
        max_length=250,
        widget=forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
    )
    title_fr = forms.CharField(
        label=_("Title in French"),
        max_length=250,
        required=False,
        widget=forms.TextInput(attrs={"lang": "fr", "dir": "ltr"}),
    )
    summary_ar = forms.CharField(
        label=_("Summary in Arabic"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ar", "dir": "rtl"}),
    )
    summary_fr = forms.CharField(
        label=_("Summary in French"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "fr", "dir": "ltr"}),
    )
    period_year = forms.CharField(
        label=_("Year covered"),
        max_length=4,
        required=False,
        help_text=_("Required for annual items (budget, accounts, plans, calendar, reports)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-short"}),
    )
    file = forms.FileField(
        label=_("File to publish"),
        required=False,
        help_text=_(
            "PDF, CSV, JPEG or PNG. Give a file, a web address, or both. After an error, "
            "choose the file again."
        ),
    )
    external_url = forms.CharField(
        label=_("Web address"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )
    replaces = forms.ChoiceField(label=_("Replaces"), required=False)

    def __init__(self, *args, current_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.current_items = {str(i.pk): i for i in current_items}
        self.fields["replaces"].choices = [
            ("", _("Nothing: a new item")),
            *[(pk, f"{i.category_label} — {i.title}") for pk, i in self.current_items.items()],
        ]

    def clean_replaces(self):
        value = self.cleaned_data.get("replaces")
        return self.current_items.get(value) if value else None


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=500,
        help_text=_("Shown on the public page of the item."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields: on the form)."""
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the publications"), max_length=200, required=False)
