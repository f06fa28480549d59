"""Many ranked lists at once (a registry's or a mission's), optionally in forked worker processes."""
from __future__ import annotations

import gc
import multiprocessing as mp
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable

from matcher.scoring import ranking
from matcher.scoring.model import Match
from matcher.scoring.prepare import prepare

# What a forked worker runs (set only while a pool of them is alive): the children inherit it
# with the fork instead of receiving a pickled copy of the index.
_FORKED: Callable[[int], list[Match]] | None = None


def _in_child(ids: list[int]) -> dict[int, list[Match]]:
    return {cid: _FORKED(cid) for cid in ids}


def many_lists(partners: Callable[[int], list[Match]], ids: list[int], processes: int) -> dict[int, list[Match]]:
    """company id -> partners(id). With processes > 1 (and a platform that forks) the ids are
    shared out in small chunks among that many forked children, which read the parent's index
    copy-on-write. `partners` must take no lock: a lock copied mid-use by fork is never released;
    the caller keeps the index unchanged (a read lock) until this returns."""
    with every_item_prepared_once():
        return _lists(partners, ids, processes)


@contextmanager
def every_item_prepared_once():
    """While a batch runs, explanations prepare each item once: the request-sized cache (20,000
    items) is smaller than a registry's offers, so a batch kept re-preparing the same items."""
    shared = ranking.prepared
    ranking.prepared = lru_cache(maxsize=None)(prepare)
    try:
        yield
    finally:
        ranking.prepared = shared


def _lists(partners: Callable[[int], list[Match]], ids: list[int], processes: int) -> dict[int, list[Match]]:
    global _FORKED
    if processes <= 1 or len(ids) < 4 * processes or "fork" not in mp.get_all_start_methods():
        return {cid: partners(cid) for cid in ids}
    step = max(1, min(24, len(ids) // (8 * processes)))        # small chunks even out the load
    chunks = [ids[i: i + step] for i in range(0, len(ids), step)]
    _FORKED = partners
    # Out of the collector while the children run: a full collection in a child walks every object
    # it inherited, copying the pages they sit on (9 % of the children's CPU in the all-lists bench).
    # An index frozen already (a worker freezes its mapped one) stays frozen.
    thawed = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        found: dict[int, list[Match]] = {}
        with mp.get_context("fork").Pool(processes) as pool:
            for part in pool.imap_unordered(_in_child, chunks):
                found.update(part)
    finally:
        _FORKED = None
        if thawed:
            gc.unfreeze()
    return {cid: found[cid] for cid in ids}
