"""The knowledge-base cache: used when valid, rebuilt (never trusted) when corrupted or tampered."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ldncheck import kbcache
from ldncheck.kb import bundled_dir, load_kb


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache directory; the bundled knowledge base's cache file inside it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LDNCHECK_NO_CACHE", raising=False)
    return kbcache.cache_file(str(bundled_dir().resolve()))


def _uncached(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv("LDNCHECK_NO_CACHE", "1")
    kb = load_kb()
    monkeypatch.delenv("LDNCHECK_NO_CACHE")
    return kb


def test_first_load_writes_a_cache_that_the_second_load_reads(cache: Path) -> None:
    first = load_kb()
    assert cache.is_file()
    assert load_kb() == first


def test_cached_load_equals_an_uncached_load(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_kb()
    assert load_kb() == _uncached(monkeypatch)


def test_cache_file_is_json_with_a_checksummed_payload(cache: Path) -> None:
    load_kb()
    header, _, body = cache.read_bytes().partition(b"\n")
    meta = json.loads(header)
    assert set(meta) == {"format", "key", "sha256"}
    assert "claims" in json.loads(body)


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: b"not json at all",
        lambda blob: b"",
        lambda blob: blob.replace(b'"evidence":"insufficient"', b'"evidence":"established"', 1),
        lambda blob: blob.replace(b"\n", b"\n[", 1),
    ],
    ids=["truncated", "garbage", "empty", "tampered-evidence", "broken-payload"],
)
def test_a_damaged_cache_is_rebuilt_not_trusted(
    cache: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    load_kb()
    cache.write_bytes(damage(cache.read_bytes()))  # type: ignore[operator]
    assert load_kb() == _uncached(monkeypatch)
    assert kbcache.read(cache, json.loads(cache.read_bytes().partition(b"\n")[0])["key"])


def test_tampering_with_a_recomputed_checksum_is_caught_by_type_checks(cache: Path) -> None:
    load_kb()
    header, _, body = cache.read_bytes().partition(b"\n")
    payload = json.loads(body)
    payload["claims"][0]["aliases"] = [1, 2]
    key = json.loads(header)["key"]
    kbcache.write(cache, key, payload)
    with pytest.raises(kbcache.CacheInvalid):
        kbcache.decode(kbcache.read(cache, key))
    assert load_kb().claims[0].aliases != (1, 2)


def test_a_cache_others_can_write_is_ignored(cache: Path) -> None:
    load_kb()
    key = json.loads(cache.read_bytes().partition(b"\n")[0])["key"]
    os.chmod(cache, 0o666)
    with pytest.raises(kbcache.CacheInvalid):
        kbcache.read(cache, key)


def test_stale_key_is_a_miss(cache: Path) -> None:
    load_kb()
    with pytest.raises(kbcache.CacheInvalid):
        kbcache.read(cache, "0" * 64)


def test_no_cache_env_disables_reading_and_writing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LDNCHECK_NO_CACHE", "1")
    load_kb()
    assert not cache.exists()


def test_unwritable_cache_dir_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("LDNCHECK_NO_CACHE", raising=False)
    assert load_kb().claims


def test_old_cache_files_are_pruned_beyond_the_limit(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kbcache, "MAX_FILES", 3)
    cache.parent.mkdir(parents=True, exist_ok=True)
    old = []
    for age in range(5):  # five files left by knowledge bases in temporary directories
        stale = cache.parent / f"kb-stale{age}.json"
        stale.write_text("{}", encoding="utf-8")
        os.utime(stale, (1_000_000 + age, 1_000_000 + age))
        old.append(stale)
    load_kb()  # writes the bundled knowledge base's cache, the newest file
    left = sorted(p.name for p in cache.parent.glob("kb-*.json"))
    assert cache.name in left
    assert len(left) == 3
    # The two most recently written stale files survive; the oldest three are gone.
    assert {p.name for p in old[3:]} <= set(left)
