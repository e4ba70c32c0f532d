"""Schema checks for claims.yaml and sources.yaml, with errors located to file:line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ldncheck.model import Claim, Evidence, Source
from ldncheck.yamlload import Located

SOURCE_TYPES = frozenset(
    {
        "rct",
        "crossover-rct",
        "systematic-review",
        "meta-analysis",
        "cohort",
        "case-report",
        "case-series",
        "open-label",
        "registry",
        "review",
        "guideline",
        "regulatory",
        "protocol",
        "preclinical",
        "web-page",
        "trial-registration",
        "hypothesis",
    }
)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^\d{1,9}$")
_PMCID = re.compile(r"^PMC\d+$")
_SOURCE_KEYS = {
    "id",
    "type",
    "title",
    "authors",
    "year",
    "journal",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "finding",
}
_SOURCE_REQUIRED = ("id", "type", "title")
_CLAIM_KEYS = {
    "id",
    "topic",
    "statement",
    "aliases",
    "evidence",
    "summary",
    "caveats",
    "sources",
    "reviewed",
}
_CLAIM_REQUIRED = ("id", "topic", "statement", "evidence", "summary", "sources")
_EVIDENCE = ", ".join(e.value for e in Evidence)


def _top(doc: Located, list_key: str, allowed: set[str]) -> list[Any]:
    if not isinstance(doc.data, dict):
        raise doc.error([], f"expected a mapping with a '{list_key}' list at the top level")
    for key in doc.data:
        if key not in allowed:
            raise doc.error([key], f"unknown top-level key {key!r}")
    items = doc.data.get(list_key)
    if not isinstance(items, list) or not items:
        raise doc.error([list_key], f"'{list_key}' must be a non-empty list")
    version = doc.data.get("schema_version", 1)
    if version != 1:
        raise doc.error(
            ["schema_version"], f"schema_version {version!r} is not supported (expected 1)"
        )
    return items


def _entry(
    doc: Located, where: list[str | int], item: Any, keys: set[str], required: tuple[str, ...]
) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise doc.error(where, "expected a mapping")
    label = f"{where[0]}[{where[1]}]" + (
        f" ({item['id']})" if isinstance(item.get("id"), str) else ""
    )
    for key in item:
        if key not in keys:
            raise doc.error([*where, key], f"{label}: unknown key {key!r}")
    for key in required:
        if item.get(key) in (None, "", []):
            raise doc.error(where, f"{label}: missing required field {key!r}")
    return item


def _text(doc: Located, where: list[str | int], value: Any, label: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise doc.error(where, f"{label}: expected text, got {type(value).__name__}")
    return str(value).strip()


def _unique(
    doc: Located, where: list[str | int], seen: dict[str, str], value: str, *, what: str, owner: str
) -> None:
    if value in seen:
        raise doc.error(where, f"{owner}: duplicate {what} {value!r} (also on {seen[value]})")
    seen[value] = owner


def _identified(
    doc: Located,
    where: list[str | int],
    item: Any,
    shape: tuple[set[str], tuple[str, ...]],
    ids: dict[str, str],
) -> tuple[dict[str, Any], str, str]:
    """An entry's fields, its id (a unique lower-case slug) and the label errors name it by."""
    raw = _entry(doc, where, item, *shape)
    ident = _text(doc, [*where, "id"], raw["id"], f"{where[0]}[{where[1]}]")
    label = f"{where[0]}[{where[1]}] ({ident})"
    if not _SLUG.match(ident):
        raise doc.error([*where, "id"], f"{label}: id must be a lower-case slug")
    _unique(doc, [*where, "id"], ids, ident, what="id", owner=label)
    return raw, ident, label


def _source(doc: Located, i: int, item: Any, seen: dict[str, dict[str, str]]) -> Source:
    where: list[str | int] = ["sources", i]
    shape = (_SOURCE_KEYS, _SOURCE_REQUIRED)
    raw, sid, label = _identified(doc, where, item, shape, seen["id"])
    fields = {
        k: _text(doc, [*where, k], raw.get(k), label)
        for k in ("type", "title", "authors", "journal", "doi", "pmid", "pmcid", "url", "finding")
    }
    if fields["type"] not in SOURCE_TYPES:
        raise doc.error(
            [*where, "type"],
            f"{label}.type: {fields['type']!r} is not one of: {', '.join(sorted(SOURCE_TYPES))}",
        )
    for key, pattern in (("doi", _DOI), ("pmid", _PMID), ("pmcid", _PMCID)):
        if fields[key]:
            if not pattern.match(fields[key]):
                raise doc.error(
                    [*where, key], f"{label}.{key}: {fields[key]!r} is not a valid {key}"
                )
            _unique(doc, [*where, key], seen[key], fields[key].lower(), what=key, owner=label)
    year = raw.get("year")
    if year is not None and (
        not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100
    ):
        raise doc.error([*where, "year"], f"{label}.year: expected a year such as 2021")
    return Source(id=sid, year=year, **fields)


def validate_sources(doc: Located) -> tuple[Source, ...]:
    """Check sources.yaml and build its Source objects."""
    items = _top(doc, "sources", {"schema_version", "sources", "reviewed"})
    seen: dict[str, dict[str, str]] = {"id": {}, "doi": {}, "pmid": {}, "pmcid": {}}
    return tuple(_source(doc, i, item, seen) for i, item in enumerate(items))


def _string_list(doc: Located, where: list[str | int], value: Any, label: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise doc.error(where, f"{label}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _claim(doc: Located, i: int, item: Any, ctx: dict[str, Any]) -> Claim:
    where: list[str | int] = ["claims", i]
    raw, cid, label = _identified(doc, where, item, (_CLAIM_KEYS, _CLAIM_REQUIRED), ctx["ids"])
    topic = _text(doc, [*where, "topic"], raw["topic"], label)
    if topic not in ctx["topics"]:
        raise doc.error([*where, "topic"], f"{label}.topic: {topic!r} is not a known topic")
    evidence = _text(doc, [*where, "evidence"], raw["evidence"], label)
    if evidence not in Evidence._value2member_map_:
        raise doc.error(
            [*where, "evidence"], f"{label}.evidence: {evidence!r} is not one of: {_EVIDENCE}"
        )
    caveats = _string_list(doc, [*where, "caveats"], raw.get("caveats"), f"{label}.caveats")
    for j, name in enumerate(caveats):
        if name not in ctx["caveats"]:
            raise doc.error(
                [*where, "caveats", j], f"{label}.caveats: {name!r} is not defined under 'caveats'"
            )
    sources = _string_list(doc, [*where, "sources"], raw.get("sources"), f"{label}.sources")
    for j, sid in enumerate(sources):
        if sid not in ctx["sources"]:
            raise doc.error(
                [*where, "sources", j], f"{label}.sources: {sid!r} is not in sources.yaml"
            )
    reviewed = raw.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        raise doc.error(
            [*where, "reviewed"], f"{label}.reviewed: expected a date such as 2026-01-31"
        )
    return Claim(
        id=cid,
        topic=topic,
        evidence=Evidence(evidence),
        statement=_text(doc, [*where, "statement"], raw["statement"], label),
        summary=_text(doc, [*where, "summary"], raw["summary"], label),
        aliases=_string_list(doc, [*where, "aliases"], raw.get("aliases"), f"{label}.aliases"),
        caveats=caveats,
        sources=sources,
        reviewed=reviewed,
    )


def validate_claims(
    doc: Located, sources: tuple[Source, ...], topics: set[str]
) -> tuple[dict[str, str], tuple[Claim, ...]]:
    """Check claims.yaml against the sources and topics; return caveat texts and claims."""
    items = _top(doc, "claims", {"schema_version", "reviewed", "caveats", "claims"})
    caveats = doc.data.get("caveats") or {}
    if not isinstance(caveats, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in caveats.items()
    ):
        raise doc.error(["caveats"], "'caveats' must map names to sentences")
    reviewed = doc.data.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        raise doc.error(["reviewed"], "reviewed: expected a date such as 2026-01-31")
    ctx: dict[str, Any] = {
        "ids": {},
        "topics": topics,
        "caveats": caveats,
        "sources": {s.id for s in sources},
    }
    claims = tuple(_claim(doc, i, item, ctx) for i, item in enumerate(items))
    return {k: v.strip() for k, v in caveats.items()}, claims
