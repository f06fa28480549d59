"""What a niche refresh (MatchEngine.refresh_niches) costs, and how long it holds the read lock at a time.

    PYTHONPATH=. python bench/niche_refresh_bench.py [--sizes 20000,100000] [--seed 7]

On the evaluation corpus and on synthetic registries (match_bench.Corpus, 30 niches): the wall and
CPU time of a refresh, the memberships it installs, and its longest read-locked step (a writer, and
the queries queued behind it, wait at most that long). The build comes first: ≈ 0.5–0.9 s per
1,000 profiles on a shared machine.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from match_bench import Corpus  # noqa: E402
from scale_bench import load_average  # noqa: E402

from matcher.scoring import MatchEngine, memberships  # noqa: E402
from tests.evaluation.corpus import load  # noqa: E402


def timed_steps(steps: list[float]):
    """Wrap the functions a refresh runs under the read lock, recording how long each call takes."""
    def wrap(work):
        def timed(*args):
            start = time.perf_counter()
            try:
                return work(*args)
            finally:
                steps.append(time.perf_counter() - start)
        return timed
    return wrap


def measure(name: str, engine: MatchEngine) -> None:
    steps: list[float] = []
    originals = memberships.candidates_of, memberships.fits_among
    memberships.candidates_of, memberships.fits_among = map(timed_steps(steps), originals)
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        installed = engine.refresh_niches()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        memberships.candidates_of, memberships.fits_among = originals
    s = engine._store
    count = sum(len(m[side]) for m in s.members.values() for side in m)
    print(f"{name}: refresh {wall:.3f} s wall / {cpu:.3f} s CPU (installed: {installed}); {len(s.niches)} niches, "
          f"{count:,} memberships; {len(steps)} read-locked steps, longest {max(steps) * 1000:.1f} ms; "
          f"{load_average()}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    profiles, niches, _ = load()
    engine = MatchEngine()
    engine.build(profiles, niches)
    measure(f"evaluation corpus ({len(profiles)} profiles)", engine)
    for n in [int(x) for x in args.sizes.split(",") if x]:
        corpus = Corpus(args.seed)
        engine = MatchEngine()
        start = time.perf_counter()
        engine.build(corpus.profiles(n // 2, n - n // 2), corpus.niches(30))
        print(f"{n:,} profiles built in {time.perf_counter() - start:.1f} s", flush=True)
        for attempt in ("first", "second"):
            measure(f"{n:,} profiles, {attempt} refresh", engine)


if __name__ == "__main__":
    main()
