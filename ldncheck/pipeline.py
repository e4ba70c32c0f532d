"""check_claim: one sentence in, one Result out. Pure; never raises on any text."""

from __future__ import annotations

import re

from ldncheck.judge import explain, judge
from ldncheck.kb import KnowledgeBase
from ldncheck.match import (
    ALTERNATIVE_MARGIN,
    MATCH_THRESHOLD,
    SUGGEST_THRESHOLD,
    Variant,
    analyse,
    canonicalise,
    rank,
    spellfix,
    term_of,
)
from ldncheck.model import (
    Candidate,
    Evidence,
    Reading,
    Result,
    Stance,
    StanceReading,
    Verdict,
)
from ldncheck.normalize import normalize, stem, tokens
from ldncheck.stance import denies, is_question, read_stance, wording_denies
from ldncheck.topics import detect_topics, read_ldn


def _anchors(norm: str, variant: Variant, kb: KnowledgeBase) -> dict[str, float]:
    """Words of ``norm`` that carry the matched claim's terms, weighted, to find its clause.

    A word weighs its term's IDF, doubled for predicate words: "licensed" says more about a
    licensing claim than "UK" does. Words of a phrase such as "off-label" count when the
    phrase's canonical word is one of the claim's terms.
    """
    lex, weights = kb.lexicon, kb.index.weights
    out: dict[str, float] = {}

    def add(words: list[str], term: str) -> None:
        factor = 2.0 if term in variant.terms.predicate else 1.0
        if term in variant.terms.all:
            for word in words:
                out[word] = max(out.get(word, 0.0), factor * weights.get(term, 1.0))

    for hit in lex.equivalent_pattern.finditer(norm):
        add(tokens(hit.group(0)), stem(lex.equivalents[hit.group(0)]))
    # A rewritten frame ("data are limited" -> "unstudied") anchors its claim too; words the
    # rewrite keeps (its groups) keep their own meaning.
    for pattern, replacement in lex.match_rewrite_screen.select(lex.match_rewrites, norm):
        named = replacement.split()[:1]
        if not named:
            continue  # a rewrite that only removes words from matching anchors nothing
        for hit in pattern.compiled.finditer(norm):
            kept = {w for group in hit.groups() if group for w in tokens(group)}
            frame = [w for w in tokens(hit.group(0)) if w not in kept]
            add(frame, stem(named[0]))
    for word in tokens(norm):
        add([word], term_of(word, lex))
    return out


def _prefer_same_polarity(
    ranked: list[tuple[Candidate, Variant]], norm: str, kb: KnowledgeBase
) -> tuple[Candidate, Variant]:
    """On a tie, take the wording whose negation agrees with the sentence's.

    "LDN has no side effects" scores the same against "LDN has side effects" and against
    "LDN has no side effects"; both readings give the same verdict, but the second is the
    claim the writer made.
    """
    top = ranked[0][0].score
    tied = [cv for cv in ranked if cv[0].score == top]
    if len(tied) > 1:
        # Ties are often many wordings alike (a large knowledge base repeats phrasings):
        # each distinct wording and term set is read once.
        agreeing: dict[tuple[str, frozenset[str]], bool] = {}
        for cv in tied:
            terms = cv[1].terms.all
            key = (cv[1].norm, terms)
            agrees = agreeing.get(key)
            if agrees is None:
                # Read as the stance reader will read them, with the same anchors.
                anchors = _stance_anchors(norm, cv[1], kb)
                own = denies(norm, kb.lexicon, anchors, terms)[0]
                theirs = wording_denies(cv[1].norm, kb.lexicon, anchors, terms)[0]
                agrees = agreeing[key] = own == theirs
            if agrees:
                return cv
    return ranked[0]


_SEVERITY = {Verdict.UNKNOWN: 0, Verdict.ACCURATE: 1, Verdict.OVERSTATED: 2, Verdict.FALSE: 3}


def _wording_anchors(variant: Variant, kb: KnowledgeBase) -> dict[str, float]:
    """The anchors of a wording's own text: the same for every sentence, so worked out once."""
    memo = kb.index.derived
    key = ("anchors", variant.ordinal)
    found: dict[str, float] | None = memo.get(key)
    if found is None:
        found = memo[key] = _anchors(variant.norm, variant, kb)
    return found


def _stance_anchors(norm: str, variant: Variant, kb: KnowledgeBase) -> dict[str, float]:
    """The words the stance reader weighs to find the claim's clause, in sentence and wording."""
    return _anchors(norm, variant, kb) | _wording_anchors(variant, kb)


def _stance_for(text: str, norm: str, variant: Variant, kb: KnowledgeBase) -> StanceReading:
    return read_stance(
        text,
        norm,
        kb.lexicon,
        wording=variant.norm,
        anchors=_stance_anchors(norm, variant, kb),
        claim_terms=variant.terms.all,
        descriptive=kb.lexicon.topics[variant.claim.topic].descriptive,
    )


def _conjoined(
    ranked: list[tuple[Candidate, Variant]],
    best: Candidate,
    variant: Variant,
    norm: str,
    kb: KnowledgeBase,
) -> list[tuple[Candidate, Variant]]:
    """Other claims the sentence makes alongside the best match, as in "safe and effective".

    A close runner-up counts only when it names a different relation and the sentence joins
    the two relation words with "and": then it asserts both, not one or the other. Without
    the coordination one word often feeds two claims ("eliminates relapses" is not a cure),
    and nouns joined by "and" ("alcohol and opioid dependence") are one thing, not two.
    """
    floor = max(MATCH_THRESHOLD, best.score - ALTERNATIVE_MARGIN)
    close = [
        cv
        for cv in ranked[1:4]
        if cv[0].score >= floor
        and cv[0].claim.id != best.claim.id
        and cv[1].terms.predicate
        and not cv[1].terms.predicate & variant.terms.predicate
    ]
    if not close:
        return []
    words = [term_of(w, kb.lexicon) for w in tokens(canonicalise(norm, kb.lexicon))]
    pairs = set()
    for i, word in enumerate(words[1:-1], start=1):
        if word in _COORDINATORS:
            # "... side effects and is safe for everyone": the verb's auxiliaries are skipped.
            j = i + 1
            while j < len(words) - 1 and words[j] in _AUXILIARIES:
                j += 1
            left, right = words[i - 1], words[j]
            if left in kb.lexicon.relations or right in kb.lexicon.relations:
                pairs.add((left, right))
    mine = variant.terms.predicate
    out: dict[frozenset[str], tuple[Candidate, Variant]] = {}
    for cv in close:
        theirs = cv[1].terms.predicate
        if any((a in mine and b in theirs) or (b in mine and a in theirs) for a, b in pairs):
            # Of two readings of the same relation, the better-ranked one stands for it; the
            # harsher of a tie is not the writer's claim.
            out.setdefault(theirs, cv)
    return list(out.values())


_COORDINATORS = frozenset({"and", "plus"})
_AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "it", "also", "can", "will"})


# The match and its three alternatives (see check_claim and _conjoined).
_READ_AT_MOST = 4


# Non-restrictive side remarks (", which is unlicensed, ...", "(off-label)") qualify the
# subject; the writer's claim is in the rest of the sentence.
_SIDE_REMARK = re.compile(
    r",\s*(?:which|who)\b[^,]*,|\([^)]*\)"
    r"|^(?:although|though|even though|while|whilst|whereas|despite)\b[^,]*,"
)


def _rank_main_clause_first(
    norm: str, topics: tuple[str, ...], kb: KnowledgeBase
) -> list[tuple[Candidate, Variant]]:
    gate = topics or tuple(kb.index.by_topic)
    searched = topics or None
    # A sentence that names no topic is only ever given suggestions: the first few will do.
    # check_claim reads no further than the match and three alternatives, and ties with the
    # match (see _prefer_same_polarity).
    limit, ties = (_READ_AT_MOST, True) if topics else (SUGGESTIONS, False)
    # Every side remark holds a comma or a bracket; most sentences have neither.
    main = _SIDE_REMARK.sub(" ", norm) if "," in norm or "(" in norm else norm
    if main != norm:
        terms = spellfix(analyse(main, kb.lexicon, searched), kb.index)
        ranked = rank(terms, gate, kb.index, limit=limit, keep_ties=ties)
        if ranked and ranked[0][0].score >= MATCH_THRESHOLD:
            return ranked
    terms = spellfix(analyse(norm, kb.lexicon, searched), kb.index)
    return rank(terms, gate, kb.index, limit=limit, keep_ties=ties)


def _qualifies_evidence(norm: str, kb: KnowledgeBase) -> bool:
    stance = kb.lexicon.stance
    return any(
        stance[family].search(norm) for family in ("governing_negations", "hedges", "modal_hedges")
    )


# How close a claim must be to stand for "the evidence for LDN in X" (see _unproven_claims).
EVIDENCE_FLOOR = 15.0


def _unproven_claims(ranked: list[tuple[Candidate, Variant]]) -> list[tuple[Candidate, Variant]]:
    """For "there is no evidence for LDN in X" or "evidence in X is anecdotal": X's unproven claims.

    Such a sentence names no predicate, yet it plainly says that LDN is not shown to work for
    X; it is matched to the best of X's claims that are not established, floored to a match.
    Being hedged or negated, it is accurate against any of them.
    """
    unproven = [
        cv
        for cv in ranked
        if cv[0].claim.evidence is not Evidence.ESTABLISHED and cv[0].score >= EVIDENCE_FLOOR
    ]
    return [(Candidate(c.claim, max(c.score, MATCH_THRESHOLD), c.variant), v) for c, v in unproven]


def _unknown(
    text: str,
    reading: Reading,
    why: str,
    suggestions: tuple[Candidate, ...] = (),
    stance: Stance = Stance.NONE,
) -> Result:
    return Result(
        text=text,
        verdict=Verdict.UNKNOWN,
        stance=stance,
        reading=reading,
        alternatives=suggestions,
        explanation=why,
    )


# How many near claims an unknown result suggests.
SUGGESTIONS = 3
_NO_TOPIC = "The sentence names no topic the knowledge base covers."
_QUESTION = "A question, not a claim."


def check_claim(
    text: str, kb: KnowledgeBase, *, assume_ldn: bool = False, suggest: bool = True
) -> Result:
    """Match ``text`` to a knowledge-base claim, read its stance and judge it.

    A sentence that names no topic is unknown; with ``suggest`` its nearest claims across the
    whole knowledge base are still listed (a scan, which shows none of them, skips that work).
    """
    lex = kb.lexicon
    norm = normalize(text, lex)
    topics = detect_topics(norm, lex)
    reading = read_ldn(norm, lex, topics, assume_ldn=assume_ldn)
    if not reading.about_ldn:
        return _unknown(text, reading, f"Not an LDN claim: {reading.reason}.")
    if lex.stance["advice_starts"].match(norm):
        return _unknown(text, reading, "Advice to the reader, not a claim.")
    question = is_question(text, norm)
    if not suggest and (question or not topics):
        # Nothing left to work out: the result is unknown, and its suggestions unwanted.
        kind = Stance.QUESTION if question else Stance.NONE
        return _unknown(text, reading, _QUESTION if question else _NO_TOPIC, (), kind)
    ranked = _rank_main_clause_first(norm, topics, kb)
    suggestions = tuple(c for c, _ in ranked[:SUGGESTIONS] if c.score >= SUGGEST_THRESHOLD)
    if question:
        return _unknown(text, reading, _QUESTION, suggestions, Stance.QUESTION)
    if (
        topics
        and (not ranked or ranked[0][0].score < MATCH_THRESHOLD)
        and _qualifies_evidence(norm, kb)  # the costly test last
    ):
        # "No trials of LDN in X" names no relation; any of X's unproven claims stands for it.
        terms = spellfix(analyse(norm, kb.lexicon, topics), kb.index)
        ranked = _unproven_claims(rank(terms, topics, kb.index, strict=False))
    if not topics or not ranked or ranked[0][0].score < MATCH_THRESHOLD:
        why = "No knowledge-base claim matches closely enough." if topics else _NO_TOPIC
        return _unknown(text, reading, why, suggestions)
    best, variant = _prefer_same_polarity(ranked, norm, kb)
    alternatives = tuple(
        c
        for c, _ in ranked[1:4]
        if c.score >= max(SUGGEST_THRESHOLD, best.score - ALTERNATIVE_MARGIN)
    )
    stance = _stance_for(text, norm, variant, kb)
    verdict = judge(best.claim.evidence, stance.stance)
    for other, other_variant in _conjoined(ranked, best, variant, norm, kb):
        other_stance = _stance_for(text, norm, other_variant, kb)
        other_verdict = judge(other.claim.evidence, other_stance.stance)
        if _SEVERITY[other_verdict] > _SEVERITY[verdict]:
            # "Safe and effective for MS" is as wrong as its weakest half.
            alternatives = (best, *(c for c in alternatives if c is not other))
            best, stance, verdict = other, other_stance, other_verdict
    claim = best.claim
    return Result(
        text=text,
        verdict=verdict,
        stance=stance.stance,
        reading=reading,
        match=best,
        alternatives=alternatives,
        stance_cues=stance.cues,
        reported=stance.reported,
        explanation=explain(verdict, stance.stance, claim.evidence),
        caveats=kb.caveat_texts(claim),
        citations=kb.citations(claim),
    )
