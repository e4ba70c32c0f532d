"""A generic hedged rewrite of an overstated or false sentence, offered as a starting point.

Deliberately simple and claim-agnostic: soften the strongest verbs and boosters, then frame the
sentence with what the evidence allows. The writer is expected to edit it.
"""

from __future__ import annotations

import re

from ldncheck.model import Evidence

_SOFTENERS = (
    (
        re.compile(
            r"\b(?:is|are|has been|have been) (?:clinically |scientifically )?proven to\b", re.I
        ),
        "may",
    ),
    (
        re.compile(
            r"\b(?:definitely|certainly|always|clearly|undoubtedly|completely|guaranteed to)\s+",
            re.I,
        ),
        "",
    ),
    (re.compile(r"\bcures\b", re.I), "may help with"),
    (re.compile(r"\bcure\b", re.I), "help with"),
    (re.compile(r"\btreats\b", re.I), "may help treat"),
    (re.compile(r"\breverses\b", re.I), "may slow"),
    (re.compile(r"\bprevents\b", re.I), "may reduce the risk of"),
    (re.compile(r"\beliminates\b", re.I), "may reduce"),
    (re.compile(r"\bproven\b", re.I), "reported"),
)
# Frame the sentence by what the evidence allows; only "preliminary" keeps the claim, softened.
_FRAMES = {
    Evidence.PRELIMINARY: "Small studies suggest that ",
    Evidence.MIXED: "The evidence is mixed on whether ",
    Evidence.INSUFFICIENT: "There is not yet enough evidence to say that ",
    Evidence.CONTRADICTED: "The evidence does not support the claim that ",
}


def _lower_first(text: str) -> str:
    # Keep acronyms and names ("LDN", "Crohn's") as written.
    if len(text) > 1 and (text[1].isupper() or not text[0].isupper()):
        return text
    return text[0].lower() + text[1:]


def hedged_rewrite(text: str, evidence: Evidence) -> str:
    """A version of *text* that says no more than *evidence* allows, or '' if none is needed."""
    frame = _FRAMES.get(evidence)
    if frame is None or not text.strip():
        return ""
    body = text.strip().rstrip(".!")
    if evidence is Evidence.PRELIMINARY:
        for pattern, replacement in _SOFTENERS:
            body = pattern.sub(replacement, body)
    return frame + _lower_first(body) + "."
