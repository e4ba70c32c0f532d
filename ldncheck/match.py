"""Claim retrieval: a sentence's content words scored against each claim's wordings.

Scores are IDF-weighted overlaps on canonical word stems (0-100). A claim must share its
*predicate* (what it says LDN does) with the sentence, not only the topic words: "LDN is
used in MS" shares the topic of "LDN treats MS" but claims nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from ldncheck.lexicon import Lexicon
from ldncheck.model import Candidate, Claim
from ldncheck.normalize import normalize, stem, tokens
from ldncheck.prefilter import rewrite

# Calibrated with `python bench/accuracy.py --calibrate` on the two development sets:
# verdict accuracy is flat from 45 to 60 and falls off on either side. Within that range the
# upper half is taken, because a false flag costs a writer more than an abstention: at 50 a
# no-claim sentence ("picked up my first LDN prescription") already matched on one word.
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
    # Every term: read several times per sentence, so joined once.
    all: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "all", self.topic | self.predicate)


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording of a claim (its statement or an alias), pre-analysed and pre-weighed."""

    claim: Claim
    text: str
    norm: str
    terms: Terms
    position: int = 0
    ordinal: int = 0
    predicate_weight: int = 0
    topic_weight: int = 0
    numbers: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()


# The wordings (by ordinal) posted under one term: those where it is a topic word, then
# those where it is a predicate word.
Posting = tuple[tuple[int, ...], tuple[int, ...]]
# What scoring needs of a posted wording, by ordinal: its predicate and topic weights, its
# numbers and relation words, and every wording that scores alike (claim id, ordinal, wording).
Scoring = tuple[int, int, frozenset[str], frozenset[str], tuple[tuple[str, int, "Variant"], ...]]


@dataclass(frozen=True, slots=True)
class ClaimIndex:
    """Every wording of every claim, grouped by topic and posted by term, with term weights.

    The postings let a sentence be scored only against the wordings that share a term with
    it, so the cost of a match grows with the sentence's vocabulary, not the knowledge base.
    """

    wordings: tuple[Variant, ...]
    by_topic: Mapping[str, tuple[Variant, ...]]
    weights: Mapping[str, int]
    vocabulary: tuple[str, ...]
    # Each topic's postings by term: a sentence gated to a topic reads that topic's table.
    postings: Mapping[str, Mapping[str, Posting]]
    # The same postings by term alone, for sentences gated to many topics at once.
    by_term: Mapping[str, Posting]
    # By the ordinal of each posted wording. Wordings with identical terms in one topic score
    # alike; only the first is posted, and its entry lists every one of them (itself first).
    scoring: Mapping[int, Scoring]
    # Values worked out from the index on first use (the anchors of each wording); they are
    # not part of what the index is, so equality and the cache ignore them.
    derived: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


# Hedges and reported-speech frames are not stripped: their spans can hold the claim's own
# words ("some patients with MS report ..."); their cue words are stop words instead.
_STRIPPED = (
    "not_negations",
    "governing_negations",
    "negations",
    "nominal_negations",
    "postfix_negations",
)


def _strip_cues(norm: str, lexicon: Lexicon) -> str:
    """Remove stance words so that "does not cure" and "cures" share their content."""
    for family in _STRIPPED:
        norm = lexicon.stance[family].sub(" ", norm)
    return norm


def term_of(word: str, lexicon: Lexicon) -> str:
    """The matcher's term for one word: its canonical equivalent, stemmed (and remembered)."""
    known = lexicon.terms
    term = known.get(word)
    if term is None:
        if len(known) >= _MAX_TERMS:
            known.clear()
        term = known[word] = stem(lexicon.equivalents.get(word, word))
    return term


# Words remembered per lexicon; a sentence has a few dozen, a long document some thousands.
_MAX_TERMS = 65_536


def _canonical(words: Iterable[str], lexicon: Lexicon, *, topic: bool = False) -> frozenset[str]:
    # A condition's own words are kept as they are: "AIDS" names a disease, not an aid.
    if topic:
        return frozenset(stem(w) for w in words if w not in lexicon.stopwords)
    return frozenset(term_of(w, lexicon) for w in words if w not in lexicon.stopwords)


def canonicalise(norm: str, lexicon: Lexicon) -> str:
    """Rewrite every equivalent word or phrase to its canonical word, in one pass."""
    norm = rewrite(norm, lexicon.canonical_rewrites, lexicon.match_rewrite_screen)
    table = lexicon.equivalents
    return lexicon.equivalent_pattern.sub(lambda m: f" {table[m.group(0)]} ", norm)


def analyse(norm: str, lexicon: Lexicon, topics: Iterable[str] | None = None) -> Terms:
    """Canonical topic and predicate terms of normalised text.

    Equivalent phrases come first so that phrases which deny by themselves ("off-label")
    keep their content ("approved") after cues are stripped. ``topics``, when the caller
    has already detected them, limits the search for topic words to those topics.
    """
    text = _strip_cues(canonicalise(norm, lexicon), lexicon)
    topic_words: list[str] = []
    # Only conditions are "topic" words; in a descriptive topic (dose, safety, rules) the
    # topic's own words ("nausea", "over the counter") are what the claim says.
    for slug in lexicon.topic_patterns if topics is None else topics:
        pattern = lexicon.topic_patterns[slug]
        if lexicon.topics[slug].descriptive:
            continue
        for hit in pattern.finditer(text):
            topic_words.extend(tokens(hit.group(0)))
    topic = _canonical(topic_words, lexicon, topic=True)
    rest = _canonical(tokens(text), lexicon) - topic
    return Terms(topic=topic, predicate=rest)


Wording = tuple[Claim, str, str, Terms]


def build_index(claims: tuple[Claim, ...], lexicon: Lexicon) -> ClaimIndex:
    """Analyse every wording once, when the knowledge base loads."""
    wordings: list[Wording] = []
    for claim in claims:
        for text in (claim.statement, *claim.aliases):
            norm = normalize(text, lexicon)
            wordings.append((claim, text, norm, analyse(norm, lexicon)))
    return assemble_index(claims, wordings, relations=lexicon.relations)


def assemble_index(
    claims: tuple[Claim, ...],
    wordings: Iterable[Wording],
    *,
    relations: frozenset[str] = frozenset(),
) -> ClaimIndex:
    """Weights, groups and postings from analysed wordings (in knowledge-base order)."""
    listed = list(wordings)
    document_frequency: dict[str, int] = {}
    terms_of: dict[str, set[str]] = {}
    for claim, _, _, terms in listed:
        terms_of.setdefault(claim.id, set()).update(terms.all)
    for seen in terms_of.values():
        for term in seen:
            document_frequency[term] = document_frequency.get(term, 0) + 1
    total = max(len(claims), 1)
    # Weights are IDF in thousandths, as integers: sums of integers are exact in any order,
    # so a score never depends on the order a set happens to iterate in.
    weights = {
        t: round(WEIGHT_SCALE * math.log(1.0 + total / df)) for t, df in document_frequency.items()
    }
    position = {claim.id: i for i, claim in enumerate(claims)}
    variants = tuple(
        Variant(
            claim,
            text,
            norm,
            terms,
            position[claim.id],
            ordinal,
            predicate_weight=_weight(terms.predicate, weights),
            topic_weight=_weight(terms.topic, weights),
            numbers=_numbers(terms.all),
            words=terms.all,
            relations=terms.predicate & relations,
        )
        for ordinal, (claim, text, norm, terms) in enumerate(listed)
    )
    by_topic: dict[str, list[Variant]] = {}
    postings: dict[str, dict[str, tuple[list[int], list[int]]]] = {}
    by_term: dict[str, tuple[list[int], list[int]]] = {}
    first_of: dict[tuple[str, frozenset[str], frozenset[str]], Variant] = {}
    alike: dict[int, list[Variant]] = {}
    for variant in variants:
        by_topic.setdefault(variant.claim.topic, []).append(variant)
        signature = (variant.claim.topic, variant.terms.topic, variant.terms.predicate)
        lead = first_of.setdefault(signature, variant)
        alike.setdefault(lead.ordinal, []).append(variant)
        if lead is not variant:
            continue
        for term in variant.terms.all:
            side = int(term in variant.terms.predicate)
            table = postings.setdefault(variant.claim.topic, {})
            table.setdefault(term, ([], []))[side].append(variant.ordinal)
            by_term.setdefault(term, ([], []))[side].append(variant.ordinal)
    scoring = {ordinal: _scoring(group) for ordinal, group in alike.items()}
    return ClaimIndex(
        wordings=variants,
        by_topic=MappingProxyType({k: tuple(v) for k, v in by_topic.items()}),
        weights=MappingProxyType(weights),
        vocabulary=tuple(sorted(weights)),
        postings=MappingProxyType(
            {
                topic: MappingProxyType({k: _frozen(v) for k, v in table.items()})
                for topic, table in postings.items()
            }
        ),
        by_term=MappingProxyType({k: _frozen(v) for k, v in by_term.items()}),
        scoring=MappingProxyType(scoring),
    )


def _frozen(posting: tuple[list[int], list[int]]) -> Posting:
    return tuple(posting[0]), tuple(posting[1])


def _scoring(alike: list[Variant]) -> Scoring:
    """What rank needs of a posted wording (the first of those that score alike)."""
    lead = alike[0]
    group = tuple((v.claim.id, v.ordinal, v) for v in alike)
    return lead.predicate_weight, lead.topic_weight, lead.numbers, lead.relations, group


@lru_cache(maxsize=4096)
def _nearest(term: str, vocabulary: tuple[str, ...]) -> str:
    from rapidfuzz import fuzz, process

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


WEIGHT_SCALE = 1000


def _weight(terms: Iterable[str], weights: Mapping[str, int]) -> int:
    # Words the knowledge base never uses still dilute precision, at a modest weight.
    return sum(weights.get(t, WEIGHT_SCALE) for t in terms)


# A stronger verb carries a weaker one: "cures" asserts at least "helps", "halts" at least
# "helps", so a sentence with the stronger word earns part credit for the weaker one.
IMPLIED_CREDIT = 0.8
IMPLIES = MappingProxyType({"cure": ("help",), "slow": ("help",)})


def implied_terms(words: frozenset[str]) -> frozenset[str]:
    """Weaker terms that the sentence's stronger ones carry, and that it lacks."""
    out: set[str] = set()
    for strong, weaker in IMPLIES.items():
        if strong in words:
            out.update(w for w in weaker if w not in words)
    return frozenset(out)


# A wording that names a quantity the sentence contradicts ("4.5 mg" against "50 mg") is a
# different claim, however many words they share.
QUANTITY_CONFLICT_FACTOR = 0.6


# Dose bands written by the lexicon's match rewrites count as quantities too.
QUANTITY_TERMS = frozenset({"lowmg", "highmg", "fullmg"})


def _numbers(terms: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in terms if t in QUANTITY_TERMS or t.replace(".", "", 1).isdigit())


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What scoring needs of a sentence, computed once for all its candidate wordings."""

    words: frozenset[str]
    predicate: frozenset[str]
    total: int
    numbers: frozenset[str]
    implied: frozenset[str]


def _sentence(terms: Terms, weights: Mapping[str, int]) -> _Sentence:
    words = terms.all
    return _Sentence(
        words, terms.predicate, _weight(words, weights), _numbers(words), implied_terms(words)
    )


def _combine(
    sums: list[int], predicate_weight: int, topic_weight: int, total: int, factor: float
) -> float:
    """0-100: how much of the wording's claim the sentence carries, and how little else.

    From the weights (integer IDF) the wording shares with the sentence: its predicate words
    (60%), its topic words (20%) and the share of the sentence it covers (20%). ``sums`` holds
    the shared weights as rank adds them up: all, topic, predicate said, predicate implied;
    ``total`` is the sentence's own weight, and ``factor`` is below 1 when the two name
    different quantities.
    """
    shared, topical, carried, implied = sums
    if predicate_weight:
        predicate_recall = (carried + IMPLIED_CREDIT * implied) / predicate_weight
    else:
        predicate_recall = 0.0  # a wording that names only its topic claims nothing
    topic_recall = topical / topic_weight if topic_weight else 1.0
    precision = shared / total if total else 0.0
    return (
        factor
        * 100.0
        * (
            _PREDICATE_WEIGHT * predicate_recall
            + _TOPIC_WEIGHT * topic_recall
            + _PRECISION_WEIGHT * precision
        )
    )


def rank(
    sentence: Terms,
    topics: Iterable[str],
    index: ClaimIndex,
    *,
    strict: bool = True,
    limit: int | None = None,
    keep_ties: bool = False,
) -> list[tuple[Candidate, Variant]]:
    """Claims of the given topics, best first, each with its best-scoring wording.

    ``limit`` keeps only the first few, for callers that read no further; ``keep_ties`` keeps
    every claim tied with the first as well, for callers that choose among them.

    Only wordings that share a term with the sentence (or imply one) are scored; a wording
    sharing nothing cannot reach the suggestion threshold. The shared weights are summed by
    walking the sentence's postings once.
    """
    weights = index.weights
    scored = _sentence(sentence, weights)
    # The posting tables to read: the gate's topics', or the by-term table for a sentence
    # gated to every topic (it named none).
    gate = dict.fromkeys(topics)  # ordered and without repeats
    if gate.keys() >= index.by_topic.keys():
        tables = [index.by_term]
    else:
        tables = [table for topic in gate if (table := index.postings.get(topic)) is not None]
    # Per wording (by ordinal): its weights shared with the sentence, then those of its topic
    # words, of the predicate words the sentence says, and of predicate words it implies.
    sums: dict[int, list[int]] = {}
    # A word the sentence uses to name a condition ("fatigue" in "chronic fatigue syndrome")
    # carries the topic only; it cannot stand in for what a wording says LDN does.
    said = scored.predicate
    for term in scored.words:
        weight = weights.get(term, 0)
        says = term in said
        for table in tables:
            found = table.get(term)
            if found is None:
                continue
            topical, predicate = found
            for ordinal in topical:
                acc = sums.get(ordinal)
                if acc is None:
                    sums[ordinal] = [weight, weight, 0, 0]
                else:
                    acc[0] += weight
                    acc[1] += weight
            for ordinal in predicate:
                acc = sums.get(ordinal)
                if acc is None:
                    sums[ordinal] = [weight, 0, weight if says else 0, 0]
                else:
                    acc[0] += weight
                    if says:
                        acc[2] += weight
    for term in scored.implied:
        weight = weights.get(term, 0)
        for table in tables:
            found = table.get(term)
            if found is None:
                continue
            for ordinal in found[1]:
                acc = sums.get(ordinal)
                if acc is None:
                    sums[ordinal] = [0, 0, 0, weight]
                else:
                    acc[3] += weight
    # Each posted wording's score, best first; its group holds every wording scoring alike.
    named = scored.words | scored.implied
    numbers, total, scoring = scored.numbers, scored.total, index.scoring
    groups: list[tuple[float, int]] = []
    for key, acc in sums.items():
        predicate_weight, topic_weight, own_numbers, relations, _ = scoring[key]
        if strict and relations and relations.isdisjoint(named):
            continue  # the wording says what LDN does; the sentence does not say it
        conflict = own_numbers and numbers and own_numbers.isdisjoint(numbers)
        factor = QUANTITY_CONFLICT_FACTOR if conflict else 1.0
        score = round(_combine(acc, predicate_weight, topic_weight, total, factor), 1)
        groups.append((-score, key))
    groups.sort()
    return [
        (Candidate(v.claim, score, v.text), v)
        for score, v in _best_claims(groups, scoring, limit, keep_ties=keep_ties)
    ]


def _best_claims(
    groups: list[tuple[float, int]],
    scoring: Mapping[int, Scoring],
    limit: int | None,
    *,
    keep_ties: bool,
) -> list[tuple[float, Variant]]:
    """Each claim at its best score, with its first wording at that score, best first.

    Groups come sorted by score, so a claim's first appearance is its best. They are read a
    score tier at a time, and only as many tiers as ``limit`` needs: a knowledge base that
    repeats a phrasing in many claims costs the claims returned, not every claim matched.
    On a tie the claim listed first wins (curators list a topic's main claim first).
    """
    out: list[tuple[float, Variant]] = []
    seen: set[str] = set()
    first_tier = 0
    count, at = len(groups), 0
    while at < count and (limit is None or len(out) < limit):
        negated, key = groups[at]
        end = at + 1
        while end < count and groups[end][0] == negated:
            end += 1
        alike = scoring[key][4]
        if end == at + 1 and len(alike) == 1:
            # The usual tier: one wording of one claim.
            claim_id, _, variant = alike[0]
            if claim_id not in seen:
                seen.add(claim_id)
                out.append((-negated, variant))
        else:
            tier: dict[str, tuple[int, Variant]] = {}
            for _, tied in groups[at:end]:
                for claim_id, ordinal, variant in scoring[tied][4]:
                    if claim_id not in seen:
                        held = tier.get(claim_id)
                        if held is None or ordinal < held[0]:
                            tier[claim_id] = (ordinal, variant)
            seen.update(tier)
            # Positions are unique, so the pairs never compare their wordings.
            ordered = sorted([(v.position, v) for _, v in tier.values()])
            out.extend([(-negated, v) for _, v in ordered])
        at = end
        first_tier = first_tier or len(out)
    if limit is None:
        return out
    return out[: max(limit, first_tier) if keep_ties else limit]
