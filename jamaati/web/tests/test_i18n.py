"""Every string of the interface is translated into Arabic and French, and the Tamazight
catalogue covers the shell. Future strings cannot slip in untranslated: the catalogues are
regenerated from the source here and checked."""

import ast
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
COMPLETE = ("ar", "fr")
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5;",
    "fr": "nplurals=2; plural=(n > 1);",
    "zgh": "nplurals=2; plural=(n != 1);",
}
# What a Tamazight reader must find in Tifinagh: the shell, the directory, the error pages.
ZGH_SHELL = [
    "Jamaati",
    "Arabic",
    "French",
    "Tamazight",
    "Skip to main content",
    "Language",
    "Account",
    "Sign in",
    "Sign out",
    "Create an account",
    "Search",
    "Find a commune",
    "Find a commune by its name in Arabic or French",
    "Collectivities of Morocco",
    "Jamaati — the digital administration of Morocco's territorial collectivities.",
    "Population figures: High Commission for Planning (HCP), 2024 census.",
    "Regions",
    "Communes",
    "Name",
    "Kind",
    "Population (2024)",
    "Households (2024)",
    "Breadcrumb",
    "Error",
    "Page not found",
    "Access denied",
    "The request could not be understood",
    "Back to the home page",
]


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt else self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete `#~` entries left out); the header is msgid ""."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if current is not None and not line:
                entries.append(current)
                current, target = None, None
            continue
        if current is None:
            current = Entry(line=number)
        if line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            keyword, index, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                current.msgstr[target[1]] = value
            else:
                target = (keyword, 0)
                setattr(current, keyword, value)
        elif line.startswith('"') and target is not None:
            value = ast.literal_eval(line)
            if target[0] == "msgstr":
                current.msgstr[target[1]] += value
            else:
                setattr(current, target[0], getattr(current, target[0]) + value)
        else:
            raise ValueError(f"{path}:{number}: cannot parse {raw!r}")
    if current is not None:
        entries.append(current)
    return entries


def catalogue(lang: str, root: Path = LOCALE) -> list[Entry]:
    return parse_po(root / lang / "LC_MESSAGES" / "django.po")


def problems(entries: list[Entry]) -> list[str]:
    """Entries that are not usable translations: empty, partly empty or fuzzy."""
    return [
        f"line {e.line}: {e.key!r}" + (" (fuzzy)" if "fuzzy" in e.flags else " (untranslated)")
        for e in entries
        if e.msgid and (not e.translated or "fuzzy" in e.flags)
    ]


@pytest.mark.parametrize("lang", COMPLETE)
def test_catalogue_has_no_untranslated_or_fuzzy_string(lang):
    entries = catalogue(lang)
    assert len(entries) > 100
    bad = problems(entries)
    assert not bad, f"{lang}: {len(bad)} strings to translate:\n" + "\n".join(bad)


@pytest.mark.parametrize("lang", ["ar", "fr", "zgh"])
def test_catalogue_header_declares_language_and_plural_forms(lang):
    header = catalogue(lang)[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    assert f"Language: {lang}\n" in header.msgstr[0]
    assert f"Plural-Forms: {PLURAL_FORMS[lang]}\n" in header.msgstr[0]


def test_arabic_plurals_have_six_forms():
    plurals = [e for e in catalogue("ar") if e.msgid_plural]
    assert plurals
    assert all(sorted(e.msgstr) == [0, 1, 2, 3, 4, 5] for e in plurals)


def test_tamazight_covers_the_shell_in_tifinagh():
    translated = {e.key: e.msgstr.get(0, "") for e in catalogue("zgh") if e.translated}
    missing = [m for m in ZGH_SHELL if m not in translated]
    assert not missing, missing
    not_tifinagh = [m for m in ZGH_SHELL if not re.search("[\u2d30-\u2d7f]", translated[m])]
    assert not not_tifinagh, not_tifinagh


def test_catalogues_are_up_to_date_with_the_source(tmp_path, monkeypatch):
    """makemessages over the source finds no string the committed catalogues lack."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is required: apt-get install gettext")
    work = tmp_path / "locale"
    shutil.copytree(LOCALE, work, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.chdir(settings.BASE_DIR)
    with override_settings(LOCALE_PATHS=[work]):
        call_command(
            "makemessages",
            locale=list(COMPLETE),
            ignore_patterns=[".venv", "var", "test-artifacts", "build", "node_modules"],
            no_obsolete=True,
            verbosity=0,
        )
    for lang in COMPLETE:
        bad = problems(catalogue(lang, work))
        assert not bad, (
            f"{lang}: strings in the source are missing from locale/{lang}; run "
            "`manage.py makemessages -l ar -l fr -l zgh --ignore=.venv --ignore=var` and "
            "translate them:\n" + "\n".join(bad)
        )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ar", "تسجيل الدخول"), ("fr", "Se connecter"), ("zgh", "ⴽⵛⵎ")],
)
def test_compiled_catalogue_is_used(lang, expected):
    with translation.override(lang):
        assert translation.gettext("Sign in") == expected


def _untranslated_zgh_msgid() -> str:
    """A simple (singular, no context, no placeholder) msgid left empty in zgh.po."""
    from pathlib import Path

    text = (Path(settings.BASE_DIR) / "locale/zgh/LC_MESSAGES/django.po").read_text()
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if (
            len(lines) == 2
            and lines[0].startswith('msgid "')
            and lines[1] == 'msgstr ""'
            and "%" not in lines[0]
            and lines[0] != 'msgid ""'
        ):
            return lines[0][len('msgid "') : -1]
    raise AssertionError("no untranslated Tamazight string left to test the fallback with")


def test_untranslated_tamazight_falls_back_to_french_not_arabic():
    from django.utils import translation

    msgid = _untranslated_zgh_msgid()
    with translation.override("zgh"):
        shown = translation.gettext(msgid)
    with translation.override("fr"):
        french = translation.gettext(msgid)
    assert shown == french
    assert not any("\u0600" <= ch <= "\u06ff" for ch in shown)
