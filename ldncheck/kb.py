"""Load and validate the knowledge base: claims, sources and lexicon, as one frozen object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ldncheck.errors import KnowledgeBaseError
from ldncheck.kbschema import validate_claims, validate_sources
from ldncheck.lexicon import Lexicon, build_lexicon
from ldncheck.match import ClaimIndex, build_index
from ldncheck.model import Claim, Source
from ldncheck.yamlload import MAX_YAML_BYTES, Located, load_located

KB_FILES = ("claims.yaml", "sources.yaml")
LEXICON_FILE = "lexicon.yaml"


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Claims, sources, caveats and lexicon, validated and indexed."""

    schema_version: int
    reviewed: dt.date | None
    claims: tuple[Claim, ...]
    sources: Mapping[str, Source]
    caveats: Mapping[str, str]
    lexicon: Lexicon
    index: ClaimIndex
    origin: str
    by_id: Mapping[str, Claim]

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, if any."""
        return self.by_id.get(claim_id)

    def source(self, source_id: str) -> Source | None:
        """The source with this id, if any."""
        return self.sources.get(source_id)

    def claims_for(self, topic: str) -> tuple[Claim, ...]:
        """Claims of one topic, in file order."""
        return tuple(c for c in self.claims if c.topic == topic)

    def caveat_texts(self, claim: Claim) -> tuple[str, ...]:
        """The caveat sentences that apply to a claim."""
        return tuple(self.caveats[name] for name in claim.caveats if name in self.caveats)

    def citations(self, claim: Claim) -> tuple[Source, ...]:
        """The sources a claim cites, in the order it cites them."""
        return tuple(self.sources[s] for s in claim.sources if s in self.sources)


def bundled_dir() -> Path:
    """The knowledge base that ships inside the package."""
    return Path(str(resources.files("ldncheck") / "data"))


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise KnowledgeBaseError(
                f"file is {size // (1024 * 1024)} MiB; knowledge-base files over "
                f"{MAX_YAML_BYTES // (1024 * 1024)} MiB are refused",
                path=str(path),
            )
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeBaseError("file not found", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError(f"not valid UTF-8 ({exc.reason})", path=str(path)) from None
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read: {exc.strerror}", path=str(path)) from None


def _parse(path: Path) -> Located:
    return load_located(_read(path), str(path))


def _lexicon_path(directory: Path) -> Path:
    own = directory / LEXICON_FILE
    return own if own.is_file() else bundled_dir() / LEXICON_FILE


def _reviewed(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """Load, validate and index the knowledge base in ``directory`` (default: the bundled one).

    A directory without its own ``lexicon.yaml`` uses the bundled lexicon.
    """
    base = directory if directory is not None else bundled_dir()
    if not base.is_dir():
        raise KnowledgeBaseError("knowledge-base directory not found", path=str(base))
    lexicon = build_lexicon(_parse(_lexicon_path(base)))
    sources_doc = _parse(base / "sources.yaml")
    sources = validate_sources(sources_doc)
    claims_doc = _parse(base / "claims.yaml")
    caveats, claims = validate_claims(claims_doc, sources, set(lexicon.topics))
    return KnowledgeBase(
        schema_version=int(claims_doc.data.get("schema_version", 1)),
        reviewed=_reviewed(claims_doc.data.get("reviewed")),
        claims=claims,
        sources=MappingProxyType({s.id: s for s in sources}),
        caveats=MappingProxyType(caveats),
        lexicon=lexicon,
        index=build_index(claims, lexicon),
        origin=str(base),
        by_id=MappingProxyType({c.id: c for c in claims}),
    )


def lint_kb(kb: KnowledgeBase) -> list[str]:
    """Problems that do not stop loading but that `kb validate` reports: unused sources."""
    cited = {s for c in kb.claims for s in c.sources}
    problems = [f"source {sid!r} is not cited by any claim"
                for sid in kb.sources if sid not in cited]
    problems += [f"claim {c.id!r} has fewer than 4 aliases" for c in kb.claims
                 if len(c.aliases) < 4]
    return problems


