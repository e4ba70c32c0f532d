"""What a sentence is about: LDN or not, and which topics."""

from __future__ import annotations

from ldncheck.lexicon import Lexicon
from ldncheck.model import Reading


def detect_topics(norm: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Topics named in the text; general ones step back when a specific condition is named."""
    # Most sentences name one or two of the forty-odd topics: visit only those screened in.
    screened = lexicon.topic_screen.select(lexicon.topic_order, norm)
    found = [slug for slug, pattern in screened if pattern.compiled.search(norm)]
    specific = [
        s for s in found if s not in lexicon.general_topics and not lexicon.topics[s].descriptive
    ]
    if specific:
        found = [s for s in found if s not in lexicon.general_topics]
    return tuple(found)


def _first(pattern_key: str, norm: str, lexicon: Lexicon) -> str:
    hit = lexicon.ldn[pattern_key].search(norm)
    return hit.group(0) if hit else ""


def _reading(
    topics: tuple[str, ...], cues: tuple[str, ...], reason: str, *, about: bool
) -> Reading:
    return Reading(
        about_ldn=about, topics=topics, ldn_cues=tuple(c for c in cues if c), reason=reason
    )


def read_ldn(norm: str, lexicon: Lexicon, topics: tuple[str, ...], *, assume_ldn: bool) -> Reading:
    """Decide whether the sentence speaks about low-dose naltrexone."""
    named = _first("terms", norm, lexicon)
    if named:
        return _reading(topics, (named,), "names LDN", about=True)
    full_dose = _first("full_dose_markers", norm, lexicon)
    other = _first("other_drugs", norm, lexicon)
    naltrexone = _first("naltrexone", norm, lexicon)
    if naltrexone:
        low = _first("low_dose_markers", norm, lexicon)
        if full_dose and not low:
            return _reading(
                topics,
                (naltrexone, full_dose),
                f"naltrexone with a full-dose marker ({full_dose!r}), not LDN",
                about=False,
            )
        if low:
            return _reading(topics, (naltrexone, low), "naltrexone at a low dose", about=True)
        if any(not lexicon.topics[t].descriptive for t in topics):
            return _reading(topics, (naltrexone,), "naltrexone for an LDN condition", about=True)
        if assume_ldn:
            return _reading(topics, (naltrexone,), "naltrexone in a document about LDN", about=True)
        return _reading(topics, (naltrexone,), "naltrexone without a low-dose context", about=False)
    if assume_ldn and not full_dose and not other:
        return _reading(topics, (), "in a document about LDN", about=True)
    if other:
        return _reading(topics, (other,), f"about another drug ({other!r})", about=False)
    return _reading(topics, (), "does not mention LDN or naltrexone", about=False)
