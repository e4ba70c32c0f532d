"""The knowledge base tested like code: the shipped data, and every validation error located."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from pathlib import Path

import pytest
import yaml
from kbfactory import CLAIMS, SOURCES, line_of, write_kb

from ldncheck import kb as kb_module
from ldncheck.errors import KnowledgeBaseError
from ldncheck.kb import KnowledgeBase, bundled_dir, lint_kb, load_kb
from ldncheck.model import Evidence
from ldncheck.yamlload import MAX_YAML_BYTES

TOPICS = (
    "multiple-sclerosis",
    "crohns-disease",
    "inflammatory-bowel-disease",
    "fibromyalgia",
    "chronic-pain",
    "crps",
    "diabetic-neuropathy",
    "chronic-fatigue-syndrome",
    "long-covid",
    "cancer",
    "hiv-aids",
    "alzheimers-disease",
    "rheumatoid-arthritis",
    "hashimotos-thyroiditis",
    "autism",
    "depression",
    "skin-disease",
    "autoimmune-general",
    "dose",
    "mechanism",
    "side-effects",
    "opioid-interaction",
    "pregnancy",
    "regulatory-status",
    "cost-and-access",
)
DOSSIER = Path(__file__).resolve().parents[2] / "shared" / "evidence" / "sources.yaml"
IDENTIFIERS = ("doi", "pmid", "pmcid")


# --- the shipped knowledge base -----------------------------------------------------------


def test_shipped_kb_lints_clean(kb: KnowledgeBase) -> None:
    assert lint_kb(kb) == []


def test_shipped_kb_size(kb: KnowledgeBase) -> None:
    assert len(kb.claims) >= 80
    assert len(kb.sources) >= 45


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_claims(kb: KnowledgeBase, topic: str) -> None:
    assert topic in kb.lexicon.topics
    assert kb.claims_for(topic), f"no claims for {topic}"


@pytest.mark.parametrize("topic", ["side-effects", "regulatory-status", "opioid-interaction"])
def test_both_polarities_exist(kb: KnowledgeBase, topic: str) -> None:
    evidence = {c.evidence for c in kb.claims_for(topic)}
    assert Evidence.ESTABLISHED in evidence
    assert Evidence.CONTRADICTED in evidence


def test_claim_ids_unique(kb: KnowledgeBase) -> None:
    counts = Counter(c.id for c in kb.claims)
    assert [cid for cid, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("key", IDENTIFIERS)
def test_no_duplicate_identifiers(kb: KnowledgeBase, key: str) -> None:
    values = Counter(getattr(s, key).lower() for s in kb.sources.values() if getattr(s, key))
    assert [v for v, n in values.items() if n > 1] == []


def test_every_claim_cites_a_known_source(kb: KnowledgeBase) -> None:
    for claim in kb.claims:
        assert claim.sources, claim.id
        assert all(sid in kb.sources for sid in claim.sources), claim.id


def test_every_source_is_cited(kb: KnowledgeBase) -> None:
    cited = {sid for c in kb.claims for sid in c.sources}
    assert set(kb.sources) - cited == set()


def test_every_caveat_is_used_and_defined(kb: KnowledgeBase) -> None:
    used = {name for c in kb.claims for name in c.caveats}
    assert used <= set(kb.caveats)


def _title_key(title: object) -> str:
    return re.sub(r"\W+", " ", str(title)).strip().lower()


def test_identifiers_match_the_evidence_dossier(kb: KnowledgeBase) -> None:
    """Every DOI/PMID/PMCID agrees with the dossier entry of the same title."""
    if not DOSSIER.is_file():
        pytest.skip(f"evidence dossier not available at {DOSSIER}")
    entries = yaml.safe_load(DOSSIER.read_text(encoding="utf-8"))
    dossier = {_title_key(e.get("title")): e for e in entries if isinstance(e, dict)}
    mismatches, unknown, compared = [], [], 0
    for source in kb.sources.values():
        ours = {k: getattr(source, k) for k in IDENTIFIERS if getattr(source, k)}
        if not ours:
            continue
        entry = dossier.get(_title_key(source.title))
        if entry is None:
            unknown.append(f"{source.id}: {ours}")
            continue
        compared += 1
        mismatches += [
            f"{source.id}.{k}: ours {v!r}, dossier {str(entry.get(k) or '')!r}"
            for k, v in ours.items()
            if str(entry.get(k) or "").strip() != v
        ]
    if unknown:
        warnings.warn(
            "identifiers of sources not in the dossier: " + "; ".join(unknown), stacklevel=1
        )
    assert compared > 0, "no source title found in the dossier; is the title key wrong?"
    assert mismatches == []


# --- loading a directory ------------------------------------------------------------------


def test_tiny_kb_loads(tmp_path: Path) -> None:
    kb = load_kb(write_kb(tmp_path))
    assert [c.id for c in kb.claims] == ["tiny-ms", "tiny-dreams"]
    assert kb.claim("tiny-ms") is kb.claims[0]
    assert kb.claim("nope") is None
    assert lint_kb(kb) == []


def test_kb_without_lexicon_uses_bundled_lexicon(tmp_path: Path) -> None:
    assert not (tmp_path / "lexicon.yaml").exists()
    kb = load_kb(write_kb(tmp_path))
    bundled = load_kb()
    assert set(kb.lexicon.topics) == set(bundled.lexicon.topics)


def test_kb_with_own_lexicon_uses_it(tmp_path: Path) -> None:
    write_kb(tmp_path)
    (tmp_path / "lexicon.yaml").write_text("topics: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'lexicon.yaml'}:1:")


def test_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(KnowledgeBaseError, match="directory not found") as info:
        load_kb(missing)
    assert str(missing) in str(info.value)


def test_missing_sources_file(tmp_path: Path) -> None:
    write_kb(tmp_path)
    (tmp_path / "sources.yaml").unlink()
    with pytest.raises(KnowledgeBaseError, match="file not found") as info:
        load_kb(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "sources.yaml"))


def test_non_utf8_file(tmp_path: Path) -> None:
    write_kb(tmp_path)
    (tmp_path / "claims.yaml").write_bytes(CLAIMS.encode("utf-8") + b"# caf\xe9\n")
    with pytest.raises(KnowledgeBaseError, match="not valid UTF-8") as info:
        load_kb(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "claims.yaml"))


def test_oversized_file_refused_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_kb(tmp_path)
    with (tmp_path / "claims.yaml").open("r+b") as handle:  # sparse: no disk used
        handle.seek(MAX_YAML_BYTES + 1)
        handle.write(b"\n")

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the oversized file was parsed")

    monkeypatch.setattr(kb_module, "load_located", never)
    monkeypatch.setattr(kb_module, "build_lexicon", lambda doc: never())
    monkeypatch.setattr(kb_module, "_lexicon_path", lambda base: tmp_path / "claims.yaml")
    with pytest.raises(KnowledgeBaseError, match="MiB") as info:
        load_kb(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "claims.yaml"))


# --- located validation errors ------------------------------------------------------------


def _error(tmp_path: Path, *, claims: str = CLAIMS, sources: str = SOURCES) -> str:
    write_kb(tmp_path, claims=claims, sources=sources)
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(tmp_path)
    return str(info.value)


def _assert_at(message: str, path: Path, line: int, *names: str) -> None:
    assert re.match(rf"{re.escape(str(path))}:{line}:\d+: ", message), message
    for name in names:
        assert name in message, message


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    bad = CLAIMS.replace(
        "summary: Two small trials disagree.", 'summary: "Two small trials disagree.'
    )
    message = _error(tmp_path, claims=bad)
    match = re.match(
        rf"{re.escape(str(tmp_path / 'claims.yaml'))}:(\d+):(\d+): YAML error", message
    )
    assert match, message
    assert int(match[1]) >= line_of(bad, 'summary: "Two')


def test_unknown_top_level_key(tmp_path: Path) -> None:
    bad = CLAIMS.replace("caveats:\n  off-label", "extra: 1\ncaveats:\n  off-label", 1)
    message = _error(tmp_path, claims=bad)
    _assert_at(message, tmp_path / "claims.yaml", line_of(bad, "extra: 1"), "'extra'")


def test_unknown_claim_key(tmp_path: Path) -> None:
    bad = CLAIMS.replace("    evidence: mixed", "    evidence: mixed\n    strength: high")
    message = _error(tmp_path, claims=bad)
    _assert_at(
        message, tmp_path / "claims.yaml", line_of(bad, "strength:"), "tiny-ms", "'strength'"
    )


def test_missing_required_field(tmp_path: Path) -> None:
    bad = CLAIMS.replace("    summary: Two small trials disagree.\n", "")
    message = _error(tmp_path, claims=bad)
    _assert_at(
        message, tmp_path / "claims.yaml", line_of(bad, "- id: tiny-ms"), "tiny-ms", "'summary'"
    )


def test_unknown_evidence_value(tmp_path: Path) -> None:
    bad = CLAIMS.replace("evidence: mixed", "evidence: proven")
    message = _error(tmp_path, claims=bad)
    _assert_at(
        message,
        tmp_path / "claims.yaml",
        line_of(bad, "evidence: proven"),
        "tiny-ms",
        "'proven'",
        "established",
    )


def test_unknown_topic(tmp_path: Path) -> None:
    bad = CLAIMS.replace("topic: multiple-sclerosis", "topic: gout")
    message = _error(tmp_path, claims=bad)
    _assert_at(message, tmp_path / "claims.yaml", line_of(bad, "topic: gout"), "tiny-ms", "'gout'")


def test_undefined_caveat(tmp_path: Path) -> None:
    bad = CLAIMS.replace("caveats: [off-label]", "caveats: [off-label, miracle]")
    message = _error(tmp_path, claims=bad)
    _assert_at(message, tmp_path / "claims.yaml", line_of(bad, "miracle"), "tiny-ms", "'miracle'")


def test_dangling_source_reference(tmp_path: Path) -> None:
    bad = CLAIMS.replace("sources: [trial-one]", "sources: [trial-one, trial-nine]")
    message = _error(tmp_path, claims=bad)
    _assert_at(
        message, tmp_path / "claims.yaml", line_of(bad, "trial-nine"), "tiny-ms", "'trial-nine'"
    )


def test_duplicate_claim_id(tmp_path: Path) -> None:
    bad = CLAIMS.replace("- id: tiny-dreams", "- id: tiny-ms")
    message = _error(tmp_path, claims=bad)
    line = line_of(bad, "- id: tiny-ms", occurrence=2)
    _assert_at(message, tmp_path / "claims.yaml", line, "tiny-ms", "duplicate id")


def test_duplicate_source_id(tmp_path: Path) -> None:
    bad = SOURCES.replace("- id: trial-two", "- id: trial-one")
    message = _error(tmp_path, sources=bad)
    line = line_of(bad, "- id: trial-one", occurrence=2)
    _assert_at(message, tmp_path / "sources.yaml", line, "trial-one", "duplicate id")


def test_duplicate_doi(tmp_path: Path) -> None:
    bad = SOURCES.replace("doi: 10.1000/two", "doi: 10.1000/ONE")
    message = _error(tmp_path, sources=bad)
    _assert_at(
        message,
        tmp_path / "sources.yaml",
        line_of(bad, "10.1000/ONE"),
        "trial-two",
        "duplicate doi",
    )


def test_duplicate_pmid(tmp_path: Path) -> None:
    bad = SOURCES.replace("pmid: '222'", "pmid: '111'")
    message = _error(tmp_path, sources=bad)
    line = line_of(bad, "'111'", occurrence=2)
    _assert_at(message, tmp_path / "sources.yaml", line, "trial-two", "duplicate pmid")


def test_bad_doi_format(tmp_path: Path) -> None:
    bad = SOURCES.replace("doi: 10.1000/one", "doi: doi.org/one")
    message = _error(tmp_path, sources=bad)
    _assert_at(
        message,
        tmp_path / "sources.yaml",
        line_of(bad, "doi.org/one"),
        "trial-one",
        "not a valid doi",
    )


def test_statement_must_be_text(tmp_path: Path) -> None:
    bad = CLAIMS.replace(
        "statement: LDN can cause vivid dreams", "statement: [LDN can cause vivid dreams]"
    )
    message = _error(tmp_path, claims=bad)
    _assert_at(
        message,
        tmp_path / "claims.yaml",
        line_of(bad, "statement: [LDN"),
        "tiny-dreams",
        "expected text, got list",
    )


def test_year_must_be_a_number(tmp_path: Path) -> None:
    bad = SOURCES.replace("year: 2012", "year: '2012'")
    message = _error(tmp_path, sources=bad)
    _assert_at(
        message, tmp_path / "sources.yaml", line_of(bad, "year: '2012'"), "trial-two", "year"
    )


def test_invalid_date_is_located(tmp_path: Path) -> None:
    bad = CLAIMS.replace("    reviewed: 2026-01-31", "    reviewed: 2026-13-45")
    message = _error(tmp_path, claims=bad)
    _assert_at(message, tmp_path / "claims.yaml", line_of(bad, "2026-13-45"), "2026-13-45")


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bad = CLAIMS.replace(
        "statement: LDN can cause vivid dreams",
        f"statement: !!python/object/apply:os.system ['touch {marker}']",
    )
    message = _error(tmp_path / "kb", claims=bad)
    assert not marker.exists()
    _assert_at(message, tmp_path / "kb" / "claims.yaml", line_of(bad, "!!python"), "python")


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)
    ]
    bad = "\n".join(bomb) + "\nclaims: *i\n"
    message = _error(tmp_path, claims=bad)
    assert "aliases" in message
    assert message.startswith(str(tmp_path / "claims.yaml"))


def test_bundled_dir_holds_the_shipped_files() -> None:
    for name in ("claims.yaml", "sources.yaml", "lexicon.yaml"):
        assert (bundled_dir() / name).is_file()


def test_bundled_dir_is_the_directory_importlib_resources_names() -> None:
    from importlib import resources

    named = Path(str(resources.files("ldncheck") / "data"))
    assert bundled_dir().resolve() == named.resolve()
