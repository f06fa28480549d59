"""The engine's readers–writer lock lets queued queries in between back-to-back writes."""
from __future__ import annotations

import threading
import time

from matcher.scoring.rwlock import RWLock


def test_a_query_queued_behind_a_stream_of_writes_runs_after_the_current_write_not_after_all_of_them():
    lock, writes, seen = RWLock(), [0], []
    first_write_held = threading.Event()

    def writer():
        for _ in range(50):
            with lock.write():
                writes[0] += 1
                first_write_held.set()
                time.sleep(0.002)           # a replay step; the GIL is free meanwhile

    def reader():
        first_write_held.wait()
        with lock.read():
            seen.append(writes[0])

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen and seen[0] <= 2, f"the query waited for {seen[0]} of 50 writes"


def test_a_waiting_write_still_goes_before_queries_that_arrive_after_it():
    lock, order = RWLock(), []
    reading = threading.Event()
    release = threading.Event()

    def long_query():
        with lock.read():
            reading.set()
            release.wait()
            order.append("first query")

    def write():
        with lock.write():
            order.append("write")

    def late_query():
        with lock.read():
            order.append("late query")

    first = threading.Thread(target=long_query)
    first.start()
    reading.wait()
    w = threading.Thread(target=write)
    w.start()
    while not lock._writers_waiting:        # the write is queued behind the first query
        time.sleep(0.001)
    late = threading.Thread(target=late_query)
    late.start()
    release.set()
    for t in (first, w, late):
        t.join()
    assert order == ["first query", "write", "late query"]
