"""Yearly sequences: one per collectivity, series and year; a rolled-back number comes back."""

import pytest
from django.db import transaction
from django.utils import timezone

from jamaati.core.numbering.services import next_in_sequence

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communes(territory):
    return territory.filter(kind="commune").order_by("code")[:2]


def test_numbers_follow_each_other_per_collectivity_series_and_year(two_communes):
    a, b = two_communes
    assert next_in_sequence(collectivity=a, series="complaints", year=2026) == (2026, 1)
    assert next_in_sequence(collectivity=a, series="complaints", year=2026) == (2026, 2)
    assert next_in_sequence(collectivity=a, series="information", year=2026) == (2026, 1)
    assert next_in_sequence(collectivity=b, series="complaints", year=2026) == (2026, 1)
    assert next_in_sequence(collectivity=a, series="complaints", year=2027) == (2027, 1)


def test_a_rolled_back_number_is_given_again(two_communes):
    a = two_communes[0]
    next_in_sequence(collectivity=a, series="complaints", year=2026)

    def failed_filing():
        with transaction.atomic():
            assert next_in_sequence(collectivity=a, series="complaints", year=2026) == (2026, 2)
            raise RuntimeError("the filing failed")

    with pytest.raises(RuntimeError):
        failed_filing()
    assert next_in_sequence(collectivity=a, series="complaints", year=2026) == (2026, 2)


def test_without_a_year_the_current_year_is_used(two_communes):
    year, number = next_in_sequence(collectivity=two_communes[0], series="cases-x")
    assert (year, number) == (timezone.localdate().year, 1)
