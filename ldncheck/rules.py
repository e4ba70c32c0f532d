"""The scan's rule catalogue: a stable code and id for each kind of finding."""

from __future__ import annotations

from dataclasses import dataclass

from ldncheck.model import Finding, Verdict


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of scan finding, as linters and SARIF viewers know it."""

    id: str
    code: str
    title: str
    help: str


FALSE_CLAIM = "false-claim"
OVERSTATED_CLAIM = "overstated-claim"
REPORTED_CLAIM = "reported-claim"
UNKNOWN_CLAIM = "unknown-claim"
SUPPRESSION_WITHOUT_REASON = "suppression-without-reason"
UNUSED_SUPPRESSION = "unused-suppression"

SUPPRESS_HINT = (
    "to silence a finding you have checked, put "
    "'<!-- ldncheck-disable-next-line overstated -- why -->' on the line before it "
    "(in plain text: 'ldncheck-disable-next-line overstated -- why')"
)

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "LDN001",
            FALSE_CLAIM,
            "Claim contradicted by the evidence",
            "The sentence states as fact a claim about low-dose naltrexone that the evidence "
            "contradicts. Remove it or say what the evidence shows. " + SUPPRESS_HINT + ".",
        ),
        Rule(
            "LDN002",
            OVERSTATED_CLAIM,
            "Claim stronger than the evidence",
            "The sentence states more certainty than the evidence supports (for example small "
            "or preliminary trials presented as proof). Hedge it: 'small studies suggest…'. "
            + SUPPRESS_HINT
            + ".",
        ),
        Rule(
            "LDN003",
            REPORTED_CLAIM,
            "Overstated or false claim in reported speech",
            "The claim appears in a quotation, a blockquote or reported speech ('some websites "
            "claim…'). It is shown for information; make sure the text around it says what "
            "the evidence shows.",
        ),
        Rule(
            "LDN004",
            UNKNOWN_CLAIM,
            "Claim not in the knowledge base",
            "The sentence is about low-dose naltrexone but matches no curated claim closely "
            "enough to judge. Shown only with --show-unknown.",
        ),
        Rule(
            "LDN900",
            SUPPRESSION_WITHOUT_REASON,
            "Suppression without a reason",
            "Every ldncheck-disable directive must say why after '--', for example "
            "'<!-- ldncheck-disable-next-line overstated -- quoting the 2004 statement -->'.",
        ),
        Rule(
            "LDN901",
            UNUSED_SUPPRESSION,
            "Unused suppression",
            "The directive silences nothing: the finding it was written for is gone. "
            "Remove the directive.",
        ),
    )
}

# The rule a flagged verdict breaks; scan policy and code_of both read it.
CODE_BY_VERDICT = {Verdict.FALSE: FALSE_CLAIM, Verdict.OVERSTATED: OVERSTATED_CLAIM}


def code_of(finding: Finding) -> str:
    """The rule code of *finding*, recorded when it was made or implied by its verdict."""
    recorded = finding.extra.get("code")
    if recorded:
        return recorded
    return CODE_BY_VERDICT.get(finding.result.verdict, UNKNOWN_CLAIM)


def claim_id_of(finding: Finding) -> str:
    """The matched claim id, or '-' when there is none."""
    match = finding.result.match
    return match.claim.id if match is not None else "-"
