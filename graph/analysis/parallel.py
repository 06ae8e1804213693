"""Independent random samples spread over processes, with the same result whatever ``jobs`` is.

Null models and rich-club normalisation draw many independent samples (rewirings, random
graphs), each from its own seed. :func:`map_seeded` computes ``fn(make(seed_i))`` for every
sample ``i`` and returns the results in sample order, serially or in ``jobs`` forked worker
processes. Because each sample depends only on its own seed (never on which process ran it, or
on what ran before it there), the results are identical for every ``jobs``.

Workers are forked (POSIX ``fork``): they inherit the graph and the statistic functions, so
closures need no pickling; only seeds go out and results come back. Where ``fork`` is not
available, or inside a worker, or when the work is too small to pay for the processes
(:data:`MIN_PARALLEL_WORK`), the samples run serially: same results.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_PARALLEL_WORK = 50_000_000
"""Below this much work (edge visits summed over the samples, ~40 ns each: about 2 s) forking
the workers costs more than it saves; the built-in dataset's null models stay serial."""

_TASK: tuple[Callable[[int], Any], Callable[[Any], Any]] | None = None


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``jobs`` as a process count: ``None`` or ``0`` = every available core.

    >>> resolve_jobs(1), resolve_jobs(None) == available_cores()
    (1, True)
    """
    if jobs is None or jobs == 0:
        return available_cores()
    if jobs < 0:
        raise ValueError(f"jobs must be >= 0 (0 or None: all cores), not {jobs}")
    return int(jobs)


def _chunk(items: list[tuple[int, int]]) -> list[tuple[int, Any]]:
    assert _TASK is not None  # set by map_seeded before the fork
    make, fn = _TASK
    return [(i, fn(make(s))) for i, s in items]


def map_seeded(
    make: Callable[[int], Any],
    fn: Callable[[Any], Any],
    seeds: Sequence[int],
    *,
    jobs: int | None = None,
    work: float = float("inf"),
    progress: Callable[[int, int], None] | None = None,
) -> list[Any]:
    """``[fn(make(s)) for s in seeds]``, spread over ``jobs`` processes (see the module doc).

    ``work`` estimates the cost (edges × samples) so that small jobs stay serial;
    ``progress(done, total)`` is called in this process as samples complete.

    >>> map_seeded(lambda s: s * 2, lambda x: x + 1, [1, 2, 3], jobs=2, work=1e9)
    [3, 5, 7]
    """
    global _TASK
    total = len(seeds)
    n_jobs = min(resolve_jobs(jobs), total)
    ctx = _fork_context()
    if n_jobs <= 1 or work < MIN_PARALLEL_WORK or ctx is None or mp.current_process().daemon:
        out = []
        for i, s in enumerate(seeds):
            out.append(fn(make(s)))
            if progress is not None:
                progress(i + 1, total)
        return out
    items = list(enumerate(seeds))
    size = max(1, -(-total // (4 * n_jobs)))  # ~4 chunks per process: progress, balance
    chunks = [items[i : i + size] for i in range(0, total, size)]
    results: list[Any] = [None] * total
    _TASK = (make, fn)
    try:
        with ctx.Pool(n_jobs) as pool:
            done = 0
            for part in pool.imap_unordered(_chunk, chunks):
                for i, r in part:
                    results[i] = r
                done += len(part)
                if progress is not None:
                    progress(done, total)
    finally:
        _TASK = None
    return results


def _fork_context() -> Any:
    try:
        return mp.get_context("fork")
    except ValueError:
        return None
