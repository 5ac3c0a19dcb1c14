"""Name normalisation and cross-script name keys for search.

Pure functions, no Django. `normalize` folds away what never distinguishes two names (case,
accents, Arabic letter variants, separators); `keys` goes further and builds keys that meet
across Arabic and Latin script and across Moroccan spelling habits, for the national search.
"""

from jamaati.core.names.keys import (
    MATCH_THRESHOLD,
    name_keys,
    name_similarity,
    phonetic_key,
    transliterate_arabic,
)
from jamaati.core.names.normalize import fold_latin, normalize_arabic, search_key

__all__ = [
    "MATCH_THRESHOLD",
    "fold_latin",
    "name_keys",
    "name_similarity",
    "normalize_arabic",
    "phonetic_key",
    "search_key",
    "transliterate_arabic",
]
