"""Stance: is a sentence asserting, hedging, denying or asking about the claim it matched?

Negation is read relative to the matched wording: a sentence and a wording that both say
"no side effects" agree; "LDN does not cure MS" against "LDN cures MS" denies it. A
negation counts only inside the clause that carries the claim, or when it governs the whole
claim ("there is no evidence that ...").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ldncheck.lexicon import Lexicon
from ldncheck.match import term_of
from ldncheck.model import Stance, StanceReading
from ldncheck.normalize import stem
from ldncheck.prefilter import Guarded

_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]]|\s-\s|\b(?:but|although|though|while|whereas|however|yet|which|who|because|"
    r"since|unless|whether|so|that)\b"
    # "... and may/might/could ..." starts a new claim with its own modal.
    r"|\band\b(?= (?:\w+ )?(?:may|might|could|can|will|should)\b)"
    # "... and I don't want to risk a flare": a new subject, a new clause.
    r"|\band\b(?= (?:i|we|you|he|she|they)\b)"
)
_AUX_START = re.compile(
    r"^(?:does|do|did|is|are|was|were|can|could|should|would|will|has|have|may|might)\b"
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# How many words a nominal negation ("no", "without") reaches.
_NOMINAL_SCOPE = 4


def is_question(text: str, norm: str) -> bool:
    """A question asks rather than claims."""
    stripped = text.rstrip().rstrip("\"')]}")
    if stripped.endswith("?"):
        return True
    return bool(_AUX_START.match(norm)) and not stripped.endswith((".", "!"))


# "A review proved that LDN does not work": after these verbs "that" opens what was proved, so
# frame and complement stay one clause and a negation in the complement is the claim's.
_PROOF_VERBS = frozenset(
    [
        "proved",
        "proven",
        "proves",
        "showed",
        "shown",
        "shows",
        "found",
        "finds",
        "concluded",
        "concludes",
        "demonstrated",
        "demonstrates",
        "confirmed",
        "confirms",
        "established",
    ]
)


# A short fronted place or scope ("In the UK,", "For most patients,") has no verb of its own:
# it belongs to the clause it introduces, whose claim it qualifies.
_FRONTED = re.compile(
    r"\s*(?:in|for|across|throughout|within|outside|under|among) (?:[\w'-]+ ?){1,3}"
)


# An exception belongs to the clause it qualifies: in "it can be taken with most medicines,
# except opioids" the comma does not end the claim.
_EXCEPTION = re.compile(r"\s*(?:except|apart from|other than|aside from|excluding)\b")


def _clauses(norm: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for hit in _CLAUSE_BREAK.finditer(norm):
        if hit.group(0) == "that" and _after_proof_verb(norm, hit.start()):
            continue
        if not spans and hit.group(0) == "," and _FRONTED.fullmatch(norm[start : hit.start()]):
            continue
        if hit.group(0) == "," and _EXCEPTION.match(norm, hit.end()):
            continue
        spans.append((start, hit.start()))
        start = hit.end()
    spans.append((start, len(norm)))
    return [s for s in spans if norm[s[0] : s[1]].strip()]


def _after_proof_verb(norm: str, at: int) -> bool:
    before = norm[:at].rsplit(None, 1)
    return bool(before) and before[-1] in _PROOF_VERBS


@lru_cache(maxsize=8192)
def _clause_words(norm: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """Each clause's span and words. Memoised: a sentence's clauses are weighed against each
    candidate claim's anchors, and a wording's against every sentence it is matched to."""
    return tuple((s, e, frozenset(_WORD.findall(norm[s:e]))) for s, e in _clauses(norm))


def _blank(norm: str, pattern: Guarded) -> str:
    """Replace matches with spaces, keeping every other offset where it was."""
    return pattern.sub(lambda m: " " * len(m.group(0)), norm)


def _claim_clause(norm: str, anchors: Mapping[str, float]) -> tuple[int, int]:
    """The clause holding most of the matched claim's words (the first clause on a tie).

    Anchors come weighted by how much they say about the claim (see check._anchors).
    """
    best, best_hits = (0, len(norm)), -1.0
    named = anchors.keys()
    for start, end, words in _clause_words(norm):
        # Weights are whole numbers (see check._anchors), so the order they add in is moot.
        hits = sum([anchors[word] for word in named & words])
        if hits > best_hits:
            best, best_hits = (start, end), hits
    # With no claim word in any clause, the whole sentence is the claim's clause.
    return best if best_hits > 0 else (0, len(norm))


def _scoped(pattern: Guarded, clause: str, anchors: set[str], *, forward: bool) -> list[str]:
    """Cues whose few-word scope (after the cue, or before it) holds a word of the claim.

    A claim word the clause has already said before a forward cue is not what the cue denies:
    in "an opioid antagonist rather than an opioid" the contrast repeats "opioid"; the claim
    was made before it.
    """
    out = []
    for hit in pattern.finditer(clause):
        if forward:
            after = _WORD.findall(clause[hit.end() :])
            # "No" opening its clause is the subject's determiner, and the subject's verb is
            # denied with it: "no LDN product holds a licence" says none holds one.
            reach = len(after) if _opens(clause, hit) else _NOMINAL_SCOPE
            window = set(after[:reach])
            window -= set(_WORD.findall(clause[: hit.start()]))
        else:
            window = set(_WORD.findall(clause[: hit.start()])[-_NOMINAL_SCOPE:])
        if not anchors or anchors & window:
            out.append(hit.group(0).strip())
    return out


def _opens(clause: str, hit: re.Match[str]) -> bool:
    """Whether a cue is the word "no" opening its clause (after a fronted place or scope)."""
    if hit.group(0).strip() != "no":
        return False
    before = clause[: hit.start()].strip().rstrip(",").strip()
    return not before or bool(_FRONTED.fullmatch(before))


def _lexical(clause: str, lexicon: Lexicon, claim_terms: frozenset[str]) -> list[re.Match[str]]:
    """Self-denying words ("unlicensed") that deny the concept the claim is about."""
    out = []
    for hit in lexicon.stance["lexical_negations"].finditer(clause):
        concept = _denied_concept(hit.group(0), lexicon)
        if concept is None or concept in claim_terms or not claim_terms:
            out.append(hit)
    return out


def _denied_concept(word: str, lexicon: Lexicon) -> str | None:
    """The term a self-denying word denies ("unlicensed": licensed), if the lexicon names one."""
    canonical = lexicon.equivalents.get(word)
    return None if canonical is None else stem(canonical)


# What may stand between a negation and the self-denying word it cancels: "not very
# expensive", "isn't at all dangerous".
_BETWEEN = re.compile(r"\s+(?:(?:very|really|that|particularly|so|too|at all|necessarily|even) )?")


def _cancel(
    verbal: list[re.Match[str]], lexical: list[re.Match[str]], clause: str
) -> tuple[list[str], list[str]]:
    """The negations and self-denying words left once each negation right before such a
    word cancels with it.

    "Not expensive" says cheap and "not dangerous" says safe: a double negative asserts.
    Elsewhere each cue counts once, whatever their number ("not approved and unlicensed").
    """
    spent: set[int] = set()  # negations already cancelled
    words_left = []
    for word in lexical:
        for i, negation in enumerate(verbal):
            if i not in spent and _BETWEEN.fullmatch(clause, negation.end(), word.start()):
                spent.add(i)
                break
        else:
            words_left.append(word.group(0))
    return [m.group(0) for i, m in enumerate(verbal) if i not in spent], words_left


@lru_cache(maxsize=8192)
def _prepared(
    norm: str, not_negations: Guarded, governing: Guarded
) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The text with non-negations and governing negations blanked, and the latter found
    (with where each starts).

    Memoised: the same sentence is read against several wordings, and every wording is read
    again for every sentence that matches it.
    """
    text = _blank(norm, not_negations)
    found = tuple((m.start(), m.group(0)) for m in governing.finditer(text))
    return _blank(text, governing), found


# Words that open a clause giving a reason.
_REASON_WORDS = r"(?:because|since|as)"
# A clause opened by one of these gives the reason for what came before it: in "my doctor
# refused to prescribe it because there is not enough evidence" the denial of evidence is
# the doctor's reason, not a denial that doctors can prescribe it.
_REASON = re.compile(rf"\b{_REASON_WORDS}\s*$")


def _governs(text: str, at: int, claim_end: int, anchors: Mapping[str, float]) -> bool:
    """Whether a governing cue at ``at`` covers the claim whose clause ends at ``claim_end``.

    Not when it stands in a later clause giving the reason for the claim's, unless the
    claim's own words follow it there ("... since there is no proof that it slows MS").
    """
    if at < claim_end:
        return True
    opened = max((s for s, _, _ in _clause_words(text) if s <= at), default=0)
    if not _REASON.search(text[:opened]):
        return True
    return any(word in anchors for word in _WORD.findall(text[at:]))


def negation_cues(
    norm: str,
    lexicon: Lexicon,
    anchors: Mapping[str, float],
    claim_terms: frozenset[str] = frozenset(),
) -> list[str]:
    """Negation cues that apply to the claim: governing ones first, then the clause's own."""
    governing, local = _negations(norm, lexicon, anchors, claim_terms)
    return governing + local


def denies(
    norm: str,
    lexicon: Lexicon,
    anchors: Mapping[str, float],
    claim_terms: frozenset[str] = frozenset(),
) -> tuple[bool, list[str]]:
    """Whether the text denies what its claim clause says, and the cues that decided it.

    A governing cue ("it is a myth that", "no evidence that") reverses whatever the clause
    after it says: "it is a myth that LDN has no side effects" asserts that it has some.
    """
    governing, local = _negations(norm, lexicon, anchors, claim_terms)
    return bool(governing) != bool(local), governing + local


def wording_denies(
    wording: str,
    lexicon: Lexicon,
    anchors: Mapping[str, float],
    claim_terms: frozenset[str],
) -> tuple[bool, tuple[str, ...]]:
    """``denies`` for a knowledge-base wording, remembered.

    A wording is read again for every sentence matched to it. Its reading depends on the
    sentence's anchors only through the words the wording holds (their weights choose its
    claim clause, their presence scopes its cues) and on whether there are anchors at all,
    so that is what the reading is remembered by.
    """
    stance = lexicon.stance
    text, _ = _prepared(wording, stance["not_negations"], stance["governing_negations"])
    shared = frozenset((word, anchors[word]) for word in _words(text) if word in anchors)
    key = (wording, shared, bool(anchors), claim_terms)
    memo = lexicon.readings
    found: tuple[bool, tuple[str, ...]] | None = memo.get(key)
    if found is None:
        if len(memo) >= _MAX_READINGS:
            memo.clear()
        flag, cues = denies(wording, lexicon, anchors, claim_terms)
        found = memo[key] = (flag, tuple(cues))
    return found


# Wording readings remembered; a long document meets a few thousand.
_MAX_READINGS = 16_384


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text))


def _negations(
    norm: str,
    lexicon: Lexicon,
    anchors: Mapping[str, float],
    claim_terms: frozenset[str],
) -> tuple[list[str], list[str]]:
    """Governing cues, and the cues inside the claim's clause.

    Governing cues ("no evidence that") cover the sentence; verbal ones ("does not") cover
    the claim's clause; nominal ones ("no", "without") only the few words after them, so
    "relieves pain without the risks of opioids" still asserts that it relieves pain.
    """
    text, found = _prepared(
        norm, lexicon.stance["not_negations"], lexicon.stance["governing_negations"]
    )
    start, end = _claim_clause(text, anchors)
    governing = [cue for at, cue in found if _governs(text, at, end, anchors)]
    clause = text[start:end]
    words = set(anchors)
    verbal = list(lexicon.stance["negations"].finditer(clause))
    nominal = _scoped(lexicon.stance["nominal_negations"], clause, words, forward=True)
    postfix = _scoped(lexicon.stance["postfix_negations"], clause, words, forward=False)
    lexical = _lexical(clause, lexicon, claim_terms)
    if verbal and start == 0:
        verbal = _beyond_instruction(verbal, text, (start, end), lexicon, claim_terms)
    verbal_left, lexical_left = _cancel(verbal, lexical, clause)
    local = verbal_left + nominal + postfix + lexical_left
    if not governing and not local:
        local = _reasoned_concept(text, (start, end), lexicon, claim_terms)
    if not governing and not local:
        local = _denied_relation(text, (start, end), lexicon, claim_terms)
    return governing, local


def _reasoned_concept(
    text: str, claim_clause: tuple[int, int], lexicon: Lexicon, claim_terms: frozenset[str]
) -> list[str]:
    """A self-denying word for the claim's own concept in a fronted reason clause.

    "Because it is unlicensed, LDN is prescribed on the prescriber's responsibility in the
    UK": the licensing claim's clause is the second, yet the first says it is unlicensed.
    """
    start = claim_clause[0]
    opening = _FRONTED_REASON.match(text)
    if opening is None or opening.end() > start:
        return []
    words = [m.group(0) for m in lexicon.stance["lexical_negations"].finditer(text[:start])]
    return [word for word in words if _denied_concept(word, lexicon) in claim_terms]


# A reason given before the claim: "Because it is unlicensed, ...", "As it is off-label, ...".
_FRONTED_REASON = re.compile(rf"^{_REASON_WORDS}\b[^,]*,")


# An instruction to the reader: "Do not take LDN if ...".
_INSTRUCTION = re.compile(
    r"^(?:please )?(?:(?:you|patients|people|anyone) (?:should|must|need to) (?:not|never)"
    r"|(?:you|patients|people|anyone) (?:shouldn't|mustn't)|do not|don't|never)\b"
)


def _beyond_instruction(
    verbal: list[re.Match[str]],
    text: str,
    claim_clause: tuple[int, int],
    lexicon: Lexicon,
    claim_terms: frozenset[str],
) -> list[re.Match[str]]:
    """The clause's negations, less an opening instruction when the claim is said elsewhere.

    "Do not take LDN if you take opioid painkillers, because it blocks their effect" tells the
    reader what not to do; what LDN does ("blocks") is said in the reason, undenied. The
    instruction counts against the claim only when its clause names the claim's relation.
    """
    opening = _INSTRUCTION.match(text)
    if opening is None:
        return verbal
    clauses = _clause_words(text)
    inside = any(
        _names_relation(words, lexicon, claim_terms)
        for s, e, words in clauses
        if (s, e) == claim_clause
    )
    elsewhere = any(
        _names_relation(words, lexicon, claim_terms)
        for s, e, words in clauses
        if s >= claim_clause[1]
    )
    if inside or not elsewhere:
        return verbal
    return [m for m in verbal if m.start() >= opening.end()]


def _names_relation(words: frozenset[str], lexicon: Lexicon, claim_terms: frozenset[str]) -> bool:
    """Whether the words name one of the claim's relations ("blocks" for a blocking claim)."""
    return any(_is_claim_relation(word, lexicon, claim_terms) for word in words)


def _is_claim_relation(word: str, lexicon: Lexicon, claim_terms: frozenset[str]) -> bool:
    term = term_of(word, lexicon)
    return term in lexicon.relations and term in claim_terms


# How far before its relation word a negation may stand ("didn't really help" reaches it).
_RELATION_REACH = 2


def _denied_relation(
    text: str, claim_clause: tuple[int, int], lexicon: Lexicon, claim_terms: frozenset[str]
) -> list[str]:
    """A negation right before the claim's relation word in a later clause, when the claim's
    clause names no relation.

    "Tried LDN for my fibro, didn't help at all": the condition's clause outweighs the one
    that says what LDN did, so the claim's clause is the first, which names no relation; the
    relation it claims ("help") is denied in the second. Only a negation within a couple of
    words of a relation word counts, so a denial of something else is not the claim's.
    """
    clauses = _clause_words(text)
    # A comment on the claim follows it: "Tried LDN for X, didn't help".
    later = [(start, end) for start, end, _ in clauses if start >= claim_clause[1]]
    if not later or any(
        _names_relation(words, lexicon, claim_terms)
        for s, e, words in clauses
        if (s, e) == claim_clause
    ):
        return []  # nothing follows, or the claim's clause says what LDN does
    negations = lexicon.stance["negations"]
    found: list[str] = []
    for start, end in later:
        tokens = _WORD.findall(text[start:end])
        for i, word in enumerate(tokens):
            if _is_claim_relation(word, lexicon, claim_terms):
                before = " ".join(tokens[max(0, i - _RELATION_REACH) : i])
                found += [m.group(0) for m in negations.finditer(before)]
    return found


def _found(family: str, norm: str, lexicon: Lexicon) -> list[str]:
    return [m.group(0) for m in lexicon.stance[family].finditer(norm)]


# A booster under a denial asserts nothing: "promising rather than proven", "not proven".
_CONCESSION = re.compile(
    r"^(?:although|though|even though|while|whilst|despite|granted|admittedly)\b[^,]*,"
)
_DENIED_BEFORE = re.compile(r"(?:\bnot|n't|\bnever|\brather than|\bno|\bfar from)\s+(?:\w+\s+)?$")


def _boosting(family: str, norm: str, lexicon: Lexicon) -> list[str]:
    return [
        m.group(0)
        for m in lexicon.stance[family].finditer(norm)
        if not _DENIED_BEFORE.search(norm[max(0, m.start() - 24) : m.start()])
    ]


def read_stance(
    text: str,
    norm: str,
    lexicon: Lexicon,
    *,
    wording: str,
    anchors: Mapping[str, float],
    claim_terms: frozenset[str],
    descriptive: bool,
) -> StanceReading:
    """The stance of ``text`` toward the claim ``wording`` (both normalised) it matched."""
    reported = _found("reported", norm, lexicon)
    if is_question(text, norm):
        return StanceReading(Stance.QUESTION, ("?",), reported=bool(reported))
    own_denies, own = denies(norm, lexicon, anchors, claim_terms)
    theirs_denies, theirs = wording_denies(wording, lexicon, anchors, claim_terms)
    # Presence, not parity, within a clause: "not approved and unlicensed" denies once, not
    # twice; true double negatives ("not without") are listed as non-negations in the lexicon.
    if own_denies != theirs_denies:
        # With no denial of its own, the sentence asserts the opposite of a wording that denies.
        cues = tuple(own) if own else tuple(f"contrary to '{c}'" for c in theirs)
        return StanceReading(Stance.NEGATED, cues, reported=bool(reported))
    strong = _boosting("strong_boosters", norm, lexicon)
    if strong:
        return StanceReading(Stance.STRONG, tuple(strong), reported=bool(reported))
    start, end = _claim_clause(norm, anchors)
    modal = _found("modal_hedges", norm[start:end], lexicon)
    hedges = modal + _found("hedges", norm, lexicon)
    conceded = _CONCESSION.match(norm)
    if hedges and not reported and conceded:
        # "While more research is needed, LDN clearly reduces fatigue": the doubt is conceded
        # in the lead clause and then overridden by a booster in the claim itself.
        rest = norm[conceded.end() :]
        boosters = _boosting("boosters", rest, lexicon)
        if boosters and not modal and not _found("hedges", rest, lexicon):
            return StanceReading(Stance.STRONG, tuple(boosters))
    if hedges or reported:
        return StanceReading(Stance.HEDGED, tuple(hedges + reported), reported=bool(reported))
    boosters = _boosting("boosters", norm, lexicon)
    if boosters:
        return StanceReading(Stance.STRONG, tuple(boosters))
    return StanceReading(Stance.FACTUAL if descriptive else Stance.STRONG, ())
