"""Many ranked lists at once (a registry's or a mission's), optionally in forked worker processes."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Callable

from matcher.scoring import ranking
from matcher.scoring.forked import forked_map
from matcher.scoring.model import Match
from matcher.scoring.prepare import prepare


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
    if processes <= 1 or len(ids) < 4 * processes:
        return {cid: partners(cid) for cid in ids}
    step = max(1, min(24, len(ids) // (8 * processes)))        # small chunks even out the load
    return dict(zip(ids, list(forked_map(partners, ids, processes, step))))
