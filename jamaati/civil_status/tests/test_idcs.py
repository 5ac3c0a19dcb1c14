"""The IDCS scheme: 10 digits and a Damm check digit; every single-digit error and every
adjacent transposition is detected."""

import random

import pytest

from jamaati.civil_status import idcs


def _sample(n=400):
    rng = random.Random(3621)
    return [idcs.make(str(rng.randrange(10**9, 10**10))) for _ in range(n)]


def test_a_generated_identifier_is_valid_and_has_eleven_digits():
    for _ in range(200):
        value = idcs.generate()
        assert len(value) == 11
        assert value.isdigit()
        assert value[0] != "0"
        assert idcs.is_valid(value)


def test_damm_check_digit_of_the_reference_example():
    # Damm's worked example: the check digit of 572 is 4.
    assert idcs.check_digit("572") == "4"


def test_every_single_digit_error_is_detected():
    for value in _sample():
        for i in range(idcs.LENGTH):
            for digit in "0123456789":
                if digit != value[i]:
                    assert not idcs.is_valid(value[:i] + digit + value[i + 1 :]), (value, i)


def test_every_adjacent_transposition_is_detected():
    for value in _sample():
        for i in range(idcs.LENGTH - 1):
            if value[i] != value[i + 1]:
                swapped = value[:i] + value[i + 1] + value[i] + value[i + 2 :]
                assert not idcs.is_valid(swapped), (value, i)


def test_all_adjacent_digit_pairs_are_caught_in_every_position():
    body = "1234567890"
    for i in range(idcs.BODY_LENGTH - 1):
        for a in "0123456789":
            for b in "0123456789":
                if a == b or (i == 0 and "0" in (a, b)):
                    continue
                value = idcs.make(body[:i] + a + b + body[i + 2 :])
                swapped = value[:i] + b + a + value[i + 2 :]
                assert not idcs.is_valid(swapped)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "123",
        "0123456789" + "0",
        "12345678901234",
        "abcdefghijk",
        "\uff11" * 11,
        None,
        12,
    ],
)
def test_malformed_identifiers_are_not_valid(text):
    assert not idcs.is_valid(text)


def test_spaces_and_hyphens_are_ignored_when_reading():
    value = idcs.make("1234567890")
    assert idcs.is_valid(idcs.display(value))
    assert idcs.is_valid(f"{value[:4]}-{value[4:]}")
    assert idcs.display(value).replace(" ", "") == value


def test_a_body_starting_with_zero_is_refused():
    with pytest.raises(ValueError, match="10 digits"):
        idcs.make("0123456789")
