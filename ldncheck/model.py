"""The data model: frozen dataclasses and enums shared by the core and the edges."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class Evidence(StrEnum):
    """How well the evidence supports a knowledge-base claim as stated."""

    ESTABLISHED = "established"
    PRELIMINARY = "preliminary"
    MIXED = "mixed"
    INSUFFICIENT = "insufficient"
    CONTRADICTED = "contradicted"


class Stance(StrEnum):
    """How a sentence presents the claim it matched."""

    STRONG = "strong"
    HEDGED = "hedged"
    NEGATED = "negated"
    FACTUAL = "factual"
    QUESTION = "question"
    NONE = "none"


class Verdict(StrEnum):
    """The verdict on a sentence as written."""

    ACCURATE = "accurate"
    OVERSTATED = "overstated"
    FALSE = "false"
    UNKNOWN = "unknown"

    @property
    def flagged(self) -> bool:
        """True for the verdicts a writer must act on."""
        return self in (Verdict.OVERSTATED, Verdict.FALSE)


class Severity(StrEnum):
    """How loudly a scan finding is reported."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NONE = "none"


class ExitCode(IntEnum):
    """Process exit codes, the same for every command."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Source:
    """One bibliography entry."""

    id: str
    type: str
    title: str
    authors: str = ""
    year: int | None = None
    journal: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    finding: str = ""

    @property
    def link(self) -> str:
        """The best link for a reader: DOI, then PubMed, then the recorded URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


@dataclass(frozen=True, slots=True)
class Claim:
    """One curated claim with its evidence status."""

    id: str
    topic: str
    statement: str
    evidence: Evidence
    summary: str
    aliases: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    reviewed: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject a sentence can be about, with the terms that reveal it."""

    slug: str
    label: str
    terms: tuple[str, ...]
    descriptive: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A knowledge-base claim scored against a sentence."""

    claim: Claim
    score: float
    variant: str = ""


@dataclass(frozen=True, slots=True)
class Reading:
    """What the sentence is about: LDN or not, which topics, and why."""

    about_ldn: bool
    topics: tuple[str, ...] = ()
    ldn_cues: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class StanceReading:
    """The stance of a sentence relative to a matched claim, with the cues that decided it."""

    stance: Stance
    cues: tuple[str, ...] = ()
    reported: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of checking one sentence; every renderer reads only this."""

    text: str
    verdict: Verdict
    stance: Stance
    reading: Reading
    match: Candidate | None = None
    alternatives: tuple[Candidate, ...] = ()
    stance_cues: tuple[str, ...] = ()
    reported: bool = False
    explanation: str = ""
    caveats: tuple[str, ...] = ()
    citations: tuple[Source, ...] = ()

    @property
    def flagged(self) -> bool:
        """True when the sentence is overstated or false."""
        return self.verdict.flagged


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based line/column range in a source file (columns count characters)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline directive that silenced a finding."""

    kind: str
    reason: str
    line: int


@dataclass(frozen=True, slots=True)
class Finding:
    """A checked sentence at a place in a file."""

    path: str
    span: Span
    result: Result
    severity: Severity
    note: str = ""
    suppression: Suppression | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
