"""The digital civil-social identifier (IDCS): 10 digits and a Damm check digit.

Pure functions. Scheme (docs/civil-status.md): a body of 10 digits, the first not 0, drawn at
random when a birth act is signed (unique nationally by a database constraint; a collision is
drawn again), followed by one check digit computed with the Damm algorithm (H. M. Damm,
2004), whose quasigroup of order 10 is weakly totally anti-symmetric: every single-digit
error and every transposition of two adjacent digits changes the check, with one digit
0-9 (no "X" as in ISO 7064 MOD 11-2) and no weights.
"""

import re
import secrets

LENGTH = 11
BODY_LENGTH = 10
_SEPARATORS = re.compile(r"[\s.\-]")

# Damm's table (the totally anti-symmetric quasigroup of order 10 given in his thesis).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def _interim(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][ord(ch) - 48]
    return interim


def check_digit(body: str) -> str:
    """The Damm check digit of a string of digits."""
    if not body.isascii() or not body.isdigit():
        raise ValueError("an IDCS body is made of digits")
    return str(_interim(body))


def normalize(text: object) -> str:
    """The identifier as typed, without spaces, dots or hyphens ("" for anything not text)."""
    if not isinstance(text, str):
        return ""
    return _SEPARATORS.sub("", text)[:40]


def is_valid(text: object) -> bool:
    """True for 11 ASCII digits, not starting with 0, whose last digit checks the others."""
    value = normalize(text)
    return (
        len(value) == LENGTH
        and value.isascii()
        and value.isdigit()
        and value[0] != "0"
        and _interim(value) == 0  # a Damm number followed by its check gives 0
    )


def make(body: str) -> str:
    """The IDCS of a 10-digit body (the body followed by its check digit)."""
    if len(body) != BODY_LENGTH or body[0] == "0":
        raise ValueError("an IDCS body has 10 digits and does not start with 0")
    return body + check_digit(body)


def generate() -> str:
    """A random, well-formed IDCS (uniqueness is the caller's: the database checks it)."""
    return make(str(10**9 + secrets.randbelow(9 * 10**9)))


def display(value: str) -> str:
    """The identifier grouped for reading: `1234 5678 90 1`."""
    return f"{value[:4]} {value[4:8]} {value[8:10]} {value[10:]}" if len(value) == LENGTH else value
