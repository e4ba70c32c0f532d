"""The JSON contract of `check`: one object per claim, every field always present."""

from __future__ import annotations

import json
from typing import Any

from ldncheck import __version__
from ldncheck.kb import KnowledgeBase
from ldncheck.model import Candidate, Result, Source

SCHEMA_VERSION = 1


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.claim.id,
        "topic": c.claim.topic,
        "statement": c.claim.statement,
        "score": c.score,
    }


def _citation(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "authors": s.authors,
        "year": s.year,
        "journal": s.journal,
        "doi": s.doi or None,
        "pmid": s.pmid or None,
        "url": s.link or None,
    }


def result_to_dict(result: Result, kb: KnowledgeBase) -> dict[str, Any]:
    """The check JSON object for one result (see README, "JSON output")."""
    match = result.match
    return {
        "schema_version": SCHEMA_VERSION,
        "ldncheck_version": __version__,
        "kb_reviewed": kb.reviewed.isoformat() if kb.reviewed else None,
        "claim": result.text,
        "verdict": result.verdict.value,
        "flagged": result.flagged,
        "stance": result.stance.value,
        "stance_cues": list(result.stance_cues),
        "reported": result.reported,
        "match": None
        if match is None
        else {**_candidate(match), "evidence": match.claim.evidence.value},
        "explanation": result.explanation,
        "summary": match.claim.summary if match else None,
        "caveats": list(result.caveats),
        "citations": [_citation(s) for s in result.citations],
        "alternatives": [_candidate(c) for c in result.alternatives],
        "detection": {
            "about_ldn": result.reading.about_ldn,
            "topics": list(result.reading.topics),
            "ldn_cues": list(result.reading.ldn_cues),
            "reason": result.reading.reason,
        },
    }


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON text; non-ASCII kept readable, control characters escaped by the encoder."""
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def render_jsonl_line(result: Result, kb: KnowledgeBase) -> str:
    """One compact line for one result."""
    return dumps(result_to_dict(result, kb)) + "\n"
