"""A short change-log tail replayed in a worker's own thread, and the worker's requests meanwhile.

    PYTHONPATH=. python bench/match_bench.py --scale --sizes 20000 --tail-stall

What a worker's index thread does with a tail of ≤ MATCH_INDEX_BULK_TAIL rows (match_index._refresh:
the replay, then the niche refresh that follows it), on a mapped snapshot frozen out of the GC as a
worker has it, while 1 or 2 request threads ask for matches back to back, each request counted as
in flight as the web layer counts it. "before": engine.replay + engine.refresh_niches (the code path
until this change); "after": replay_aside + refresh_niches_aside (steps aside for requests). The same
number of requests with nothing replaying is the control. Each slow request is attributed to what
overlapped it: a GC pass, a held write lock, the niche refresh, or the replay's preparation alone.
"""
from __future__ import annotations

import gc
import os
import random
import threading
import time
from contextlib import contextmanager

import numpy as np

from matcher.scoring import MatchEngine, snapshot
from matcher.scoring.replay import RequestsInFlight, refresh_niches_aside, replay_aside


def load_average() -> str:
    return "load {:.1f}".format(os.getloadavg()[0])


class _RecordingLock:
    """The engine's lock, noting when each write lock was held (for the attribution)."""

    def __init__(self, lock, held: list) -> None:
        self._lock, self._held = lock, held

    def read(self):
        return self._lock.read()

    @contextmanager
    def write(self):
        with self._lock.write():
            t = time.perf_counter()
            try:
                yield
            finally:
                self._held.append((t, time.perf_counter()))


def _requests(engine_of, buyers, threads: int, stop: threading.Event, requests: RequestsInFlight,
              count: int | None = None) -> list[tuple[float, float]]:
    """(start, end) of match requests issued back to back by `threads` threads until `stop` is set
    (or `count` of them in all)."""
    spans: list[tuple[float, float]] = []
    left = [count]

    def loop(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            if count is not None:
                with lock:
                    if left[0] <= 0:
                        return
                    left[0] -= 1
            with requests.serving():
                t = time.perf_counter()
                engine_of().suppliers_for_buyer(rng.choice(buyers), limit=20)
                spans.append((t, time.perf_counter()))

    lock = threading.Lock()
    workers = [threading.Thread(target=loop, args=(seed,)) for seed in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return spans


def _overlap(span, intervals) -> float:
    a, b = span
    return sum(max(0.0, min(b, y) - max(a, x)) for x, y in intervals)


def tail_stall(snap, buyers: list[int], tail: list, threads: int, aside: bool) -> dict:
    """Replay `tail` onto a worker's mapped engine in a thread as the worker's index thread does,
    with `threads` request threads running back to back; their latencies, the control's, how long
    until the tail was visible, and what the slowest requests overlapped."""
    engine = MatchEngine.over(snapshot.load(snap)[0])
    held: list = []
    engine._lock = _RecordingLock(engine._lock, held)
    gc.collect(1)
    gc.freeze()                                         # as a worker does once its index is mapped
    passes: list = []
    began: dict = {}

    def on_gc(phase, info):
        if phase == "start":
            began["t"] = time.perf_counter()
        else:
            passes.append((began.pop("t", time.perf_counter()), time.perf_counter(), info["generation"]))

    requests, stop, marks = RequestsInFlight(), threading.Event(), {}

    def worker_thread() -> None:
        time.sleep(0.2)                                 # the requests are under way first
        try:
            marks["start"] = time.perf_counter()
            if aside:
                replay_aside(engine, tail, [], requests)
            else:
                engine.replay(tail)
            marks["visible"] = time.perf_counter()
            if aside:
                refresh_niches_aside(engine, requests)
            else:
                engine.refresh_niches()
            marks["end"] = time.perf_counter()
        finally:
            stop.set()                                  # the request threads end even if the replay failed

    gc.callbacks.append(on_gc)
    try:
        replayer = threading.Thread(target=worker_thread)
        replayer.start()
        spans = _requests(lambda: engine, buyers, threads, stop, requests)
        replayer.join()
    finally:
        gc.callbacks.remove(on_gc)
    during = [s for s in spans if s[1] > marks["start"] and s[0] < marks["end"]]
    alone = _requests(lambda: engine, buyers, threads, threading.Event(), RequestsInFlight(), count=len(during))
    gc.unfreeze()
    ms = [(b - a) * 1000 for a, b in during]
    control = [(b - a) * 1000 for a, b in alone]
    visible = all(p.id in engine for p in tail)
    # what the slowest 1 % overlapped (a request may overlap several)
    worst = sorted(during, key=lambda s: s[0] - s[1])[:max(1, len(during) // 100)]
    gcs = [(a, b) for a, b, _ in passes]
    niche = [(marks["visible"], marks["end"])]
    blame = {"gc": sum(_overlap(s, gcs) > 0 for s in worst), "write_lock": sum(_overlap(s, held) > 0 for s in worst),
             "niche_refresh": sum(_overlap(s, niche) > 0 for s in worst)}
    blame["preparation_only"] = sum(not (_overlap(s, gcs) or _overlap(s, held) or _overlap(s, niche)) for s in worst)
    return {"threads": threads, "tail": len(tail), "aside": aside, "visible": visible,
            "visible_s": marks["visible"] - marks["start"], "niche_s": marks["end"] - marks["visible"],
            "requests": len(ms), "p50_ms": float(np.percentile(ms, 50)), "p99_ms": float(np.percentile(ms, 99)),
            "max_ms": max(ms), "over_100_ms": sum(m > 100 for m in ms),
            "alone_p50_ms": float(np.percentile(control, 50)), "alone_p99_ms": float(np.percentile(control, 99)),
            "alone_max_ms": max(control), "gc_passes": len(passes),
            "gc_max_ms": max([(b - a) * 1000 for a, b, _ in passes], default=0.0),
            "gc_full_passes": sum(g == 2 for _, _, g in passes),
            "write_max_ms": max([(b - a) * 1000 for a, b in held], default=0.0), "write_steps": len(held),
            "worst_overlapped": blame, "worst_count": len(worst)}


def describe(r: dict) -> str:
    way = "after (steps aside)" if r["aside"] else "before (plain)    "
    return (f"tail {r['tail']:>3} × {r['threads']} request thread(s), {way}: visible after {r['visible_s']:.2f} s "
            f"(+ niche refresh {r['niche_s']:.2f} s; all in: {r['visible']}); {r['requests']} requests p50 "
            f"{r['p50_ms']:.0f} ms p99 {r['p99_ms']:.0f} ms worst {r['max_ms']:.0f} ms, over 100 ms "
            f"{r['over_100_ms']}; control p50 {r['alone_p50_ms']:.0f} p99 {r['alone_p99_ms']:.0f} worst "
            f"{r['alone_max_ms']:.0f} ms (p50 {r['p50_ms'] / r['alone_p50_ms']:.2f}× the control); GC passes "
            f"{r['gc_passes']} ({r['gc_full_passes']} full, longest {r['gc_max_ms']:.0f} ms); write steps "
            f"{r['write_steps']} (longest {r['write_max_ms']:.0f} ms); the slowest {r['worst_count']} overlapped "
            f"{r['worst_overlapped']}; {load_average()}")


def run(snap, buyers: list[int], corpus_cls, seed: int, sizes=(500, 50), threads=(1, 2)) -> None:
    """Both ways for each tail size and request-thread count; before and after in the same run."""
    for size in sizes:
        corpus = corpus_cls(seed + 13)
        tail = corpus.profiles(size // 2, size - size // 2, start=20_000_000)
        for count in threads:
            before = tail_stall(snap, buyers, tail, count, aside=False)
            print(describe(before), flush=True)
            after = tail_stall(snap, buyers, tail, count, aside=True)
            print(describe(after), flush=True)
            print(f"BENCH tail_stall tail={size} threads={count} worst_ms={after['max_ms']:.0f} "
                  f"before_worst_ms={before['max_ms']:.0f} worst_ratio={after['max_ms'] / before['max_ms']:.2f} "
                  f"p50_ms={after['p50_ms']:.1f} before_p50_ms={before['p50_ms']:.1f} "
                  f"control_p50_ms={after['alone_p50_ms']:.1f} p50_vs_control={after['p50_ms'] / after['alone_p50_ms']:.2f} "
                  f"visible_s={after['visible_s']:.2f} before_visible_s={before['visible_s']:.2f} "
                  f"{load_average().replace(' ', '=')}", flush=True)
