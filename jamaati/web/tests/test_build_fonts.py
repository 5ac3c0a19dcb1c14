"""build_fonts: small WOFF2 subsets that keep what the pages need, rebuilt only when stale."""

import os
from io import StringIO

import pytest
from django.core.management import call_command
from fontTools.ttLib import TTFont

from jamaati.web.management.commands.build_fonts import TIFINAGH_OUTPUT


@pytest.fixture
def built(tmp_path, settings):
    settings.FONTS_BUILD_DIR = tmp_path
    call_command("build_fonts", verbosity=0)
    return tmp_path


def test_fonts_are_small_woff2_with_the_needed_glyphs_and_weights(built):
    arabic, latin = built / "noto-sans-arabic.woff2", built / "noto-sans-latin.woff2"
    for path in (arabic, latin):
        assert path.stat().st_size < 150 * 1024
        assert path.read_bytes()[:4] == b"wOF2"
    font = TTFont(arabic)
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "أكاديرجماعةڤ،؟")
    assert {a.axisTag: (a.minValue, a.maxValue) for a in font["fvar"].axes} == {
        "wght": (400.0, 700.0)
    }
    features = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig"} <= features
    latin_cmap = TTFont(latin).getBestCmap()
    assert all(ord(c) in latin_cmap for c in "Fès Aït Ouarzazate Œ € « » 0123456789")
    assert (built / "noto-sans-arabic.OFL.txt").is_file()


def test_second_run_does_nothing_when_up_to_date(built):
    target = built / "noto-sans-latin.woff2"
    os.utime(target, (2_000_000_000, 2_000_000_000))
    out = StringIO()
    call_command("build_fonts", stdout=out)
    assert out.getvalue() == ""
    assert target.stat().st_mtime == 2_000_000_000


def test_committed_tifinagh_font_covers_the_block_and_has_its_licence():
    path = TIFINAGH_OUTPUT / "noto-sans-tifinagh.woff2"
    assert path.stat().st_size < 30 * 1024
    cmap = TTFont(path).getBestCmap()
    assert all(ord(c) in cmap for c in "ⵜⴰⵎⴰⵣⵉⵖⵜ ⵊⴰⵎⴰⵄⵜⵉ")
    assert "SIL OPEN FONT LICENSE" in (TIFINAGH_OUTPUT / "OFL.txt").read_text()
