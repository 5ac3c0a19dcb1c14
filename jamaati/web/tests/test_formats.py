"""Dates and times print day first, on the 24-hour clock, in every language."""

from datetime import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

MOMENT = datetime(2026, 11, 22, 19, 16)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "22\u200f/11\u200f/2026 19:16"),
        ("fr", "22/11/2026 19:16"),
        ("zgh", "22/11/2026 19:16"),
    ],
)
def test_short_date_time_is_day_first_on_the_24_hour_clock(lang, expected):
    with translation.override(lang):
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == expected


def test_arabic_time_is_24_hour():
    with translation.override("ar"):
        assert date_format(MOMENT, "TIME_FORMAT") == "19:16"
