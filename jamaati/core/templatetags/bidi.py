"""The direction of a text people typed, for pages and PDFs: `<p dir="{{ text|text_dir }}">`.

Browsers understand `dir="auto"`; WeasyPrint does not, so documents need the direction
spelled out. The first strong character decides, as the Unicode bidirectional algorithm's
paragraph rule (P2-P3) does.
"""

import unicodedata

from django import template

register = template.Library()


@register.filter
def text_dir(text: object) -> str:
    """The direction of `text`: rtl when its first letter with a strong direction is
    right-to-left (Arabic, Hebrew), else ltr (also for a text without any letter)."""
    for char in str(text or ""):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
