"""Text normalisation: Unicode, quotes and dashes, case, abbreviations and synonyms."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ldncheck.lexicon import Lexicon
from ldncheck.prefilter import rewrite

# Claims longer than this are cut for matching; no real sentence comes close.
MAX_SENTENCE_CHARS = 2_000

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": " - ",
        "\u2015": " - ",
        "\u2212": "-",
        "\u00ad": "",
    }
)
# Zero-width and bidirectional controls change nothing a reader sees but break word matching.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Terminal escape sequences (CSI such as ESC[2J, OSC such as hyperlinks) say nothing about
# the claim; left in, their letters would glue onto the words around them.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")


def clean(text: str) -> str:
    """Unicode-normalise and fold quotes, dashes, invisible characters and whitespace."""
    text = text[:MAX_SENTENCE_CHARS]
    if text.isascii() and not _CONTROL.search(text):
        # Most sentences: NFKC keeps ASCII as it is, the invisible characters are not ASCII,
        # an escape sequence starts with a control character, and of the folded quotes and
        # dashes only the backtick is ASCII.
        return _SPACE.sub(" ", text.replace("`", "'")).strip()
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _ESCAPES.sub(" ", text)
    text = _INVISIBLE.sub("", text).translate(_TRANSLATE)
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def normalize(text: str, lexicon: Lexicon) -> str:
    """Cleaned, lower-cased text with abbreviations expanded and synonyms rewritten."""
    text = rewrite(clean(text), lexicon.abbreviations, lexicon.abbreviation_screen)
    text = rewrite(text.lower(), lexicon.synonyms, lexicon.synonym_screen)
    return _SPACE.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Word tokens of normalised text."""
    return _TOKEN.findall(text)


_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ingly",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
    "e",
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stemmer: enough to read 'treats', 'treated' and 'treating' alike."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word
