"""The lexicon: abbreviations, synonyms, topics and stance cues, compiled from YAML."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ldncheck.model import Topic
from ldncheck.prefilter import (
    Family,
    Guarded,
    Screen,
    from_table,
    guard,
    parsed,
    phrase_trie,
    table_entry,
    table_key,
    unscreened,
)
from ldncheck.yamlload import Located

Rewrite = tuple[Guarded, str]
# What a cached knowledge base remembers of each pattern: its needs, by ``table_key``.
Prefilters = Mapping[str, "list[Any]"]

_STANCE_FAMILIES = (
    "question_starts",
    "advice_starts",
    "governing_negations",
    "negations",
    "nominal_negations",
    "postfix_negations",
    "lexical_negations",
    "not_negations",
    "hedges",
    "modal_hedges",
    "reported",
    "boosters",
    "strong_boosters",
)
_LDN_KEYS = ("terms", "naltrexone", "low_dose_markers", "full_dose_markers", "other_drugs")
_TOP_KEYS = {
    "schema_version",
    "abbreviations",
    "synonyms",
    "match_rewrites",
    "equivalents",
    "relations",
    "stopwords",
    "ldn",
    "topics",
    "stance",
}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled language data; every pattern is precompiled once per knowledge base."""

    abbreviations: tuple[Rewrite, ...]
    synonyms: tuple[Rewrite, ...]
    match_rewrites: tuple[Rewrite, ...]
    equivalents: Mapping[str, str]
    equivalent_pattern: Guarded
    stopwords: frozenset[str]
    relations: frozenset[str]
    ldn: Mapping[str, Family]
    topics: Mapping[str, Topic]
    topic_patterns: Mapping[str, Family]
    general_topics: frozenset[str]
    stance: Mapping[str, Family]
    # Screens over the lists run on every sentence (made from the patterns above).
    abbreviation_screen: Screen = field(compare=False, repr=False)
    synonym_screen: Screen = field(compare=False, repr=False)
    match_rewrite_screen: Screen = field(compare=False, repr=False)
    # The match rewrites with the spaces canonicalisation puts around a replacement.
    canonical_rewrites: tuple[Rewrite, ...] = field(compare=False, repr=False)
    topic_screen: Screen = field(compare=False, repr=False)
    # The topic patterns in the screen's order, so that its bits index them.
    topic_order: tuple[tuple[str, Family], ...] = field(compare=False, repr=False)
    # Each word's matcher term once worked out (see match.term_of): a cache, not data.
    terms: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # Readings of knowledge-base wordings worked out so far (see stance): a cache, not data.
    readings: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def patterns(self) -> Iterator[Guarded]:
        """Every pattern of the lexicon."""
        for pattern, _ in (*self.abbreviations, *self.synonyms, *self.match_rewrites):
            yield pattern
        yield self.equivalent_pattern
        for family in (*self.ldn.values(), *self.topic_patterns.values(), *self.stance.values()):
            yield family
            yield from family.members

    def prefilters(self) -> dict[str, list[Any]]:
        """What the knowledge-base cache keeps of every pattern (see prefilter.table_entry)."""
        return {table_key(p.pattern, p.flags): table_entry(p) for p in self.patterns()}


def _union(patterns: list[str]) -> str:
    """One alternation for a cue family: a single pass finds every cue of the family."""
    return "|".join(f"(?:{p})" for p in patterns) if patterns else r"(?!x)x"


def _family(patterns: list[str], cached: Prefilters | None) -> Family:
    """A cue family (see prefilter.Family); raises ``re.error`` when a pattern is invalid."""
    whole = _guarded(_union(patterns), 0, cached)
    # A member runs only inside an alternation of members, so it need not compile alone.
    return Family(whole, [_guarded(p, 0, cached, make=parsed) for p in patterns])


def _guarded(
    source: str,
    flags: int,
    cached: Prefilters | None,
    make: Callable[[str, int], Guarded] = guard,
) -> Guarded:
    """The pattern from the cache's entry (compiled later), or else made now by ``make``.

    A cache exists only for a lexicon that compiled once, so its patterns need no second check.
    Raises ``re.error`` when a pattern made now is invalid.
    """
    if cached is not None:
        key = table_key(source, flags)
        if key in cached:
            return from_table(source, flags, cached[key])
    return make(source, flags)


def _compile(
    doc: Located,
    keys: list[str | int],
    pattern: Any,
    flags: int = 0,
    cached: Prefilters | None = None,
) -> Guarded:
    if not isinstance(pattern, str):
        raise doc.error(keys, "pattern must be a string")
    try:
        return _guarded(pattern, flags, cached)
    except re.error as exc:
        raise doc.error(keys, f"invalid regular expression: {exc}") from None


def _strings(doc: Located, keys: list[str | int], value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise doc.error(keys, "expected a list of strings")
    return list(value)


def _checked_union(
    doc: Located, keys: list[str | int], patterns: list[str], cached: Prefilters | None
) -> Family:
    """The family's alternation; only when it fails is each pattern compiled, to say which."""
    try:
        return _family(patterns, cached)
    except re.error:
        for i, pattern in enumerate(patterns):
            _compile(doc, [*keys, i], pattern)
        raise doc.error(keys, "these patterns do not combine into one expression") from None


def _rewrites(
    doc: Located, key: str, target: str, cached: Prefilters | None
) -> tuple[Rewrite, ...]:
    out: list[Rewrite] = []
    for i, entry in enumerate(doc.data.get(key) or []):
        where: list[str | int] = [key, i]
        if not isinstance(entry, dict) or "pattern" not in entry or target not in entry:
            raise doc.error(where, f"each entry needs 'pattern' and '{target}'")
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        pattern = _compile(doc, [*where, "pattern"], entry["pattern"], flags, cached)
        out.append((pattern, str(entry[target])))
    return tuple(out)


def _equivalents(doc: Located, cached: Prefilters | None) -> tuple[dict[str, str], Guarded]:
    words: dict[str, str] = {}
    section = doc.data.get("equivalents") or {}
    if not isinstance(section, dict):
        raise doc.error(["equivalents"], "expected a mapping of canonical words to lists")
    for canonical, members in section.items():
        if not isinstance(members, list):
            raise doc.error(["equivalents", canonical], "expected a list of words")
        for member in members:
            words[str(member).lower()] = str(canonical)
    # Single words are looked up token by token; only phrases ("game changer", "off-label")
    # need the regex, one alternation, longest first, so a phrase wins over its parts.
    source = r"\b(?:" + phrase_trie(w for w in words if not w.isalnum()) + r")\b"
    return words, unscreened(_guarded(source, 0, cached))


def _label(doc: Located, slug: str, value: Any) -> str:
    if not isinstance(value, str):
        raise doc.error(["topics", slug, "label"], "label must be a string")
    return value


def _topics(
    doc: Located, cached: Prefilters | None
) -> tuple[dict[str, Topic], dict[str, Family], frozenset[str]]:
    raw = doc.data.get("topics")
    if not isinstance(raw, dict) or not raw:
        raise doc.error(["topics"], "expected a mapping of topic slugs")
    topics: dict[str, Topic] = {}
    patterns: dict[str, Family] = {}
    general: set[str] = set()
    for slug, spec in raw.items():
        if not isinstance(spec, dict) or "terms" not in spec:
            raise doc.error(["topics", slug], "each topic needs 'label' and 'terms'")
        terms = _strings(doc, ["topics", slug, "terms"], spec["terms"])
        topics[slug] = Topic(
            slug=slug,
            label=_label(doc, slug, spec.get("label", slug)),
            terms=tuple(terms),
            descriptive=bool(spec.get("descriptive", False)),
        )
        # Longest terms first, so "crohn's disease" is read whole rather than as "crohn's".
        try:
            patterns[slug] = _family(sorted(terms, key=len, reverse=True), cached)
        except re.error:
            _checked_union(doc, ["topics", slug, "terms"], terms, None)  # raises, located
            raise
        if spec.get("general"):
            general.add(slug)
    return topics, patterns, frozenset(general)


def _families(
    doc: Located, key: str, names: tuple[str, ...], cached: Prefilters | None
) -> dict[str, Family]:
    section = doc.data.get(key)
    if not isinstance(section, dict):
        raise doc.error([key], f"expected a mapping with keys: {', '.join(names)}")
    unknown = set(section) - set(names)
    if unknown:
        raise doc.error([key, sorted(unknown)[0]], f"unknown key {sorted(unknown)[0]!r}")
    return {
        name: _checked_union(
            doc, [key, name], _strings(doc, [key, name], section.get(name, [])), cached
        )
        for name in names
    }


def _plain_strings(doc: Located, key: str) -> list[str]:
    """A top-level list of words (not patterns), or an empty list when absent."""
    value = doc.data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise doc.error([key], "expected a list of strings")
    return value


def relation_terms(words: Iterable[str]) -> frozenset[str]:
    """Relation words as the matcher sees them (lower case, stemmed)."""
    from ldncheck.normalize import stem

    return frozenset(stem(str(w).lower()) for w in words)


def build_lexicon(doc: Located, cached: Prefilters | None = None) -> Lexicon:
    """Validate and compile a parsed lexicon document.

    ``cached`` is the ``Lexicon.prefilters()`` of the same document from an earlier build: its
    patterns are then compiled on first use instead of now, and most are never needed.
    """
    if not isinstance(doc.data, dict):
        raise doc.error([], "expected a mapping at the top level")
    unknown = set(doc.data) - _TOP_KEYS
    if unknown:
        first = sorted(unknown)[0]
        raise doc.error([first], f"unknown key {first!r}")
    words, equivalent_pattern = _equivalents(doc, cached)
    topics, topic_patterns, general = _topics(doc, cached)
    abbreviations = _rewrites(doc, "abbreviations", "expansion", cached)
    synonyms = _rewrites(doc, "synonyms", "replacement", cached)
    match_rewrites = _rewrites(doc, "match_rewrites", "replacement", cached)
    return Lexicon(
        abbreviations=abbreviations,
        synonyms=synonyms,
        match_rewrites=match_rewrites,
        equivalents=MappingProxyType(words),
        equivalent_pattern=equivalent_pattern,
        stopwords=frozenset(w.lower() for w in _plain_strings(doc, "stopwords")),
        relations=relation_terms(_plain_strings(doc, "relations")),
        ldn=MappingProxyType(_families(doc, "ldn", _LDN_KEYS, cached)),
        topics=MappingProxyType(topics),
        topic_patterns=MappingProxyType(topic_patterns),
        general_topics=general,
        stance=MappingProxyType(_families(doc, "stance", _STANCE_FAMILIES, cached)),
        abbreviation_screen=Screen(p for p, _ in abbreviations),
        synonym_screen=Screen(p for p, _ in synonyms),
        match_rewrite_screen=Screen(p for p, _ in match_rewrites),
        canonical_rewrites=tuple((p, f" {r} ") for p, r in match_rewrites),
        topic_screen=Screen(topic_patterns.values()),
        topic_order=tuple(topic_patterns.items()),
    )
