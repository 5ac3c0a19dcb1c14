import pytest

from jamaati.core.templatetags.bidi import text_dir


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Le document n'existe pas encore.", "ltr"),
        ("الوثيقة غير موجودة بعد.", "rtl"),
        ("2026 : الميزانية", "rtl"),  # digits and punctuation are weak: the first letter decides
        ("« Budget » الميزانية", "ltr"),
        ("", "ltr"),
        (None, "ltr"),
    ],
)
def test_the_first_strong_letter_decides(text, direction):
    assert text_dir(text) == direction
