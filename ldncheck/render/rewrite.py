"""A generic hedged rewrite of an overstated or false sentence, offered as a starting point.

Deliberately simple and claim-agnostic: soften the strongest verbs and boosters, then frame the
sentence with what the evidence allows. The writer is expected to edit it.
"""

from __future__ import annotations

import re

from ldncheck.model import Verdict

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
_PREFIX = {
    Verdict.OVERSTATED: "Small studies suggest that ",
    Verdict.FALSE: "There is no good evidence that ",
}


def _lower_first(text: str) -> str:
    # Keep acronyms and names ("LDN", "Crohn's") as written.
    if len(text) > 1 and (text[1].isupper() or not text[0].isupper()):
        return text
    return text[0].lower() + text[1:]


def hedged_rewrite(text: str, verdict: Verdict) -> str:
    """A softer version of *text*, or '' when the verdict asks for none."""
    prefix = _PREFIX.get(verdict)
    if prefix is None or not text.strip():
        return ""
    body = text.strip().rstrip(".!")
    if verdict is Verdict.OVERSTATED:
        for pattern, replacement in _SOFTENERS:
            body = pattern.sub(replacement, body)
    return prefix + _lower_first(body) + "."
