"""Forms of the catalogue's back-office pages. They parse input; the services check the law
and write."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jamaati.catalogue.models import ExtensionReason, Fee, ProcedureVersion
from jamaati.catalogue.services import CONTENT_FIELDS
from jamaati.core.forms import NamedErrorsMixin

# The fields of a version edited in the back office (documents, fees and the request form
# are not edited here yet).
EDITABLE_FIELDS = tuple(f for f in CONTENT_FIELDS if f != "form_schema")
# What an adopting collectivity states itself.
LOCAL_FORM_FIELDS = ("service_ar", "service_fr", "office_hours")
SLUG_MAX_LENGTH = 80


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form: each key to its field when the form has
    it, anything else (documents, fees, the request form, the whole) to the form itself."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _model_fields(names: tuple[str, ...]) -> dict[str, forms.Field]:
    fields = forms.fields_for_model(ProcedureVersion, fields=names)
    for name in ("max_delay_days",):
        if name in fields:
            fields[name].help_text = _(
                "At most 60 days, 30 for an investment-related decision (law 55.19, art.16)."
            )
    if "extension_reason" in fields:
        # The model's choices already name the empty value ("No extension").
        fields["extension_reason"].choices = ExtensionReason.choices
    if "silence_legal_basis" in fields:
        fields["silence_legal_basis"].help_text = _(
            "Required when silence means acceptance (law 55.19, art.19-20)."
        )
    if "legal_basis_text" in fields:
        fields["legal_basis_text"].help_text = _(
            "Required to publish (law 55.19, art.3 and 6), for example “Loi n° 12.90”."
        )
    return fields


class _VersionForm(NamedErrorsMixin, forms.Form):
    """The main fields of a draft version, as the model declares them."""

    field_names: tuple[str, ...] = EDITABLE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.base_fields = {**self.base_fields, **_model_fields(self.field_names)}
        super().__init__(*args, **kwargs)

    def version_fields(self) -> dict[str, Any]:
        """The cleaned values of the version's fields, for the service."""
        return {name: self.cleaned_data[name] for name in self.field_names}


class ProcedureVersionForm(_VersionForm):
    """A draft's main fields; only the local ones for a procedure adopted from a template."""

    def __init__(self, *args: Any, adopted: bool = False, **kwargs: Any) -> None:
        if adopted:
            self.field_names = LOCAL_FORM_FIELDS
        super().__init__(*args, **kwargs)


class ProcedureTemplateForm(_VersionForm):
    """A new national template: its address (slug) and its first draft."""

    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=SLUG_MAX_LENGTH,
        help_text=_("Latin letters, digits and hyphens, for example “building-permit”."),
    )


class AdoptForm(NamedErrorsMixin, forms.Form):
    """What a collectivity states when it adopts a template: its service, its hours and the
    amounts of the fees the template leaves to it."""

    service_ar = forms.CharField(label=_("Competent service in Arabic"), max_length=250)
    service_fr = forms.CharField(label=_("Competent service in French"), max_length=250)
    office_hours = forms.CharField(label=_("Office hours"), max_length=250, required=False)

    def __init__(self, *args: Any, local_fees: Sequence[Fee] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.local_fees = list(local_fees)
        for fee in self.local_fees:
            field = forms.DecimalField(
                label=_("Amount of “%(label)s” (dirhams)") % {"label": fee.label},
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                initial=fee.amount,
                help_text=fee.legal_basis,
                widget=forms.NumberInput(attrs={"step": "0.01", "dir": "ltr"}),
            )
            field.error_messages["required"] = _("Fill in the amount of this fee.")
            self.fields[f"fee_{fee.key}"] = field

    def fee_fields(self) -> list[forms.BoundField]:
        """The bound fields of the local fees, for the template."""
        return [self[f"fee_{fee.key}"] for fee in self.local_fees]

    def local_fee_amounts(self) -> dict[str, Decimal]:
        """The amounts of the local fees by key, for the service."""
        return {fee.key: self.cleaned_data[f"fee_{fee.key}"] for fee in self.local_fees}
