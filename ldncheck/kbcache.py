"""A cache of the loaded knowledge base, so a start-up skips YAML parsing and index building.

The cache is JSON (never pickle), one file per knowledge-base directory in the user's cache
directory (``$XDG_CACHE_HOME/ldncheck`` or ``~/.cache/ldncheck``), written atomically. Its key
is a SHA-256 over the three YAML files, the Python version and the source of the modules that
turn YAML into a ``KnowledgeBase``, so editing either the data or the code invalidates it. On
read it is trusted only when the key matches, the payload checksum matches, the file belongs to
this user and nobody else can write it, and every field decodes to the expected type; anything
else is a miss and the knowledge base is rebuilt from YAML. ``LDNCHECK_NO_CACHE=1`` disables it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ldncheck.lexicon import relation_terms
from ldncheck.match import ClaimIndex, Terms, Variant, assemble_index
from ldncheck.model import Claim, Evidence, Source
from ldncheck.prefilter import read_entry

FORMAT = 2
# Modules whose code decides what a KnowledgeBase built from given YAML looks like.
_CODE = (
    "kb.py",
    "kbcache.py",
    "kbschema.py",
    "lexicon.py",
    "match.py",
    "model.py",
    "normalize.py",
    "prefilter.py",
    "retree.py",
    "yamlload.py",
)


@dataclass(frozen=True, slots=True)
class KbParts:
    """What a knowledge base is built from, before its lexicon is compiled."""

    lexicon_data: dict[str, Any]
    schema_version: int
    reviewed: dt.date | None
    caveats: dict[str, str]
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    index: ClaimIndex
    # Each lexicon pattern's literal needs (Lexicon.prefilters), so a start-up compiles none.
    prefilters: dict[str, list[Any]]


class CacheInvalid(Exception):
    """The cache file is missing, stale, corrupted or not ours: rebuild from YAML."""


def enabled() -> bool:
    """False when LDNCHECK_NO_CACHE is set to anything but empty or 0."""
    return os.environ.get("LDNCHECK_NO_CACHE", "").strip() in ("", "0")


def cache_dir() -> Path:
    """The platform cache directory for ldncheck."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not base and sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "ldncheck"


def cache_key(files: list[bytes]) -> str:
    """SHA-256 over the YAML bytes, the Python version and the loader's own source."""
    digest = hashlib.sha256(f"ldncheck-kb-cache {FORMAT} {sys.version}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    for blob in files:
        digest.update(len(blob).to_bytes(8, "big"))
        digest.update(blob)
    return digest.hexdigest()


def cache_file(origin: str) -> Path:
    """One file per knowledge-base directory, overwritten when that knowledge base changes."""
    name = hashlib.sha256(origin.encode()).hexdigest()[:24]
    return cache_dir() / f"kb-{name}.json"


def _trusted(path: Path) -> None:
    info = path.stat()
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise CacheInvalid("not owned by this user")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheInvalid("writable by others")


def read(path: Path, key: str) -> Any:
    """The payload stored under ``key``, or CacheInvalid."""
    try:
        _trusted(path)
        blob = path.read_bytes()
    except OSError as exc:
        raise CacheInvalid(str(exc)) from None
    header_bytes, _, body = blob.partition(b"\n")
    try:
        header = json.loads(header_bytes)
    except ValueError:
        raise CacheInvalid("header is not JSON") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
        raise CacheInvalid("stale or foreign")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise CacheInvalid("checksum mismatch")
    try:
        return json.loads(body)
    except ValueError:
        raise CacheInvalid("payload is not JSON") from None


def write(path: Path, key: str, payload: Any) -> None:
    """Store ``payload`` atomically; a cache that cannot be written is simply not written."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    header = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        import tempfile  # only when writing, which a warm cache never does

        fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header.encode() + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path.parent, keep=path)
    except OSError:
        return


# Knowledge bases in temporary directories each leave a cache file behind; beyond this many,
# the least recently written go.
MAX_FILES = 64


def _prune(directory: Path, *, keep: Path) -> None:
    """Remove all but the MAX_FILES most recently written cache files (never ``keep``)."""
    files = []
    for entry in directory.glob("kb-*.json"):
        try:
            files.append((entry.stat().st_mtime, entry))
        except OSError:
            continue  # removed meanwhile by another process
    files.sort(reverse=True)
    for _, stale in files[MAX_FILES:]:
        if stale != keep:
            stale.unlink(missing_ok=True)


def need(value: Any, kind: type | tuple[type, ...]) -> Any:
    """``value`` if it is of ``kind``; otherwise the cache is invalid."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise CacheInvalid(f"expected {kind}, got {type(value).__name__}")
    return value


def strings(value: Any) -> tuple[str, ...]:
    """A list of strings, as a tuple."""
    return tuple(need(v, str) for v in need(value, list))


def date(value: Any) -> dt.date | None:
    """An ISO date or null."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(need(value, str))
    except ValueError:
        raise CacheInvalid("bad date") from None


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "topic": c.topic,
        "statement": c.statement,
        "evidence": c.evidence.value,
        "summary": c.summary,
        "aliases": list(c.aliases),
        "caveats": list(c.caveats),
        "sources": list(c.sources),
        "reviewed": c.reviewed.isoformat() if c.reviewed else None,
    }


def _source(s: Source) -> dict[str, Any]:
    return {f.name: getattr(s, f.name) for f in fields(s)}


def _variant(v: Variant) -> list[Any]:
    return [v.claim.id, v.text, v.norm, sorted(v.terms.topic), sorted(v.terms.predicate)]


def encode(parts: KbParts) -> dict[str, Any]:
    """The JSON payload for a loaded knowledge base."""
    index = parts.index
    return {
        "lexicon": parts.lexicon_data,
        "schema_version": parts.schema_version,
        "reviewed": parts.reviewed.isoformat() if parts.reviewed else None,
        "caveats": dict(parts.caveats),
        "claims": [_claim(c) for c in parts.claims],
        "sources": [_source(s) for s in parts.sources],
        # The wordings in knowledge-base order; weights and postings are re-derived on load.
        "index": [_variant(v) for v in index.wordings],
        "prefilters": parts.prefilters,
    }


def _decode_claim(raw: dict[str, Any]) -> Claim:
    return Claim(
        id=need(raw["id"], str),
        topic=need(raw["topic"], str),
        statement=need(raw["statement"], str),
        evidence=Evidence(raw["evidence"]),
        summary=need(raw["summary"], str),
        aliases=strings(raw["aliases"]),
        caveats=strings(raw["caveats"]),
        sources=strings(raw["sources"]),
        reviewed=date(raw["reviewed"]),
    )


def _decode_source(raw: dict[str, Any]) -> Source:
    year = raw.pop("year")
    values = {name: need(value, str) for name, value in raw.items()}
    return Source(year=None if year is None else need(year, int), **values)


def _decode_index(
    raw: Any, claims: tuple[Claim, ...], by_id: dict[str, Claim], relations: frozenset[str]
) -> ClaimIndex:
    wordings = [
        (
            by_id[need(cid, str)],
            need(text, str),
            need(norm, str),
            Terms(topic=frozenset(strings(t)), predicate=frozenset(strings(p))),
        )
        for cid, text, norm, t, p in need(raw, list)
    ]
    return assemble_index(claims, wordings, relations=relations)


def _decode_prefilters(raw: dict[Any, Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key, entry in raw.items():
        read_entry(entry)  # raises ValueError when the entry is malformed
        out[need(key, str)] = entry
    return out


def decode(payload: Any) -> KbParts:
    """A payload back into knowledge-base parts; CacheInvalid on any unexpected shape."""
    try:
        raw = need(payload, dict)
        claims = tuple(_decode_claim(need(c, dict)) for c in need(raw["claims"], list))
        caveats = {need(k, str): need(v, str) for k, v in need(raw["caveats"], dict).items()}
        return KbParts(
            lexicon_data=need(raw["lexicon"], dict),
            schema_version=need(raw["schema_version"], int),
            reviewed=date(raw["reviewed"]),
            caveats=caveats,
            claims=claims,
            sources=tuple(_decode_source(need(s, dict)) for s in need(raw["sources"], list)),
            index=_decode_index(
                raw["index"],
                claims,
                {c.id: c for c in claims},
                relation_terms(strings(need(raw["lexicon"], dict).get("relations", []))),
            ),
            prefilters=_decode_prefilters(need(raw["prefilters"], dict)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CacheInvalid(f"malformed payload: {exc}") from None
