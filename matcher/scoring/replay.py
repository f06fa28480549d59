"""A change-log tail applied to a live engine in short write-locked steps, items prepared unlocked."""
from __future__ import annotations

import gc
import threading
import time
from contextlib import contextmanager
from typing import Callable

from matcher.scoring.model import Profile
from matcher.scoring.rwlock import RWLock
from matcher.scoring.store import prepare_profile

LOCK_SECONDS = 0.02     # a write lock is held no longer than this: a query waits for one step at most
CHUNK = 64              # and covers this many companies at most
PREPARED_AT_ONCE = 256  # companies prepared (unlocked) before their items are applied
# A replay that steps aside for requests (replay_aside) waits at most this long at each step while
# requests run, so that under constant load it still prepares one company (≈ 3 ms) per 10 ms and a
# 500-company tail is in within ≈ 7 s; and holds a write lock for shorter steps, as a request that
# arrives meanwhile waits for the step.
ASIDE_WAIT_SECONDS = 0.01
ASIDE_LOCK_SECONDS = 0.005


def replay(engine, lock: RWLock, profiles: list[Profile], removed: list[int], chunk: int = CHUNK,
           pause: Callable[[], None] | None = None, lock_seconds: float = LOCK_SECONDS) -> None:
    """Removals, then upserts, at most `chunk` companies or `lock_seconds` per write lock; the
    queries queued meanwhile run between two steps (RWLock lets them in before the next write).
    `pause`, when given, is called before each company's preparation and each write step."""
    step = pause or _no_pause
    _apply(engine, lock, [(company_id, None) for company_id in removed if company_id in engine], chunk,
           step, lock_seconds)
    for start in range(0, len(profiles), PREPARED_AT_ONCE):
        # prepared a batch at a time: few objects alive at once keeps the garbage collector's
        # full passes (which stall every thread) short
        ready = []
        for profile in profiles[start: start + PREPARED_AT_ONCE]:
            step()
            ready.append((profile, prepare_profile(profile)))
        _apply(engine, lock, ready, chunk, step, lock_seconds)
        del ready
        if len(profiles) > PREPARED_AT_ONCE:    # a bulk change, not a request's few rows
            settle()
    step()
    with lock.write():
        engine._compact_if_needed()


def _no_pause() -> None:
    pass


def _apply(engine, lock: RWLock, steps: list, chunk: int, pause: Callable[[], None], lock_seconds: float) -> None:
    done = 0
    while done < len(steps):
        pause()
        with lock.write():
            until = time.perf_counter() + lock_seconds
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


# ---- stepping aside for requests ------------------------------------------------------------------
class RequestsInFlight:
    """How many requests this process is serving now (the web layer counts them), so that work in
    a background thread can wait for a moment when none runs: it shares their GIL."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._running = 0

    @property
    def running(self) -> int:
        return self._running

    def started(self) -> None:
        with self._cond:
            self._running += 1

    def ended(self) -> None:
        with self._cond:
            self._running -= 1
            self._cond.notify_all()

    @contextmanager
    def serving(self):
        """One request, from its start to its end."""
        self.started()
        try:
            yield
        finally:
            self.ended()

    @contextmanager
    def not_counted(self):
        """A request that only waits (for a lock the replay holds) is not one to step aside for."""
        self.ended()
        try:
            yield
        finally:
            self.started()

    def wait_for_quiet(self, at_most_s: float, own: int = 0) -> bool:
        """Wait while more than `own` requests run (the caller's own request, if it is one, does
        not count), at most `at_most_s`; True when none other runs."""
        with self._cond:
            return self._cond.wait_for(lambda: self._running <= own, at_most_s)


def stepping_aside(requests: RequestsInFlight, own: int = 0,
                   at_most_s: float = ASIDE_WAIT_SECONDS) -> Callable[[], None]:
    """A `pause` for replay(): wait while other requests run, at most `at_most_s` each time."""
    return lambda: requests.wait_for_quiet(at_most_s, own)


def replay_aside(engine, profiles: list[Profile], removed: list[int], requests: RequestsInFlight,
                 own: int = 0, at_most_s: float = ASIDE_WAIT_SECONDS) -> None:
    """engine.replay() for a serving process: the same steps in the same order (so the same engine
    afterwards), but before each company's preparation and each write step it waits while
    requests run, at most ASIDE_WAIT_SECONDS, and holds the write lock ≤ ASIDE_LOCK_SECONDS."""
    replay(engine, engine._lock, list(profiles), list(removed), pause=stepping_aside(requests, own, at_most_s),
           lock_seconds=ASIDE_LOCK_SECONDS)


class _SteppingAsideLock:
    """The engine's lock, taken only after a pause (for memberships.refresh's read-locked steps)."""

    def __init__(self, lock: RWLock, pause: Callable[[], None]) -> None:
        self._lock, self._pause = lock, pause

    @contextmanager
    def read(self):
        self._pause()
        with self._lock.read():
            yield

    @contextmanager
    def write(self):
        self._pause()
        with self._lock.write():
            yield


def refresh_niches_aside(engine, requests: RequestsInFlight, own: int = 0) -> bool:
    """engine.refresh_niches() stepping aside for requests before each of its read-locked steps."""
    from matcher.scoring import memberships

    return memberships.refresh(engine, _SteppingAsideLock(engine._lock, stepping_aside(requests, own)))
