import pytest

from jamaati.core.navigation import register_section


def test_a_section_cannot_be_registered_twice():
    register_section(key="test-nav", label="T", url_name="bo:overview", action="x")
    with pytest.raises(ValueError, match="twice"):
        register_section(key="test-nav", label="T", url_name="bo:overview", action="x")
