"""Run a task over shards in worker processes: shard i of n takes every n-th item, results come back in order.

Workers are forked, so they inherit the gathered site, the entity matcher and the template environment
without pickling any of it; only their results travel back, and this process works on the first shard
itself. With one job, or where fork is not available, the shards run in this process, so the output
never depends on the number of jobs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from typing import Callable, TypeVar

from .lifetime import die_with_parent

T = TypeVar("T")

_task: Callable[[int, int], object] | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _quiet_worker(parent: int) -> None:
    """Workers leave interruption to the main process, which stops them: no traceback from each of them.
    They end with it too when it is killed outright."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_shard(shard_and_count: tuple[int, int]):
    shard, count = shard_and_count
    assert _task is not None
    return _task(shard, count)


def run_sharded(task: Callable[[int, int], T], jobs: int, *, items: int) -> list[T]:
    """Call task(shard, shards) for every shard; a shard count of 1 when there is little work."""
    global _task
    shards = max(1, min(jobs, items // 32 or 1))
    if shards == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(0, 1)]
    _task = task
    # Freezing moves every object made so far out of the collector's reach, so forked workers do not
    # touch (and copy) the pages that hold them; pausing the collector while results are unpickled
    # keeps it from rescanning the many small objects that arrive.
    gc.freeze()
    gc.disable()
    try:
        # This process takes shard 0 itself instead of waiting: its results need no pickling, and
        # one process fewer is forked. The pool forks its workers here, before shard 0 starts, so
        # every shard sees the same state.
        with multiprocessing.get_context("fork").Pool(shards - 1, initializer=_quiet_worker,
                                                       initargs=(os.getpid(),)) as pool:
            others = pool.map_async(_run_shard, [(i, shards) for i in range(1, shards)], chunksize=1)
            first = task(0, shards)
            return [first, *others.get()]
    finally:
        _task = None
        gc.enable()
        gc.unfreeze()


def merge_in_order(shard_results: list[list[tuple[int, T]]]) -> list[T]:
    """Shards return (position, value) pairs; put them back in the order one process would have made."""
    merged = [pair for result in shard_results for pair in result]
    merged.sort(key=lambda pair: pair[0])
    return [value for _, value in merged]
