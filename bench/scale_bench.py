"""Scale benchmark: the shared, mapped index snapshot against today's per-worker in-memory index.

    PYTHONPATH=. python bench/match_bench.py --scale [--sizes 10000,100000] [--workers 1,2,4,8]

For each registry size, in one run: build time; snapshot write time and size; time for a worker
process to map it; RSS / PSS / USS of 1, 2, 4, 8 worker processes that mapped it and answered
queries (read from /proc/<pid>/smaps_rollup while all are alive), against one worker that built
its own index; top-20 p50 / p95 on the mapped index against the in-memory one; the stall a
10,000-company bulk change causes to concurrent match requests, old replay against new, and with
the bulk left to the builder process (matcher/index_builder.py: it replays and writes a snapshot,
the worker maps that and swaps). Every line carries the load average, since the machine is shared.

    PYTHONPATH=. python bench/match_bench.py --scale --sizes 20000 --tail-stall [--keep DIR]

runs only the short-tail part (tail_stall(), bench/tail_stall.py): a 500- and a 50-company tail
replayed in the worker's own thread while 1 and 2 request threads run, before and after the
replay stepped aside for requests.
"""
from __future__ import annotations

import gc
import json
import os
import pickle
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from matcher.scoring import MatchEngine  # noqa: E402
from matcher.scoring import snapshot  # noqa: E402

QUERIES = 100
BULK = 10_000


def load_average() -> str:
    return "load {:.1f}".format(os.getloadavg()[0])


def smaps(pid: int) -> dict[str, float]:
    """RSS, PSS and USS (private clean + dirty) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {"rss": fields["Rss"], "pss": fields["Pss"], "uss": fields["Private_Clean"] + fields["Private_Dirty"]}


def latencies(engine: MatchEngine, buyers: list[int]) -> tuple[float, float]:
    engine.suppliers_for_buyer(buyers[0])                 # warm the label and stemmer caches
    times = []
    for cid in buyers:
        t = time.perf_counter()
        engine.suppliers_for_buyer(cid, limit=20)
        times.append((time.perf_counter() - t) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def postings_share(engine: MatchEngine, buyers: list[int]) -> str:
    """How much of a top-20 query the postings take: would another postings engine pay off?"""
    store, total, cand, post = engine._store, 0.0, 0.0, 0.0
    for cid in buyers:
        t = time.perf_counter()
        engine.suppliers_for_buyer(cid, limit=20)
        total += time.perf_counter() - t
        q = store.needs.batch(np.asarray(store.items_of[cid][1], dtype=np.int64))
        t = time.perf_counter()
        store.offers.candidates(q, engine._cap)
        cand += time.perf_counter() - t
        t = time.perf_counter()
        for i in range(q.n):
            for key in np.concatenate([q.terms.row(i)["key"], q.hs.row(i)["key"], q.nace.row(i)["key"]]).tolist():
                store.offers.postings.get(key)
        post += time.perf_counter() - t
    return (f"postings share: candidate step {cand / total * 100:.0f} % of query time, postings lookups "
            f"alone {post / total * 100:.1f} %")


# ---- a worker process -------------------------------------------------------------------------------
def worker(mode: str, source: str, buyers_file: str) -> None:
    """Map the snapshot (or build from pickled profiles), answer the queries, report, wait for EOF."""
    buyers = json.loads(Path(buyers_file).read_text())
    t = time.perf_counter()
    if mode == "bare":                                      # the interpreter and imports alone
        print(json.dumps({"ready_s": 0.0, "p50": 0.0, "p95": 0.0}), flush=True)
        sys.stdin.read()
        return
    if mode == "mapped":
        engine = MatchEngine.over(snapshot.load(source)[0])
    else:
        with open(source, "rb") as fh:
            profiles, niches = pickle.load(fh)
        engine = MatchEngine()
        engine.build(profiles, niches)
        del profiles
    ready_s = time.perf_counter() - t
    p50, p95 = latencies(engine, buyers)
    print(json.dumps({"ready_s": ready_s, "p50": p50, "p95": p95}), flush=True)
    sys.stdin.read()                                       # stay alive while the parent measures


def run_workers(mode: str, source: str, buyers_file: str, count: int) -> list[dict]:
    """Start `count` workers at once; when all have answered, read their memory, then end them."""
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", mode, source, buyers_file],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for _ in range(count)]
    reports = [json.loads(p.stdout.readline()) for p in procs]
    for p, report in zip(procs, reports):
        report.update(smaps(p.pid))
    for p in procs:
        p.stdin.close()
        p.wait()
    return reports


# ---- the builder process -----------------------------------------------------------------------------
def builder(source: str, bulk_file: str, target: str) -> None:
    """What the builder process does with a bulk change (an incremental build): map the snapshot,
    replay the change onto it, write the new snapshot and rename it into place."""
    t = time.perf_counter()
    engine = MatchEngine.over(snapshot.load(source)[0])
    with open(bulk_file, "rb") as fh:
        bulk = pickle.load(fh)
    engine.replay(bulk)
    replay_s = time.perf_counter() - t
    writing_from = time.perf_counter()             # CLOCK_MONOTONIC: the parent's clock too
    building = Path(target + ".building")
    building.mkdir()
    engine.write_snapshot(building, {"covers_change": 1})
    os.rename(building, target)
    print(json.dumps({"replay_s": replay_s, "write_s": time.perf_counter() - writing_from,
                      "writing_from": writing_from}), flush=True)


def stall_across_processes(snap: Path, buyers: list[int], bulk_file: Path, target: Path) -> dict:
    """Max and p99 latency of match requests issued back to back by a worker that mapped `snap`,
    while the builder process replays the bulk change and writes a snapshot, and then while the
    worker's index thread maps that snapshot and swaps to it (as _refresh → _install do); and how
    long until the bulk is visible to the worker's requests."""
    serving = {"engine": MatchEngine.over(snapshot.load(snap)[0])}
    gc.collect(1)
    gc.freeze()                                        # as a worker does once its index is mapped
    done = threading.Event()
    result: dict = {}

    def build_then_swap() -> None:
        proc = subprocess.Popen([sys.executable, __file__, "--builder", str(snap), str(bulk_file), str(target)],
                                stdout=subprocess.PIPE, text=True)
        result.update(json.loads(proc.stdout.readline()))
        proc.wait()
        result["mapping_from"] = time.perf_counter()
        fresh = MatchEngine.over(snapshot.load(target)[0])
        gc.collect(1)
        gc.freeze()
        serving["engine"] = fresh                      # one assignment: queries in flight finish on the old
        result["visible_s"] = time.perf_counter() - started
        done.set()

    times: list[float] = []
    began: list[float] = []
    rng = random.Random(5)
    started = time.perf_counter()
    swapper = threading.Thread(target=build_then_swap)
    swapper.start()
    while not done.is_set():
        t = time.perf_counter()
        serving["engine"].suppliers_for_buyer(rng.choice(buyers), limit=20)
        times.append((time.perf_counter() - t) * 1000)
        began.append(t)
    swapper.join()
    # the worst while the builder ran apart from the one while this process mapped and swapped
    end_of_building, writing_from = result.pop("mapping_from"), result.pop("writing_from")
    result["replaying_max_ms"] = max([ms for ms, t in zip(times, began) if t < writing_from], default=0.0)
    result["writing_max_ms"] = max([ms for ms, t in zip(times, began) if writing_from <= t < end_of_building],
                                   default=0.0)
    result["mapping_max_ms"] = max([ms for ms, t in zip(times, began) if t >= end_of_building], default=0.0)
    alone: list[float] = []
    for _ in range(len(times)):
        t = time.perf_counter()
        serving["engine"].suppliers_for_buyer(rng.choice(buyers), limit=20)
        alone.append((time.perf_counter() - t) * 1000)
    with open(bulk_file, "rb") as fh:
        result["visible"] = all(p.id in serving["engine"] for p in pickle.load(fh)[:50])
    gc.unfreeze()
    return {**result, "requests": len(times), "max_ms": max(times), "p99_ms": float(np.percentile(times, 99)),
            "p50_ms": float(np.percentile(times, 50)), "alone_max_ms": max(alone),
            "alone_p99_ms": float(np.percentile(alone, 99)),
            "over_100_ms": sum(ms > 100 for ms in times), "alone_over_100_ms": sum(ms > 100 for ms in alone)}


# ---- bulk change stall ------------------------------------------------------------------------------
def stall(engine: MatchEngine, buyers: list[int], bulk: list, old_way: bool) -> dict:
    """Max and p99 latency of match requests issued back to back while 10,000 companies are replayed.

    old_way: today's per-worker replay (one upsert after another, under the lock every request
    takes once its refresh interval is over); new: MatchEngine.replay (prepared before locking,
    64 companies per write lock, what it added kept out of full GC passes) on a thread no request
    waits for, with the index frozen out of the GC as a worker freezes it once mapped."""
    state_lock = threading.Lock()
    done = threading.Event()
    times: list[float] = []

    def request(cid: int) -> None:
        t = time.perf_counter()
        if old_way:
            with state_lock:                               # the refresh every request of that design does
                pass
        engine.suppliers_for_buyer(cid, limit=20)
        times.append((time.perf_counter() - t) * 1000)

    def replay() -> None:
        if old_way:
            with state_lock:
                for profile in bulk:
                    engine.upsert_profile(profile)
        else:
            engine.replay(bulk)
        done.set()

    if not old_way:
        gc.collect(1)
        gc.freeze()                                        # as a worker does once its index is mapped
    writer = threading.Thread(target=replay)
    started = time.perf_counter()
    writer.start()
    rng = random.Random(5)
    while not done.is_set():
        request(rng.choice(buyers))
    writer.join()
    replay_s = time.perf_counter() - started
    # the control: as many requests again with nothing replaying, so the stall the replay adds can
    # be told from what the machine's load alone does to a request's latency
    alone: list[float] = []
    for _ in range(len(times)):
        t = time.perf_counter()
        engine.suppliers_for_buyer(rng.choice(buyers), limit=20)
        alone.append((time.perf_counter() - t) * 1000)
    gc.unfreeze()
    return {"replay_s": replay_s, "requests": len(times),
            "max_ms": max(times), "p99_ms": float(np.percentile(times, 99)), "p50_ms": float(np.percentile(times, 50)),
            "alone_max_ms": max(alone), "alone_p99_ms": float(np.percentile(alone, 99))}


def _built_or_kept(n: int, seed: int, profiles, niches, keep: Path | None, tmp: Path):
    """(in-memory engine or None, snapshot dir, build seconds, write seconds, build processes).
    With `keep`, the snapshot of this size and seed is kept there and reused by the next run, so the
    slow build of a million profiles is paid once and the measurements can be repeated on a quiet
    machine; a reused snapshot has no in-memory engine to compare with."""
    snap = (keep / f"snap-{n}-{seed}") if keep else (tmp / "snap")
    if keep and (snap / "manifest.json").exists():
        meta = json.loads((snap / "manifest.json").read_text())
        return None, snap, meta["build_seconds"], meta["write_seconds"], meta["build_processes"]
    processes = os.cpu_count() or 1
    engine = MatchEngine()
    t = time.perf_counter()
    engine.build(profiles, niches, processes=processes)
    build_s = time.perf_counter() - t
    partial = snap.with_name(snap.name + ".partial")
    partial.mkdir(parents=True)
    t = time.perf_counter()
    engine.write_snapshot(partial, {"covers_change": 0})
    write_s = time.perf_counter() - t
    manifest = json.loads((partial / "manifest.json").read_text())
    manifest.update(build_seconds=build_s, write_seconds=write_s, build_processes=processes)
    (partial / "manifest.json").write_text(json.dumps(manifest))
    partial.rename(snap)
    return engine, snap, build_s, write_s, processes


def _today_extrapolated(measured: dict | None, n: int) -> dict | None:
    """Today's per-worker index at n profiles from the largest size measured (it grows linearly:
    build time and memory per profile are flat from 10k to 100k), when building it is too slow."""
    if measured is None:
        return None
    factor = n / measured["n"]
    uss = measured["bare_uss"] + (measured["uss"] - measured["bare_uss"]) * factor
    rss = measured["bare_uss"] + (measured["rss"] - measured["bare_uss"]) * factor
    return {"ready_s": measured["ready_s"] * factor, "uss": uss, "rss": rss,
            "extrapolated_from": measured["n"]}


def scale(sizes: list[int], worker_counts: list[int], seed: int, corpus_cls, machine: str,
          with_stall: bool = True, keep: Path | None = None, today_up_to: int = 200_000) -> None:
    print(f"machine: {machine}; {load_average()}")
    today_measured = None
    for n in sizes:
        corpus = corpus_cls(seed)
        profiles = corpus.profiles(n // 2, n - n // 2)
        niches = corpus.niches(30)
        rng = random.Random(seed + 1)
        buyers = rng.sample([p.id for p in profiles if "buyer" in p.roles and p.needs], QUERIES)
        with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
            tmp = Path(tmp)
            (tmp / "buyers.json").write_text(json.dumps(buyers))
            engine, snap, build_s, write_s, processes = _built_or_kept(n, seed, profiles, niches, keep, tmp)
            disk_mb = sum(f.stat().st_size for f in snap.iterdir()) / 2**20
            t = time.perf_counter()
            mapped = MatchEngine.over(snapshot.load(snap)[0])
            map_s = time.perf_counter() - t
            print(f"\n== {n:,} profiles ({mapped._store.offers.live:,} offers, {mapped._store.needs.live:,} needs)")
            print(f"build in memory {build_s:.1f} s with {processes} processes"
                  f"{' (an earlier run, snapshot kept in ' + str(keep) + ')' if engine is None else ''}; "
                  f"snapshot written in {write_s:.1f} s, {disk_mb:.0f} MB on disk; mapped in {map_s:.2f} s; "
                  f"{load_average()}")
            new_p50, new_p95 = latencies(mapped, buyers)
            if engine is not None:
                old_p50, old_p95 = latencies(engine, buyers)
                same = all(engine.suppliers_for_buyer(c) == mapped.suppliers_for_buyer(c) for c in buyers[:20])
                print(f"top-20: in-memory p50 {old_p50:.1f} ms p95 {old_p95:.1f} ms; mapped p50 {new_p50:.1f} ms "
                      f"p95 {new_p95:.1f} ms (ratio p50 {new_p50 / old_p50:.2f}×, p95 {new_p95 / old_p95:.2f}×); "
                      f"identical lists: {same}; {load_average()}")
            else:
                print(f"top-20: mapped p50 {new_p50:.1f} ms p95 {new_p95:.1f} ms; {load_average()}")
            print(postings_share(mapped, buyers))

            bare = run_workers("bare", "-", str(tmp / "buyers.json"), 1)[0]
            print(f"a bare worker process (Python, numpy, the engine imported, no index): USS {bare['uss']:.0f} MB")
            if n <= today_up_to or today_measured is None:
                pickled = tmp / "profiles.pickle"
                with open(pickled, "wb") as fh:
                    pickle.dump((profiles, niches), fh, protocol=pickle.HIGHEST_PROTOCOL)
                today = run_workers("build", str(pickled), str(tmp / "buyers.json"), 1)[0]
                today_measured = {**today, "n": n, "bare_uss": bare["uss"]}
                how = "builds its own"
            else:
                today = _today_extrapolated(today_measured, n)
                how = f"builds its own; extrapolated linearly from {today['extrapolated_from']:,} profiles"
            print(f"today's worker ({how}): ready in {today['ready_s']:.1f} s, RSS {today['rss']:.0f} MB, "
                  f"USS {today['uss']:.0f} MB — {len(worker_counts) and max(worker_counts)} workers "
                  f"≈ {today['uss'] * max(worker_counts):.0f} MB; {load_average()}")
            for count in worker_counts:
                reports = run_workers("mapped", str(snap), str(tmp / "buyers.json"), count)
                ready = max(r["ready_s"] for r in reports)
                uss = sum(r["uss"] for r in reports) / count
                pss = sum(r["pss"] for r in reports)
                print(f"{count} mapped worker(s): ready in ≤ {ready:.2f} s (today {today['ready_s']:.1f} s, "
                      f"{today['ready_s'] / ready:.0f}× faster); per worker RSS {reports[0]['rss']:.0f} MB, "
                      f"USS {uss:.0f} MB (today {today['uss']:.0f} MB: {uss / today['uss']:.2f}×); "
                      f"PSS of all {pss:.0f} MB (today {today['uss'] * count:.0f} MB: "
                      f"{pss / (today['uss'] * count):.2f}×); index memory of its own "
                      f"{uss - bare['uss']:.0f} MB (today {today['uss'] - bare['uss']:.0f} MB); "
                      f"p50 {reports[0]['p50']:.1f} ms; {load_average()}")
            # What one more worker costs the machine is its private memory (USS): the snapshot's pages
            # it reads are page cache shared with every other worker (and with this process, which
            # mapped it too — so a difference of PSS sums would wrongly charge a share of them to it).
            print(f"memory each extra mapped worker adds: its private pages, USS {uss:.0f} MB (of which the "
                  f"interpreter and libraries {bare['uss']:.0f} MB); today a whole index, {today['uss']:.0f} MB")

            if not with_stall or engine is None:
                print(f"BENCH scale n={n} build_s={build_s:.1f} map_s={map_s:.2f} worker_ready_s={ready:.2f} "
                      f"uss_mb={uss:.0f} today_uss_mb={today['uss']:.0f} p50_ms={new_p50:.1f}")
                continue
            bulk_corpus = corpus_cls(seed + 11)
            bulk = bulk_corpus.profiles(BULK // 2, BULK - BULK // 2, start=10_000_000)
            old = stall(engine, buyers, bulk, old_way=True)
            fresh = MatchEngine.over(snapshot.load(snap)[0])
            new = stall(fresh, buyers, bulk, old_way=False)
            print(f"bulk change of {BULK:,} companies: old replay {old['replay_s']:.1f} s, requests max "
                  f"{old['max_ms']:.0f} ms p99 {old['p99_ms']:.0f} ms ({old['requests']} requests); new replay "
                  f"{new['replay_s']:.1f} s, requests max {new['max_ms']:.0f} ms p99 {new['p99_ms']:.0f} ms "
                  f"p50 {new['p50_ms']:.0f} ms ({new['requests']} requests); worst stall ratio "
                  f"{new['max_ms'] / old['max_ms']:.3f}×; the same requests with nothing replaying: max "
                  f"{new['alone_max_ms']:.0f} ms p99 {new['alone_p99_ms']:.0f} ms, so the replay adds "
                  f"{new['max_ms'] - new['alone_max_ms']:.0f} ms to the worst; {load_average()}")
            with open(tmp / "bulk.pickle", "wb") as fh:
                pickle.dump(bulk, fh, protocol=pickle.HIGHEST_PROTOCOL)
            apart = stall_across_processes(snap, buyers, tmp / "bulk.pickle", tmp / "snap-bulk")
            print(f"bulk change of {BULK:,} companies in the builder process: replayed in {apart['replay_s']:.1f} s, "
                  f"snapshot written in {apart['write_s']:.1f} s, visible to the worker after "
                  f"{apart['visible_s']:.1f} s (mapped and swapped; bulk seen: {apart['visible']}); the worker's "
                  f"requests meanwhile max {apart['max_ms']:.0f} ms p99 {apart['p99_ms']:.0f} ms p50 "
                  f"{apart['p50_ms']:.0f} ms ({apart['requests']} requests; worst while the builder replayed "
                  f"{apart['replaying_max_ms']:.0f} ms, while it wrote {apart['writing_max_ms']:.0f} ms, while the "
                  f"worker mapped and swapped "
                  f"{apart['mapping_max_ms']:.0f} ms); the same requests with nothing "
                  f"running: max {apart['alone_max_ms']:.0f} ms p99 {apart['alone_p99_ms']:.0f} ms; requests over "
                  f"100 ms {apart['over_100_ms']} against {apart['alone_over_100_ms']} with nothing running, so the "
                  f"builder adds {apart['max_ms'] - apart['alone_max_ms']:.0f} ms to the worst; {load_average()}")
            print(f"BENCH scale n={n} build_s={build_s:.1f} map_s={map_s:.2f} worker_ready_s={ready:.2f} "
                  f"uss_mb={uss:.0f} today_uss_mb={today['uss']:.0f} p50_ms={new_p50:.1f} "
                  f"stall_max_ms={new['max_ms']:.0f} alone_max_ms={new['alone_max_ms']:.0f} "
                  f"old_stall_max_ms={old['max_ms']:.0f} builder_stall_max_ms={apart['max_ms']:.0f} "
                  f"builder_stall_p99_ms={apart['p99_ms']:.0f} builder_alone_max_ms={apart['alone_max_ms']:.0f} "
                  f"builder_visible_s={apart['visible_s']:.1f} builder_replaying_max_ms={apart['replaying_max_ms']:.0f} "
                  f"builder_writing_max_ms={apart['writing_max_ms']:.0f} "
                  f"builder_mapping_max_ms={apart['mapping_max_ms']:.0f} builder_over_100_ms={apart['over_100_ms']} "
                  f"builder_alone_over_100_ms={apart['alone_over_100_ms']}")
            del engine, mapped, fresh


def tail_stall(sizes: list[int], seed: int, corpus_cls, machine: str, keep: Path | None = None) -> None:
    """Only the short-tail part (bench/tail_stall.py): a 500- and a 50-company tail replayed in a
    worker's own thread while 1 and 2 request threads run, the code path before and after the
    replay stepped aside for requests, in the same run."""
    import tail_stall as short_tail

    print(f"machine: {machine}; {load_average()}")
    for n in sizes:
        corpus = corpus_cls(seed)
        profiles = corpus.profiles(n // 2, n - n // 2)
        rng = random.Random(seed + 1)
        buyers = rng.sample([p.id for p in profiles if "buyer" in p.roles and p.needs], QUERIES)
        with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
            engine, snap, build_s, _, _ = _built_or_kept(n, seed, profiles, corpus.niches(30), keep, Path(tmp))
            del engine, profiles
            gc.collect()
            print(f"\n== {n:,} profiles: a short tail replayed in the worker (snapshot built in {build_s:.1f} s); "
                  f"{load_average()}", flush=True)
            short_tail.run(snap, buyers, corpus_cls, seed)


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--worker":
    worker(*sys.argv[2:5])
if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--builder":
    builder(*sys.argv[2:5])
