"""ordered_map: same results, same order, whether or not workers are used."""

from __future__ import annotations

import io
import multiprocessing
import os
from pathlib import Path

import pytest

from ldncheck import parallel
from ldncheck.parallel import ordered_map, workers_for
from ldncheck.runner import StdinClaims


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


@pytest.mark.parametrize("ready", [False, True])
def test_batches_flatten_to_the_results_in_order(ready: bool) -> None:
    items = range(parallel.SERIAL_PREFIX + 5 * parallel.READY_CHUNK + 3)
    batches = list(parallel.ordered_batches(_square, items, jobs=2, ready=ready))
    assert [r for batch in batches for r in batch] == [n * n for n in items]
    prefix = parallel.READY_PREFIX if ready else parallel.SERIAL_PREFIX
    # While the input is short each result comes alone, so a pipe sees it at once.
    assert all(len(batch) == 1 for batch in batches[:prefix])


def test_input_that_is_all_there_reaches_the_pool_sooner(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []

    def pooled(work: object, rest: object, workers: int, chunk: int) -> list[list[int]]:
        started.append(chunk)
        return []

    monkeypatch.setattr(parallel, "_pooled", pooled)
    items = range(parallel.READY_PREFIX + 1)
    assert len(list(parallel.ordered_batches(_square, items, jobs=2, ready=True))) == len(items) - 1
    assert started == [parallel.READY_CHUNK]
    started.clear()
    list(parallel.ordered_batches(_square, items, jobs=2, ready=False))
    assert started == []  # a pipe of the same length stays in-process


def test_stdin_from_a_regular_file_is_ready_and_a_pipe_is_not(tmp_path: Path) -> None:
    claims = tmp_path / "claims.txt"
    claims.write_bytes(b"LDN cures cancer\n\nLDN treats MS\n")
    with claims.open("rb") as stream:
        from_file = StdinClaims(stream, lambda _: None)
        assert from_file.ready
        assert list(from_file) == ["LDN cures cancer", "LDN treats MS"]
    read, write = os.pipe()
    with os.fdopen(read, "rb") as stream, os.fdopen(write, "wb") as writer:
        writer.write(b"LDN treats MS\n")
        writer.close()
        assert not StdinClaims(stream, lambda _: None).ready
    assert not StdinClaims(io.BytesIO(b"LDN treats MS\n"), lambda _: None).ready


def _squares(start: int, end: int) -> list[int]:
    return [n * n for n in range(start, end)]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_spread_joins_the_pieces_in_order(workers: int) -> None:
    assert parallel.spread(_squares, 1001, workers=workers) == [n * n for n in range(1001)]
    assert parallel.spread(_squares, 0, workers=workers) == []


def test_beside_computes_the_work_in_a_child_while_meanwhile_runs_here() -> None:
    here = os.getpid()
    ran: list[int] = []
    found = parallel.beside(lambda: (os.getpid(), "x" * 200_000), lambda: ran.append(os.getpid()))
    assert found[0] != here  # the work crossed a pipe bigger than its buffer
    assert found[1] == "x" * 200_000
    assert ran == [here]


def test_beside_does_the_work_here_when_the_child_fails() -> None:
    here = os.getpid()

    def work() -> str:
        if os.getpid() != here:
            raise RuntimeError("only in the child")
        return "done here"

    assert parallel.beside(work, lambda: None) == "done here"


def test_beside_leaves_no_child_behind_when_meanwhile_fails(tmp_path: Path) -> None:
    marker = tmp_path / "child"

    def work() -> str:
        marker.write_text(str(os.getpid()))
        return "x" * 1_000_000  # more than a pipe holds: the child blocks until it is read

    def meanwhile() -> None:
        while not marker.exists() or not marker.read_text():
            pass
        raise ValueError("meanwhile failed")

    with pytest.raises(ValueError, match="meanwhile failed"):
        parallel.beside(work, meanwhile)
    with pytest.raises(ProcessLookupError):
        os.kill(int(marker.read_text()), 0)  # reaped, not a zombie


def test_beside_without_fork_runs_both_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_can_fork", lambda workers: False)
    order: list[str] = []
    assert (
        parallel.beside(
            lambda: order.append("work") or os.getpid(), lambda: order.append("meanwhile")
        )
        == os.getpid()
    )
    assert order == ["meanwhile", "work"]
