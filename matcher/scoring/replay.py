"""A change-log tail applied to a live engine in short write-locked steps, items prepared unlocked."""
from __future__ import annotations

import gc
import time

from matcher.scoring.model import Profile
from matcher.scoring.rwlock import RWLock
from matcher.scoring.store import prepare_profile

LOCK_SECONDS = 0.02     # a write lock is held no longer than this: a query waits for one step at most
CHUNK = 64              # and covers this many companies at most
PREPARED_AT_ONCE = 256  # companies prepared (unlocked) before their items are applied


def replay(engine, lock: RWLock, profiles: list[Profile], removed: list[int], chunk: int = CHUNK) -> None:
    """Removals, then upserts, at most `chunk` companies or LOCK_SECONDS per write lock; the
    queries queued meanwhile run between two steps (RWLock lets them in before the next write)."""
    _apply(engine, lock, [(company_id, None) for company_id in removed if company_id in engine], chunk)
    for start in range(0, len(profiles), PREPARED_AT_ONCE):
        # prepared a batch at a time: few objects alive at once keeps the garbage collector's
        # full passes (which stall every thread) short
        ready = [(p, prepare_profile(p)) for p in profiles[start: start + PREPARED_AT_ONCE]]
        _apply(engine, lock, ready, chunk)
        del ready
        if len(profiles) > PREPARED_AT_ONCE:    # a bulk change, not a request's few rows
            settle()
    with lock.write():
        engine._compact_if_needed()


def _apply(engine, lock: RWLock, steps: list, chunk: int) -> None:
    done = 0
    while done < len(steps):
        with lock.write():
            until = time.perf_counter() + LOCK_SECONDS
            for subject, items in steps[done: done + chunk]:
                done += 1
                if items is None:                            # a removal: subject is the company id
                    if subject in engine._store.profiles:
                        engine._store.remove_profile(subject)
                else:                                        # an upsert: subject is the profile
                    engine._upsert(subject, items)
                if time.perf_counter() > until:
                    break


def settle() -> None:
    """Keep what the replay added out of the garbage collector's full passes. A full pass walks
    every tracked object while holding the GIL, so it stalls every query for as long as it takes;
    without this the objects of a long replay pile up in the oldest generation and each pass takes
    longer (0.5–0.8 s during a 10,000-company change). Young garbage is collected first (a cheap
    pass over the two young generations), so little cyclic garbage is frozen with the rest."""
    gc.collect(1)
    gc.freeze()
