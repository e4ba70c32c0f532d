"""Claim retrieval: a sentence's content words scored against each claim's wordings.

Scores are IDF-weighted overlaps on canonical word stems (0-100). A claim must share its
*predicate* (what it says LDN does) with the sentence, not only the topic words: "LDN is
used in MS" shares the topic of "LDN treats MS" but claims nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from rapidfuzz import fuzz, process

from ldncheck.lexicon import Lexicon
from ldncheck.model import Candidate, Claim
from ldncheck.normalize import normalize, stem, tokens

MATCH_THRESHOLD = 55.0
SUGGEST_THRESHOLD = 35.0
ALTERNATIVE_MARGIN = 12.0
_PREDICATE_WEIGHT, _TOPIC_WEIGHT, _PRECISION_WEIGHT = 0.6, 0.2, 0.2
_FUZZY_CUTOFF = 86.0


@dataclass(frozen=True, slots=True)
class Terms:
    """A text's canonical content terms, split into topic words and the rest."""

    topic: frozenset[str]
    predicate: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        """Every term."""
        return self.topic | self.predicate


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording of a claim (its statement or an alias), pre-analysed."""

    claim: Claim
    text: str
    norm: str
    terms: Terms


@dataclass(frozen=True, slots=True)
class ClaimIndex:
    """Every wording of every claim, grouped by topic, with term weights."""

    by_topic: Mapping[str, tuple[Variant, ...]]
    weights: Mapping[str, float]
    vocabulary: tuple[str, ...]


_STRIPPED = (
    "not_negations",
    "governing_negations",
    "negations",
    "nominal_negations",
    "postfix_negations",
    "hedges",
    "reported",
)


def _strip_cues(norm: str, lexicon: Lexicon) -> str:
    """Remove stance words so that "does not cure" and "cures" share their content."""
    for family in _STRIPPED:
        norm = lexicon.stance[family].sub(" ", norm)
    return norm


def _canonical(words: Iterable[str], lexicon: Lexicon) -> frozenset[str]:
    out = set()
    for word in words:
        if word in lexicon.stopwords:
            continue
        out.add(stem(lexicon.equivalents.get(word, word)))
    return frozenset(out)


def canonicalise(norm: str, lexicon: Lexicon) -> str:
    """Rewrite every equivalent word or phrase to its canonical word, in one pass."""
    for pattern, replacement in lexicon.match_rewrites:
        norm = pattern.sub(f" {replacement} ", norm)
    table = lexicon.equivalents
    return lexicon.equivalent_pattern.sub(lambda m: f" {table[m.group(0)]} ", norm)


def analyse(norm: str, lexicon: Lexicon) -> Terms:
    """Canonical topic and predicate terms of normalised text.

    Equivalents come first so that words which deny by themselves ("unlicensed",
    "contraindicated") keep their content ("approved", "combine") after cues are stripped.
    """
    text = _strip_cues(canonicalise(norm, lexicon), lexicon)
    topic_words: list[str] = []
    # Only conditions are "topic" words; in a descriptive topic (dose, safety, rules) the
    # topic's own words ("nausea", "over the counter") are what the claim says.
    for slug, pattern in lexicon.topic_patterns.items():
        if lexicon.topics[slug].descriptive:
            continue
        for hit in pattern.finditer(text):
            topic_words.extend(tokens(hit.group(0)))
    topic = _canonical(topic_words, lexicon)
    rest = _canonical(tokens(text), lexicon) - topic
    return Terms(topic=topic, predicate=rest)


def build_index(claims: tuple[Claim, ...], lexicon: Lexicon) -> ClaimIndex:
    """Analyse every wording once, when the knowledge base loads."""
    by_topic: dict[str, list[Variant]] = {}
    document_frequency: dict[str, int] = {}
    for claim in claims:
        seen: set[str] = set()
        for text in (claim.statement, *claim.aliases):
            norm = normalize(text, lexicon)
            terms = analyse(norm, lexicon)
            by_topic.setdefault(claim.topic, []).append(Variant(claim, text, norm, terms))
            seen |= terms.all
        for term in seen:
            document_frequency[term] = document_frequency.get(term, 0) + 1
    total = max(len(claims), 1)
    weights = {t: math.log(1.0 + total / df) for t, df in document_frequency.items()}
    return ClaimIndex(
        by_topic=MappingProxyType({k: tuple(v) for k, v in by_topic.items()}),
        weights=MappingProxyType(weights),
        vocabulary=tuple(sorted(weights)),
    )


@lru_cache(maxsize=4096)
def _nearest(term: str, vocabulary: tuple[str, ...]) -> str:
    hit = process.extractOne(term, vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    return str(hit[0]) if hit else term


def spellfix(terms: Terms, index: ClaimIndex) -> Terms:
    """Map unknown words to a close knowledge-base word, so misspellings still match."""

    def fix(group: frozenset[str]) -> frozenset[str]:
        return frozenset(
            t
            if t in index.weights or len(t) < 5 or not t.isalpha()
            else _nearest(t, index.vocabulary)
            for t in group
        )

    return Terms(topic=fix(terms.topic), predicate=fix(terms.predicate))


def _weight(terms: Iterable[str], weights: Mapping[str, float]) -> float:
    # Words the knowledge base never uses still dilute precision, at a modest weight.
    return sum(weights.get(t, 1.0) for t in terms)


# A stronger verb carries a weaker one: "cures" asserts at least "helps", "halts" at least
# "helps", so a sentence with the stronger word earns part credit for the weaker one.
IMPLIED_CREDIT = 0.7
IMPLIES = MappingProxyType({"cure": ("help",), "slow": ("help",)})


def _implied(words: frozenset[str], variant: frozenset[str], weights: Mapping[str, float]) -> float:
    credit = 0.0
    for strong, weaker in IMPLIES.items():
        if strong in words:
            credit += sum(weights.get(w, 1.0) for w in weaker if w in variant and w not in words)
    return IMPLIED_CREDIT * credit


# A wording that names a quantity the sentence contradicts ("4.5 mg" against "50 mg") is a
# different claim, however many words they share.
QUANTITY_CONFLICT_FACTOR = 0.6


def _numbers(terms: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in terms if t.replace(".", "", 1).isdigit())


def _quantity_factor(sentence: frozenset[str], variant: frozenset[str]) -> float:
    theirs, ours = _numbers(variant), _numbers(sentence)
    return QUANTITY_CONFLICT_FACTOR if theirs and ours and not theirs & ours else 1.0


def score_variant(sentence: Terms, variant: Terms, weights: Mapping[str, float]) -> float:
    """0-100: how much of the wording's claim the sentence carries, and how little else."""
    words = sentence.all
    pred_total = _weight(variant.predicate, weights)
    if pred_total:
        carried = _weight(variant.predicate & words, weights)
        predicate_recall = (carried + _implied(words, variant.predicate, weights)) / pred_total
    else:
        predicate_recall = 0.5
    topic_total = _weight(variant.topic, weights)
    topic_recall = _weight(variant.topic & words, weights) / topic_total if topic_total else 1.0
    sentence_total = _weight(words, weights)
    precision = _weight(words & variant.all, weights) / sentence_total if sentence_total else 0.0
    return (
        _quantity_factor(words, variant.all)
        * 100.0
        * (
            _PREDICATE_WEIGHT * predicate_recall
            + _TOPIC_WEIGHT * topic_recall
            + _PRECISION_WEIGHT * precision
        )
    )


def rank(
    sentence: Terms, topics: Iterable[str], index: ClaimIndex
) -> list[tuple[Candidate, Variant]]:
    """Claims of the given topics, best first, each with its best-scoring wording."""
    best: dict[str, tuple[Candidate, Variant]] = {}
    order: dict[str, int] = {}
    for topic in topics:
        for variant in index.by_topic.get(topic, ()):
            score = score_variant(sentence, variant.terms, index.weights)
            order.setdefault(variant.claim.id, len(order))
            held = best.get(variant.claim.id)
            if held is None or score > held[0].score:
                best[variant.claim.id] = (
                    Candidate(variant.claim, round(score, 1), variant.text),
                    variant,
                )
    # On a tie the claim listed first in its topic wins: curators list the main claim first.
    return sorted(best.values(), key=lambda cv: (-cv[0].score, order[cv[0].claim.id]))
