"""Map a function over a long stream on every core, in input order, with bounded memory.

Used for `check -` over many claims: the first claims are checked in-process (a short input
never pays for a pool); once the input proves long, the rest go to forked workers, which
inherit the loaded knowledge base instead of loading it again. Results come back in input
order as they are ready, and at most a fixed window of claims is in flight, so memory stays
flat however long the input is.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_PREFIX = 512
WINDOW_PER_WORKER = 256
CHUNK = 32
# When the whole input is already there (a regular file), no result has to be written before
# the next claim is read, so the pool starts sooner and takes bigger chunks.
READY_PREFIX = 64
READY_CHUNK = 128

# The function the forked workers run. It is set in the parent just before the pool forks,
# so each worker inherits it (with the knowledge base it closes over) without pickling.
_TASK: list[Callable[..., Any]] = []


def _quiet_worker() -> None:
    # Ctrl-C is the parent's to handle: it stops the pool and prints one line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def workers_for(jobs: int) -> int:
    """0 means one worker per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def ordered_map(work: Callable[[T], R], items: Iterable[T], *, jobs: int) -> Iterator[R]:
    """``map(work, items)``, spread over ``jobs`` processes once the input proves long."""
    for batch in ordered_batches(work, items, jobs=jobs):
        yield from batch


def ordered_batches(
    work: Callable[[T], R], items: Iterable[T], *, jobs: int, ready: bool = False
) -> Iterator[list[R]]:
    """The results of ``work`` over ``items`` in input order, in batches a writer can flush.

    While the input is short every batch holds one result, so a pipe sees each as soon as it
    is made; the pool's batches are its chunks. ``ready`` says the whole input can be read
    without waiting (a regular file): the pool then starts sooner and takes bigger chunks.
    """
    stream = iter(items)
    for item in itertools.islice(stream, READY_PREFIX if ready else SERIAL_PREFIX):
        yield [work(item)]
    workers = workers_for(jobs)
    sentinel = object()
    following = next(stream, sentinel)
    if following is sentinel:
        return
    rest: Iterator[T] = itertools.chain([following], stream)  # type: ignore[list-item]
    if not _can_fork(workers):
        for item in rest:
            yield [work(item)]
        return
    yield from _pooled(work, rest, workers, READY_CHUNK if ready else CHUNK)


def _can_fork(workers: int) -> bool:
    return workers >= 2 and "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def _forked_pool(work: Callable[..., Any], workers: int) -> Iterator[Any]:
    """A pool of forked workers running ``work``, set before the fork so it is inherited."""
    _TASK[:] = [work]
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker) as pool:
            yield pool
    finally:
        _TASK.clear()


def _run_chunk(items: list[Any]) -> list[Any]:
    return [_TASK[0](item) for item in items]


def _pooled(
    work: Callable[[T], R], rest: Iterator[T], workers: int, chunk: int
) -> Iterator[list[R]]:
    window = threading.Semaphore(workers * max(2, WINDOW_PER_WORKER // chunk))
    stop = threading.Event()

    def feed() -> Iterator[list[T]]:
        # Runs in the pool's feeder thread; blocking here is what bounds memory.
        while batch := list(itertools.islice(rest, chunk)):
            while not window.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield batch

    with _forked_pool(work, workers) as pool:
        try:
            for results in pool.imap(_run_chunk, feed()):
                window.release()
                yield results
        finally:
            # Before the pool is torn down: the feeder must not wait for a free slot.
            stop.set()


def _run_range(bounds: tuple[int, int]) -> Any:
    return _TASK[0](*bounds)


def spread(
    work: Callable[[int, int], list[R]], count: int, *, workers: int, pieces_per_worker: int = 4
) -> list[R]:
    """``work(start, end)`` over contiguous pieces of ``range(count)``, joined in order.

    For one long document already in memory: forked workers inherit it, so only the piece
    bounds and the results cross between processes.
    """
    if not _can_fork(workers):
        return work(0, count)
    pieces = workers * pieces_per_worker
    bounds = [(count * i // pieces, count * (i + 1) // pieces) for i in range(pieces)]
    with _forked_pool(work, workers) as pool:
        return [r for part in pool.imap(_run_range, bounds) for r in part]


def beside(work: Callable[[], R], meanwhile: Callable[[], object]) -> R:
    """``work()``, computed in a forked child while ``meanwhile()`` runs in this process.

    For a long document: one core parses it while the other loads the knowledge base the
    parse's workers will inherit. The result comes back pickled through a pipe. Should the
    child fail in any way, the work is done again here, so its errors surface just as they
    would without a child.
    """
    if not _can_fork(2):
        meanwhile()
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child leaves through os._exit, out of coverage's sight
        os.close(read_end)
        _send(work, write_end)
    os.close(write_end)
    try:
        meanwhile()
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    except BaseException:
        # Closed first: a child blocked on a full pipe then fails its write and exits.
        with contextlib.suppress(OSError):
            os.close(read_end)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        return pickle.loads(data)  # type: ignore[no-any-return]
    return work()


def _send(work: Callable[[], Any], write_end: int) -> NoReturn:  # pragma: no cover - in the child
    code = 1
    # A short-lived child: the collector would only walk the heap it inherited, copying
    # the pages it touches, to free nothing.
    gc.disable()
    try:
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        # Whatever happened: no cleanup of the parent's state, no traceback, no unwinding.
        os._exit(code)
