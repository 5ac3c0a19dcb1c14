import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Rule messages read in their source language (English), so that tests can check the
    article each one cites; test_messages_are_translated checks they are translated too."""
    with translation.override("en"):
        yield
