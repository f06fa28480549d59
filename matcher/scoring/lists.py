"""Many ranked lists at once (a registry's or a mission's), optionally in forked worker processes."""
from __future__ import annotations

import multiprocessing as mp
from typing import Callable

from matcher.scoring.model import Match

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
    global _FORKED
    if processes <= 1 or len(ids) < 4 * processes or "fork" not in mp.get_all_start_methods():
        return {cid: partners(cid) for cid in ids}
    step = max(1, min(64, len(ids) // (8 * processes)))        # small chunks even out the load
    chunks = [ids[i: i + step] for i in range(0, len(ids), step)]
    _FORKED = partners
    try:
        found: dict[int, list[Match]] = {}
        with mp.get_context("fork").Pool(processes) as pool:
            for part in pool.imap_unordered(_in_child, chunks):
                found.update(part)
    finally:
        _FORKED = None
    return {cid: found[cid] for cid in ids}
