"""ordered_map: same results, same order, whether or not workers are used."""

from __future__ import annotations

import multiprocessing

import pytest

from ldncheck import parallel
from ldncheck.parallel import ordered_map, workers_for


def _square(n: int) -> int:
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_keep_input_order(jobs: int) -> None:
    items = range(parallel.SERIAL_PREFIX * 3 + 7)
    assert list(ordered_map(_square, items, jobs=jobs)) == [n * n for n in items]


def test_a_short_input_never_starts_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a short input")

    monkeypatch.setattr(parallel, "_pooled", refuse)
    items = list(range(parallel.SERIAL_PREFIX))
    assert list(ordered_map(_square, items, jobs=2)) == [n * n for n in items]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs the fork start method"
)
def test_a_long_input_uses_the_workers() -> None:
    import os

    def pid(_: int) -> int:
        return os.getpid()

    seen = set(ordered_map(pid, range(parallel.SERIAL_PREFIX + 4 * parallel.CHUNK), jobs=2))
    assert len(seen - {os.getpid()}) >= 1


def test_stopping_early_leaves_no_worker_behind() -> None:
    results = ordered_map(_square, range(100_000), jobs=2)
    for _ in range(parallel.SERIAL_PREFIX + 10):
        next(results)
    results.close()  # as when the reader of a pipe goes away
    assert multiprocessing.active_children() == []


def test_zero_jobs_means_one_per_core() -> None:
    assert workers_for(0) >= 1
    assert workers_for(3) == 3
