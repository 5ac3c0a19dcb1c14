"""The forms of information requests. They only read the input; the services check the law
(a service's ValidationError is put back on the form by `apply_service_errors`)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jamaati.information.models import IdKind
from jamaati.information.workflow import CdaiOutcome, Exception7, PreferredForm, RefusalGround


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Each key of the service's error on its field when the form has it, else on the form."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _text(label: Any, *, required: bool = False, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
        **kwargs,
    )


class FilingForm(forms.Form):
    """The request (the CDAI's form, art. 14): identity, address, what is sought, the form."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the requester's full name.")},
    )
    id_kind = forms.ChoiceField(
        label=_("Identity document"), choices=IdKind.choices, initial=IdKind.CIN
    )
    id_number = forms.CharField(
        label=_("Number of the identity document"),
        max_length=20,
        help_text=_("A CIN such as AB123456; a foreign resident gives the residence permit."),
        error_messages={
            "required": _("Enter the number of your identity document (law 31.13, article 14).")
        },
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=300,
        error_messages={"required": _("Enter the requester's address.")},
    )
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        required=False,
        help_text=_("To be told when the answer is ready."),
    )
    sought = _text(
        _("The information you are asking for"),
        rows=6,
        max_length=4000,
        required=True,
        error_messages={
            "required": _(
                "Describe the information you are asking for, clearly (at least a sentence)."
            )
        },
        help_text=_(
            "Say clearly which information or document you want. This text and the answer "
            "are published in the public register of requests, without your name or identity: "
            "do not write personal data in it."
        ),
    )
    preferred_form = forms.ChoiceField(
        label=_("How do you want to receive it?"),
        choices=[("", "—"), *PreferredForm.choices],
        error_messages={"required": _("Choose the form in which you want the information.")},
    )
    is_urgent = forms.BooleanField(
        label=_("Urgent: life, safety or liberty of a person is at stake (answer in 3 days)"),
        required=False,
    )
    urgency_reason = _text(_("Why it is urgent"), rows=2, max_length=2000)

    use_required_attribute = False  # the server says what is missing, in the page's language

    def __init__(self, *args: Any, counter: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if counter:
            self.fields["name"].label = _("Full name of the requester")
            self.fields["sought"].label = _("The information asked for")


class ExtendForm(forms.Form):
    reasons = _text(
        _("Reasons for the extension (sent to the requester)"),
        max_length=4000,
        required=True,
        error_messages={"required": _("Give the requester the reasons for the extension.")},
    )


class AnswerForm(forms.Form):
    """Given, partly given or refused; the service checks what each needs."""

    text = _text(
        _("Answer and reasons"),
        rows=5,
        max_length=8000,
        help_text=_(
            "Published in the public register with the request: do not write the requester's "
            "name or other personal data."
        ),
    )
    file = forms.FileField(label=_("Document released (PDF, JPEG or PNG)"), required=False)
    publication = forms.ChoiceField(
        label=_("Already published in the register of publications"), required=False
    )
    reference_url = forms.CharField(
        label=_("Or the link where it is published"), max_length=500, required=False
    )
    reference_title = forms.CharField(
        label=_("Title of the publication"), max_length=300, required=False
    )
    exceptions = forms.MultipleChoiceField(
        label=_("Exceptions of article 7 cited"),
        choices=Exception7.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ground = forms.ChoiceField(
        label=_("Legal ground of the refusal (article 18)"),
        choices=[("", "—"), *RefusalGround.choices],
        required=False,
    )

    # The fields each kind of answer takes (the others are not shown).
    FIELDS = {
        "given": ("text", "file", "publication", "reference_url", "reference_title"),
        "partly": ("text", "file", "exceptions"),
        "refuse": (
            "ground",
            "text",
            "exceptions",
            "publication",
            "reference_url",
            "reference_title",
        ),
    }

    def __init__(
        self, *args: Any, kind: str = "given", publications: list | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        keep = self.FIELDS.get(kind, self.FIELDS["given"])
        self.fields = {name: self.fields[name] for name in keep}
        choices = [("", "—")] + [
            (str(p.pk), f"{p.title} ({p.category_label}, {p.published_on})")
            for p in publications or []
        ]
        if "publication" in self.fields:
            self.fields["publication"].choices = choices
            if not publications:
                del self.fields["publication"]


class ReasonsForm(forms.Form):
    reasons = _text(
        _("Reasons"),
        max_length=4000,
        required=True,
        error_messages={"required": _("Give the reasons.")},
    )


class CdaiComplaintForm(forms.Form):
    complained_on = forms.DateField(
        label=_("Date the complaint was lodged with the CDAI"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reasons = _text(_("Object of the complaint"), rows=3, max_length=4000)


class CdaiRecordForm(forms.Form):
    decided_on = forms.DateField(
        label=_("Date of the CDAI's decision"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    outcome = forms.ChoiceField(
        label=_("The CDAI's decision"), choices=[("", "—"), *CdaiOutcome.choices], required=False
    )
    decision = _text(_("Text or summary of the decision"), rows=5, max_length=8000)


class MaskForm(forms.Form):
    masked_text = _text(
        _("Text shown in the public register"),
        rows=5,
        max_length=4000,
        help_text=_(
            "Rewrite the request without the personal data it contains. Leave empty to publish "
            "the request as written."
        ),
    )
