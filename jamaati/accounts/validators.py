"""Validation of Moroccan identity data: the national ID (CIN) and mobile numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The CIN (carte d'identité nationale): one or two letters, then digits (e.g. A123456, BK12345).
CIN_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9]{1,6}$")

# Moroccan mobile numbers: 06 or 07 then 8 digits, written nationally (0612345678) or
# internationally (+212612345678, 00212612345678, 212612345678).
MOBILE_PATTERN = re.compile(r"^(?:\+212|00212|212|0)([67][0-9]{8})$")


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


def _compact_phone(value: str) -> str:
    return re.sub(r"[\s\-.()/]", "", value or "")


def normalize_mobile(value: str) -> str:
    """The number as +2126XXXXXXXX / +2127XXXXXXXX; raise ValidationError when it is not one."""
    match = MOBILE_PATTERN.match(_compact_phone(value))
    if match is None:
        raise ValidationError(
            _(
                "Enter a Moroccan mobile number, such as 0612345678 or +212612345678: "
                "06 or 07 followed by 8 digits."
            ),
            code="invalid_mobile",
        )
    return f"+212{match.group(1)}"


def validate_mobile(value: str) -> None:
    """Raise ValidationError unless the value is a Moroccan mobile number (06/07, 8 digits)."""
    normalize_mobile(value)
