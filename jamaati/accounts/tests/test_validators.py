import pytest
from django.core.exceptions import ValidationError

from jamaati.accounts.validators import normalize_cin, normalize_mobile, validate_cin


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("A123456", "A123456"),
        ("BK12345", "BK12345"),
        ("bk-12345", "BK12345"),
        (" ee 100 ", "EE100"),
    ],
)
def test_cin_is_accepted_and_normalised_when_letters_then_digits(raw, normalised):
    validate_cin(raw)
    assert normalize_cin(raw) == normalised


@pytest.mark.parametrize("raw", ["123456", "ABC123", "A", "A12B", "", "A1234567", "1A2345"])
def test_cin_is_rejected_when_not_one_or_two_letters_then_digits(raw):
    with pytest.raises(ValidationError) as exc:
        validate_cin(raw)
    assert exc.value.code == "invalid_cin"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("0612345678", "+212612345678"),
        ("07 12 34 56 78", "+212712345678"),
        ("+212 6-12-34-56-78", "+212612345678"),
        ("00212712345678", "+212712345678"),
    ],
)
def test_mobile_is_normalised_to_plus_212_when_moroccan(raw, normalised):
    assert normalize_mobile(raw) == normalised


@pytest.mark.parametrize("raw", ["0512345678", "061234567", "06123456789", "+33612345678", "abc"])
def test_mobile_is_rejected_when_not_06_or_07_and_8_digits(raw):
    with pytest.raises(ValidationError):
        normalize_mobile(raw)
