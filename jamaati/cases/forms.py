"""Forms of the case pages (the applicant's, and the counter filing in the back office).

They parse input only: the services check the law and write. A service's ValidationError is
put back on the form's fields with `apply_service_errors`.
"""

import copy
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jamaati.cases.models import ApplicantKind
from jamaati.cases.services import user_supplied_requirements
from jamaati.catalogue.form_schema import form_class_for
from jamaati.catalogue.models import ProcedureVersion, RequiredDocument
from jamaati.core.forms import NamedErrorsMixin
from jamaati.core.uploads import ALLOWED_TYPES, max_upload_bytes

# What the file inputs offer to choose (the content is checked by the service anyway).
ACCEPT = ".pdf,.jpg,.jpeg,.png"
APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_cin",
    "applicant_phone",
    "applicant_email",
    "applicant_kind",
    "business_name",
    "business_ice",
)
# Online, the applicant is the signed-in account; a business adds its name and ICE.
ONLINE_APPLICANT_FIELDS = ("applicant_kind", "business_name", "business_ice")
# The counter form's field -> the key `case_submit(applicant=...)` expects.
_APPLICANT_KEYS = {
    "applicant_name": "name",
    "applicant_cin": "cin",
    "applicant_phone": "phone",
    "applicant_email": "email",
    "applicant_kind": "kind",
    "business_name": "business_name",
    "business_ice": "business_ice",
}


def upload_hint() -> Any:
    """ "PDF, JPEG or PNG, at most 5 MB." in the active language."""
    return format_lazy(
        _("PDF, JPEG or PNG, at most {limit}."),
        limit=filesizeformat(max_upload_bytes()),
    )


def document_field(requirement: RequiredDocument, *, label: Any = None) -> forms.FileField:
    """One file input for a required document: optional in the form (a missing document makes
    the file incomplete; it does not block filing), the accepted types and the limit stated."""
    return forms.FileField(
        label=label or requirement.name,
        required=False,
        help_text=upload_hint(),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


def _applicant_fields() -> dict[str, forms.Field]:
    return {
        "applicant_kind": forms.ChoiceField(
            label=_("The applicant is"),
            choices=ApplicantKind.choices,
            initial=ApplicantKind.PERSON,
            widget=forms.RadioSelect,
        ),
        "applicant_name": forms.CharField(
            label=_("Applicant's full name"),
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        ),
        "applicant_cin": forms.CharField(
            label=_("National identity card number (CIN)"),
            max_length=12,
            widget=forms.TextInput(attrs={"class": "input-short", "autocomplete": "off"}),
        ),
        "applicant_phone": forms.CharField(
            label=_("Phone"),
            max_length=20,
            required=False,
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        ),
        "applicant_email": forms.EmailField(
            label=_("Email"),
            required=False,
            help_text=_("To tell the applicant when their file moves."),
            widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        ),
        "business_name": forms.CharField(
            label=_("Business name"),
            max_length=200,
            required=False,
            help_text=_("Only when the applicant is a business."),
        ),
        "business_ice": forms.CharField(
            label=_("ICE (business identifier)"),
            max_length=15,
            required=False,
            help_text=_("15 digits. Only when the applicant is a business."),
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-short"}),
        ),
    }


def filing_form_for(version: ProcedureVersion, *, counter: bool) -> type[forms.Form]:
    """The filing form of a version: the walk-in applicant's fields at the counter, the
    procedure's own questions, then one optional file input `document_<pk>` per document the
    applicant brings."""
    schema = version.form_schema or []
    base = form_class_for(schema)
    requirements = user_supplied_requirements(version)
    attrs: dict[str, Any] = {}
    applicant_fields = _applicant_fields()
    if counter:
        attrs.update(applicant_fields)
        applicant_names = APPLICANT_FIELDS
    else:  # online the applicant is the account; a business says so and gives its ICE
        applicant_names = ONLINE_APPLICANT_FIELDS
        attrs.update({name: applicant_fields[name] for name in applicant_names})
        attrs["applicant_kind"].required = False  # a person unless they say otherwise
    for spec in schema:
        # Always-asked required questions say so on the page (the schema form checks them
        # in clean(), so that conditional ones are required only when they are asked).
        if spec.get("required") and not spec.get("show_if"):
            field = copy.deepcopy(base.base_fields[spec["name"]])
            field.required = True
            attrs[spec["name"]] = field
    documents = {f"document_{d.pk}": document_field(d) for d in requirements}
    attrs.update(documents)
    attrs["requirements"] = requirements
    attrs["document_names"] = tuple(documents)
    attrs["applicant_names"] = applicant_names
    attrs["answer_names"] = tuple(spec["name"] for spec in version.form_schema or [])
    return type("CaseFilingForm", (base,), attrs)


def split_filing_data(
    form: forms.Form,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    """A valid filing form as `case_submit`'s (data, files, applicant): the answers (empty
    ones left out), the uploads by `document_<pk>`, and the walk-in applicant (None online)."""
    cleaned = form.cleaned_data
    data = {
        name: cleaned[name]
        for name in getattr(form, "answer_names", ())
        if cleaned.get(name) not in (None, "", [])
    }
    files = {
        name: cleaned[name] for name in getattr(form, "document_names", ()) if cleaned.get(name)
    }
    applicant = None
    if getattr(form, "applicant_names", ()):
        applicant = {
            _APPLICANT_KEYS[name]: cleaned.get(name) or "" for name in form.applicant_names
        }
    return data, files, applicant


def submit_filing_form(form: forms.Form, *, actor: Any, version: Any, channel: str) -> Any:
    """File a valid filing form through `case_submit`; the case, or None when the service
    refused it (its messages are then on the form's fields)."""
    from jamaati.cases.services import case_submit

    data, files, applicant = split_filing_data(form)
    try:
        return case_submit(
            actor=actor,
            version=version,
            data=data,
            files=files,
            channel=channel,
            applicant=applicant,
        )
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: each key on its field when the form has
    it, anything else on the form itself (shown at the top of the error summary)."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- the applicant's forms on the case page ------------------------------------------------


class DocumentsForm(NamedErrorsMixin, forms.Form):
    """Missing or replacement documents: one file input per document named `document_<pk>`."""

    def __init__(self, *args: Any, requirements: list[RequiredDocument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for requirement in requirements:
            self.fields[f"document_{requirement.pk}"] = document_field(requirement)

    def files_to_send(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if value}


class AnswerForm(DocumentsForm):
    """The answer to the administration's request: a message and/or documents."""

    answer = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write what was asked, attach the documents, or both."),
    )
    extra_1 = forms.FileField(
        label=_("Another document asked for"),
        required=False,
        help_text=upload_hint(),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )

    def files_to_send(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name.startswith(("document_", "extra_")) and value
        }


class MessageForm(NamedErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 4,000 characters. The agents handling your file read it."),
    )


class ReasonsForm(NamedErrorsMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Your reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say why the decision should change; you may refer to documents you sent."),
    )


class RatingForm(NamedErrorsMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with this service?"),
        choices=[
            ("5", _("5 — very satisfied")),
            ("4", _("4 — satisfied")),
            ("3", _("3 — neither satisfied nor dissatisfied")),
            ("2", _("2 — dissatisfied")),
            ("1", _("1 — very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# The content types the platform accepts, for a page that states them.
ACCEPTED_TYPE_NAMES = tuple(ALLOWED_TYPES.values())
