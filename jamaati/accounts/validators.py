"""Validation of Moroccan identity data."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The CIN (carte d'identité nationale): one or two letters, then digits (e.g. A123456, BK12345).
CIN_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9]{1,6}$")


def normalize_cin(value: str) -> str:
    """Upper-case, without spaces or dashes."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def validate_cin(value: str) -> None:
    """Raise ValidationError unless the value is one or two letters followed by digits."""
    if not CIN_PATTERN.match(normalize_cin(value)):
        raise ValidationError(
            _("Enter a valid national ID number: one or two letters followed by digits."),
            code="invalid_cin",
        )
