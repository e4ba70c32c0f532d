"""Severity policy: what a checked sentence amounts to, and how loudly it is reported.

false -> error, overstated -> warning; a claim only repeated (blockquote, quotation marks,
reported speech) -> info by default (``quotes`` setting); unknown -> info with show_unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ldncheck.config import QuotesPolicy, ScanSettings
from ldncheck.model import Result, Severity, Stance, Verdict
from ldncheck.rules import CODE_BY_VERDICT, REPORTED_CLAIM, UNKNOWN_CLAIM
from ldncheck.sentences import Sentence

Checker = Callable[[str, bool], Result]
_SEVERITY_BY_VERDICT = {Verdict.FALSE: Severity.ERROR, Verdict.OVERSTATED: Severity.WARNING}
_QUOTED = re.compile(r'"([^"\n]{8,})"|\u201c([^\u201d\n]{8,})\u201d')
# A claim needs a subject, a verb and an object; shorter units are headings and labels.
MIN_WORDS = 3
# ... except a list item or heading that opens with a verb ("Shrinks tumours", "Fights
# cancer"): the subject is the document's, elided. Noun labels ("Pain relief", "Crohn's
# disease", "Stress") stay skipped.
_ELIDED_SUBJECT_VERB = re.compile(r"[A-Za-z]{2,}(?<![sui])s")


def too_short(text: str) -> bool:
    """True for units too short to make a claim: headings, labels, fragments."""
    words = text.split()
    if len(words) >= MIN_WORDS:
        return False
    return not (len(words) == 2 and _ELIDED_SUBJECT_VERB.fullmatch(words[0]) is not None)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What a checked sentence amounts to: the verdict if asserted, and why it is not."""

    verdict: Verdict
    reported_why: str = ""


def assess(result: Result, sentence: Sentence, *, checker: Checker, about_ldn: bool) -> Assessment:
    """The verdict the sentence's claim gets if asserted, and whether it is only reported."""
    if result.verdict.flagged:
        return Assessment(
            result.verdict, _reported_why(result, sentence, checker, about_ldn=about_ldn)
        )
    if result.reported and result.match is not None:
        from ldncheck.judge import judge

        # The core reads reported speech as hedged; what matters here is the claim repeated.
        asserted = judge(result.match.claim.evidence, Stance.STRONG)
        if asserted.flagged:
            return Assessment(asserted, "reported speech")
    return Assessment(result.verdict)


def _reported_why(result: Result, sentence: Sentence, checker: Checker, *, about_ldn: bool) -> str:
    if sentence.in_blockquote:
        return "in a blockquote"
    if sentence.in_quotes:
        return "inside quotation marks"
    if result.reported:
        return "reported speech"
    claim = result.match.claim.id if result.match else None
    for found in _QUOTED.finditer(sentence.text):
        quoted = checker(found.group(found.lastindex or 1), about_ldn)
        if quoted.verdict.flagged and quoted.match and quoted.match.claim.id == claim:
            return "the claim is quoted"
    return ""


def classify(
    result: Result, assessment: Assessment, settings: ScanSettings
) -> tuple[Severity, str, str] | None:
    """(severity, note, rule code) for a checked sentence, or None when it is not reported."""
    verdict, why = assessment.verdict, assessment.reported_why
    if verdict.flagged:
        if why and settings.quotes is QuotesPolicy.IGNORE:
            return None
        if why and settings.quotes is QuotesPolicy.INFO:
            return Severity.INFO, f"reported, not asserted: {why}", REPORTED_CLAIM
        return _SEVERITY_BY_VERDICT[verdict], "", CODE_BY_VERDICT[verdict]
    if verdict is Verdict.UNKNOWN and settings.show_unknown and _unmatched_ldn_claim(result):
        return Severity.INFO, "", UNKNOWN_CLAIM
    return None


def _unmatched_ldn_claim(result: Result) -> bool:
    """About LDN and a topic the knowledge base covers, yet matching no claim: worth a look."""
    reading = result.reading
    return reading.about_ldn and bool(reading.topics) and result.stance is not Stance.QUESTION
