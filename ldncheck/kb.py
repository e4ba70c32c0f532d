"""Load and validate the knowledge base: claims, sources and lexicon, as one frozen object."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ldncheck import kbcache
from ldncheck.errors import KnowledgeBaseError
from ldncheck.kbcache import KbParts
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
    """The knowledge base that ships inside the package.

    The YAML is read with plain file I/O, so the package is always a directory on disk and its
    data sits beside this module. ``importlib.resources`` names the same directory (a test
    checks that) but costs about 5 ms of imports on every start; it is asked only if the
    directory is not where it should be.
    """
    here = Path(__file__).parent / "data"
    if here.is_dir():
        return here
    from importlib import resources

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


def _lexicon_path(directory: Path) -> Path:
    own = directory / LEXICON_FILE
    return own if own.is_file() else bundled_dir() / LEXICON_FILE


def _reviewed(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _build(paths: tuple[Path, ...], texts: tuple[str, ...]) -> tuple[KbParts, Lexicon]:
    """Parse, validate and index the YAML: the slow path, taken when the cache misses."""
    lexicon_doc, sources_doc, claims_doc = (
        load_located(text, str(path)) for path, text in zip(paths, texts, strict=True)
    )
    lexicon = build_lexicon(lexicon_doc)
    # Schema checks run only when the YAML is parsed; a cached knowledge base skips them.
    from ldncheck.kbschema import validate_claims, validate_sources

    sources = validate_sources(sources_doc)
    caveats, claims = validate_claims(claims_doc, sources, set(lexicon.topics))
    parts = KbParts(
        lexicon_data=lexicon_doc.data,
        schema_version=int(claims_doc.data.get("schema_version", 1)),
        reviewed=_reviewed(claims_doc.data.get("reviewed")),
        caveats=caveats,
        claims=claims,
        sources=sources,
        index=build_index(claims, lexicon),
        prefilters=lexicon.prefilters(),
    )
    return parts, lexicon


def _assemble(base: Path, parts: KbParts, lexicon: Lexicon) -> KnowledgeBase:
    return KnowledgeBase(
        schema_version=parts.schema_version,
        reviewed=parts.reviewed,
        claims=parts.claims,
        sources=MappingProxyType({s.id: s for s in parts.sources}),
        caveats=MappingProxyType(parts.caveats),
        lexicon=lexicon,
        index=parts.index,
        origin=str(base),
        by_id=MappingProxyType({c.id: c for c in parts.claims}),
    )


def _store(where: Path, key: str, parts: KbParts) -> None:
    """Cache ``parts`` only if they survive the JSON round trip unchanged."""
    payload = kbcache.encode(parts)
    try:
        same = kbcache.decode(json.loads(json.dumps(payload))) == parts
    except (kbcache.CacheInvalid, TypeError, ValueError):
        same = False
    if same:
        kbcache.write(where, key, payload)


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """Load, validate and index the knowledge base in ``directory`` (default: the bundled one).

    A directory without its own ``lexicon.yaml`` uses the bundled lexicon. A cached copy of the
    validated, indexed result is used when the YAML and the code are unchanged (see kbcache).
    """
    base = directory if directory is not None else bundled_dir()
    if not base.is_dir():
        raise KnowledgeBaseError("knowledge-base directory not found", path=str(base))
    paths = (_lexicon_path(base), base / "sources.yaml", base / "claims.yaml")
    texts = tuple(_read(p) for p in paths)
    if not kbcache.enabled():
        return _assemble(base, *_build(paths, texts))
    key = kbcache.cache_key([t.encode() for t in texts])
    where = kbcache.cache_file(str(base.resolve()))
    try:
        parts = kbcache.decode(kbcache.read(where, key))
    except kbcache.CacheInvalid:
        parts, lexicon = _build(paths, texts)
        _store(where, key, parts)
        return _assemble(base, parts, lexicon)
    lexicon_doc = Located(parts.lexicon_data, None, str(paths[0]))
    return _assemble(base, parts, build_lexicon(lexicon_doc, parts.prefilters))


def lint_kb(kb: KnowledgeBase) -> list[str]:
    """Problems that do not stop loading but that `kb validate` reports: unused sources."""
    cited = {s for c in kb.claims for s in c.sources}
    problems = [
        f"source {sid!r} is not cited by any claim" for sid in kb.sources if sid not in cited
    ]
    problems += [
        f"claim {c.id!r} has fewer than 4 aliases" for c in kb.claims if len(c.aliases) < 4
    ]
    return problems
