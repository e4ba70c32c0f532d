"""What a sentence is about: LDN or not, and which topics."""

from __future__ import annotations

from ldncheck.lexicon import Lexicon
from ldncheck.model import Reading


def detect_topics(norm: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Topics named in normalised text; general ones step back when a specific condition is named."""
    found = [slug for slug, pattern in lexicon.topic_patterns.items() if pattern.search(norm)]
    specific = [
        s for s in found
        if s not in lexicon.general_topics and not lexicon.topics[s].descriptive
    ]
    if specific:
        found = [s for s in found if s not in lexicon.general_topics]
    return tuple(found)


def _first(pattern_key: str, norm: str, lexicon: Lexicon) -> str:
    hit = lexicon.ldn[pattern_key].search(norm)
    return hit.group(0) if hit else ""


def read_ldn(norm: str, lexicon: Lexicon, topics: tuple[str, ...], *, assume_ldn: bool) -> Reading:
    """Decide whether the sentence speaks about low-dose naltrexone."""
    named = _first("terms", norm, lexicon)
    if named:
        return Reading(about_ldn=True, topics=topics, ldn_cues=(named,), reason="names LDN")
    full_dose = _first("full_dose_markers", norm, lexicon)
    other = _first("other_drugs", norm, lexicon)
    naltrexone = _first("naltrexone", norm, lexicon)
    if naltrexone:
        low = _first("low_dose_markers", norm, lexicon)
        if full_dose and not low:
            return Reading(False, topics, (naltrexone, full_dose),
                           f"naltrexone with a full-dose marker ({full_dose!r}), not LDN")
        conditions = [t for t in topics if not lexicon.topics[t].descriptive]
        if low or conditions or assume_ldn:
            why = "naltrexone at a low dose" if low else "naltrexone for an LDN condition"
            return Reading(True, topics, tuple(c for c in (naltrexone, low) if c),
                           why if not assume_ldn or low or conditions else "naltrexone in an LDN document")
        return Reading(False, topics, (naltrexone,), "naltrexone without a low-dose context")
    if assume_ldn and not full_dose and not other:
        return Reading(True, topics, (), "in a document about LDN")
    if other:
        return Reading(False, topics, (other,), f"about another drug ({other!r})")
    return Reading(False, topics, (), "does not mention LDN or naltrexone")
