"""Work shared out among forked processes that inherit the caller's data instead of a pickled copy."""
from __future__ import annotations

# Only for a process with no other threads running (a CLI command, a builder process): a lock
# copied mid-use by fork is never released in the child. Where the platform cannot fork, or there
# is too little work to pay for the processes, everything runs in the caller.

import gc
import multiprocessing as mp
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What the children run, set only while a pool of them is alive: they inherit it with the fork.
_JOB: tuple[Callable, Sequence] | None = None


def _chunk(bounds: tuple[int, int]) -> list:
    fn, items = _JOB
    return [fn(x) for x in items[bounds[0]: bounds[1]]]


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def forked_map(fn: Callable[[T], R], items: Sequence[T], processes: int, chunk: int = 256) -> Iterator[R]:
    """fn(x) for every x, in order, computed by `processes` forked children in chunks and yielded
    as they arrive, so the caller works on the first results while the children go on. The
    results travel back pickled: keep them small. Consume the iterator to the end."""
    global _JOB
    if processes <= 1 or len(items) < 2 * chunk or not can_fork():
        yield from (fn(x) for x in items)
        return
    _JOB = (fn, items)
    # Out of the collector while the children run: a full collection in a child walks every object
    # it inherited, copying the pages they sit on (9 % of the children's CPU in the all-lists bench).
    # What is frozen already (a worker freezes its mapped index) stays frozen.
    thawed = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        bounds = [(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
        with mp.get_context("fork").Pool(processes) as pool:
            for part in pool.imap(_chunk, bounds):
                yield from part
    finally:
        _JOB = None
        if thawed:
            gc.unfreeze()
