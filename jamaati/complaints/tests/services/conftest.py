import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are read in English in these tests (msgids)."""
    with translation.override("en"):
        yield
