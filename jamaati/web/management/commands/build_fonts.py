"""Subset the packaged Noto fonts to small WOFF2 files for the web pages.

The sources are the variable TTFs of the `fontpkg-noto-sans-arabic` and `fontpkg-noto-sans`
packages (0.8 MB and 2 MB). Pages only need the Arabic and Latin letters Moroccan
administration writes, in weights 400 to 700, at the normal width: the outputs are about
85 KB (Arabic) and 40 KB (Latin). They go to settings.FONTS_BUILD_DIR, served as
static/web/fonts/. A run does nothing when every output is newer than its inputs.

The Tifinagh font is not on PyPI; its WOFF2 is committed under jamaati/web/static/web/fonts/.
`build_fonts --tifinagh-from NotoSansTifinagh-Regular.ttf` regenerates it (see
docs/dependencies.md, Fonts).
"""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import fontpkg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer


def _span(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))


# Each file holds only what its @font-face unicode-range serves (see jamaati.css), plus spaces.
_SPACES = [0x20, 0xA0]
ARABIC = (
    _SPACES
    + _span(0x200C, 0x200F)  # joiners and direction marks
    + [0x25CC]  # dotted circle, shown under a lone diacritic
    + _span(0x0600, 0x06FF)  # Arabic
    + _span(0x08BB, 0x08BD)  # Maghrebi feh, qaf and noon (Arabic Extended-A)
    + _span(0xFB50, 0xFDFF)  # Arabic Presentation Forms-A
    + _span(0xFE70, 0xFEFF)  # Arabic Presentation Forms-B
)
LATIN = (
    _span(0x20, 0xFF)  # Basic Latin and Latin-1
    + _span(0x0100, 0x017F)  # Latin Extended-A
    + _span(0x2000, 0x200B)
    + _span(0x2010, 0x206F)  # general punctuation (dashes, quotes, ellipsis)
    + [0x20AC, 0x2122, 0x2190, 0x2192, 0x2212]
)
TIFINAGH = [*_SPACES, 0x200C, 0x200D, 0x25CC, *_span(0x2D30, 0x2D7F)]
TIFINAGH_OUTPUT = Path(__file__).resolve().parents[2] / "static" / "web" / "fonts"


@dataclass(frozen=True)
class WebFont:
    family: str  # the fontpkg family that provides the source
    output: str  # file name under static/web/fonts/
    unicodes: list[int]


WEB_FONTS = (
    WebFont("Noto Sans Arabic", "noto-sans-arabic.woff2", ARABIC),
    WebFont("Noto Sans", "noto-sans-latin.woff2", LATIN),
)


def subset_to_woff2(
    source: Path, target: Path, unicodes: list[int], axes: dict[str, object] | None = None
) -> int:
    """Write `source` reduced to `unicodes` (and pinned `axes`) as WOFF2; return its size."""
    font = TTFont(source)
    options = Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic shaping needs init/medi/fina/isol, rlig, mark...
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.notdef_outline = True
    options.hinting = False
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    if axes and "fvar" in font:
        present = {a.axisTag for a in font["fvar"].axes}
        font = instancer.instantiateVariableFont(
            font, {tag: value for tag, value in axes.items() if tag in present}
        )
    font.flavor = "woff2"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as tmp:
        font.save(tmp)
    Path(tmp.name).chmod(0o644)
    Path(tmp.name).replace(target)
    return target.stat().st_size


def _licence(source: Path) -> Path | None:
    for parent in (source.parent, source.parent.parent):
        for name in ("LICENSE", "OFL.txt", "LICENSE.txt"):
            if (parent / name).is_file():
                return parent / name
    return None


class Command(BaseCommand):
    help = "Subset the Noto fonts to WOFF2 for the web pages (skipped when up to date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
        parser.add_argument(
            "--tifinagh-from",
            metavar="TTF",
            help="regenerate the committed Tifinagh WOFF2 from NotoSansTifinagh-Regular.ttf",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["tifinagh_from"]:
            self._tifinagh(Path(str(options["tifinagh_from"])))
        out_dir = Path(settings.FONTS_BUILD_DIR)
        out_dir.mkdir(parents=True, exist_ok=True)
        this_code = Path(__file__).stat().st_mtime
        for web_font in WEB_FONTS:
            try:
                source = Path(fontpkg.path(web_font.family))
            except fontpkg.FontpkgError as exc:
                raise CommandError(f"{web_font.family}: {exc} (run `make install`)") from exc
            target = out_dir / web_font.output
            newest_input = max(source.stat().st_mtime, this_code)
            if not options["force"] and target.exists() and target.stat().st_mtime > newest_input:
                continue
            size = subset_to_woff2(
                source, target, web_font.unicodes, axes={"wdth": 100, "wght": (400, 700)}
            )
            licence = _licence(source)
            if licence is not None:
                shutil.copyfile(licence, out_dir / f"{target.stem}.OFL.txt")
            if options["verbosity"] >= 1:  # type: ignore[operator]
                self.stdout.write(f"{target.name}: {size // 1024} KB")

    def _tifinagh(self, source: Path) -> None:
        if not source.is_file():
            raise CommandError(f"{source}: no such font file")
        size = subset_to_woff2(source, TIFINAGH_OUTPUT / "noto-sans-tifinagh.woff2", TIFINAGH)
        self.stdout.write(f"noto-sans-tifinagh.woff2: {size // 1024} KB")
