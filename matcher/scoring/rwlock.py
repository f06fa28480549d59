"""A small readers–writer lock: many concurrent queries, one exclusive upsert at a time."""
from __future__ import annotations

import threading
from contextlib import contextmanager


class RWLock:
    """Writers go first once they wait, so a stream of queries cannot starve an upsert; and the
    readers that queued behind a write go before the next write, so a stream of short writes
    (a replayed bulk change) cannot starve the queries either."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._readers_waiting = 0
        self._readers_turn = False

    @contextmanager
    def read(self):
        with self._cond:
            self._readers_waiting += 1
            while self._writing or (self._writers_waiting and not self._readers_turn):
                self._cond.wait()
            self._readers_waiting -= 1
            self._readers += 1
            if not self._readers_waiting and self._readers_turn:
                self._readers_turn = False      # every reader that queued is in: writers may queue again
                self._cond.notify_all()
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self):
        with self._cond:
            self._writers_waiting += 1
            while self._writing or self._readers or self._readers_turn:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._readers_turn = self._readers_waiting > 0
                self._cond.notify_all()
