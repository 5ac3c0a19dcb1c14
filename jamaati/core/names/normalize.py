"""Name normalisation for search: Arabic letter variants and Latin accents folded away.

Pure functions. The same normalisation is applied to stored names and to what people type,
so `Fès` finds `Fes` and `أكادير` finds `اكادير`.
"""

import re
import unicodedata

# Arabic diacritics (harakat, shadda, sukun, superscript alef), Quranic marks and tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # yeh with hamza -> yeh
        "\u06a4": "\u0641",  # veh (Maghrebi v) -> feh
        "\u06af": "\u0643",  # gaf -> kaf
        "\u06a8": "\u0642",  # Maghrebi qaf variant -> qaf
    }
)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_'\u2019`\u02bc.,;:/()\[\]]+")


def normalize_arabic(text: str) -> str:
    """Arabic text without diacritics or tatweel and with hamza/alef/yeh/teh variants unified."""
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)


def fold_latin(text: str) -> str:
    """Lower-case text with accents removed (`Fès` -> `fes`, `Aït` -> `ait`)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_key(text: str) -> str:
    """The normalised form used to match names: folded, unified, separators as single spaces.

    Guarantees: idempotent (search_key(search_key(x)) == search_key(x)), and equal for two
    spellings that differ only by case, accents, hamza forms, diacritics, tatweel, hyphens
    or apostrophes.
    """
    folded = fold_latin(normalize_arabic(unicodedata.normalize("NFC", text)))
    # NFKD decomposed the Arabic hamza letters again; unify them once more after folding.
    folded = normalize_arabic(unicodedata.normalize("NFC", folded))
    return _SEPARATORS.sub(" ", folded).strip()
