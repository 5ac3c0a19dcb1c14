"""One stylesheet serves both directions: no physical property anywhere, no remote asset."""

import re
from pathlib import Path

import pytest
from django.conf import settings

STYLESHEETS = sorted(Path(settings.BASE_DIR, "jamaati").glob("*/static/**/*.css"))

# Physical properties and values that break in right-to-left pages; each has a logical twin
# (margin-inline-start, inset-inline-end, text-align: start, border-start-end-radius...).
FORBIDDEN = [
    (
        r"(?<![\w-])(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)\b",
        "use the -inline-start / -inline-end property",
    ),
    (
        r"(?<![\w-])border-(?:top|bottom)-(?:left|right)-radius\b",
        "use border-start-end-radius etc.",
    ),
    (r"(?<![\w-])(?:left|right)\s*:", "use inset-inline-start / inset-inline-end"),
    (
        r"(?<![\w-])(?:float|clear|text-align|caption-side)\s*:\s*(?:left|right)\b",
        "use start / end (inline-start / inline-end)",
    ),
    (r"\bto\s+(?:left|right)\b", "a gradient direction must not depend on the page direction"),
    (r"(?<![\w-])background-position(?:-x)?\s*:[^;]*\b(?:left|right)\b", "no physical position"),
]


def _declarations(path: Path) -> str:
    return re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)


def test_there_are_stylesheets_to_check():
    assert any(p.name == "jamaati.css" for p in STYLESHEETS)


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_uses_logical_properties_only(path):
    css = _declarations(path)
    found = [
        f"{path.name}:{css[: m.start()].count(chr(10)) + 1}: {m.group(0)!r} ({advice})"
        for pattern, advice in FORBIDDEN
        for m in re.finditer(pattern, css)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_fetches_nothing_from_the_internet(path):
    css = _declarations(path)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)
    assert "@import" not in css


def test_the_checker_catches_physical_properties(tmp_path):
    sample = ".a{margin-left:1rem}.b{padding-right:0}.c{float: left}.d{right:0}.e{text-align:right}"
    hits = [m.group(0) for pattern, _ in FORBIDDEN for m in re.finditer(pattern, sample)]
    assert len(hits) == 5
    fine = ".a{margin-inline-start:1rem;inset-inline-end:0;text-align:end;inline-size:1px}"
    assert not [m for pattern, _ in FORBIDDEN for m in re.finditer(pattern, fine)]


def test_fonts_are_declared_with_swap_and_unicode_range():
    css = _declarations(Path(settings.BASE_DIR, "jamaati/web/static/web/jamaati.css"))
    faces = re.findall(r"@font-face\s*{(.*?)}", css, re.S)
    assert len(faces) == 3
    for face in faces:
        assert "font-display: swap" in face
        assert "unicode-range:" in face
        assert re.search(r'url\("fonts/[\w-]+\.woff2"\) format\("woff2"\)', face)
