"""Benchmark of matcher.scoring on a synthetic corridor.

    PYTHONPATH=. python bench/match_bench.py [--quick] [--profiles N] [--seed S]
    PYTHONPATH=. python bench/match_bench.py --scale [--sizes 10000,100000] [--workers 1,2,4,8]
    PYTHONPATH=. python bench/match_bench.py --page

Prints top-20 latency, all-lists throughput, index build time and peak memory, and the ratio
against the naive way (a Python loop over every pair, timed on a sample and extrapolated) and
against the floor (raw rapidfuzz.process.cdist over the same candidate texts). Last line:
BENCH topk_p50_ms=<x> vs_naive=<y>x vs_floor=<z>x n=<profiles>
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from matcher.scoring import Item, MatchEngine, Niche, Profile  # noqa: E402
from matcher.scoring.features import Context  # noqa: E402
from matcher.scoring.pairs import score_pairs  # noqa: E402
from matcher.scoring.vocabulary import CONCEPTS, vocabulary_phrases  # noqa: E402

RU_ENDINGS, EN_ENDINGS = ("ая", "ые", "ой", "ки", "ка", "ов", "ие"), ("", "s", "ing", "ed")
SHOWN = 10      # matches whose reasons a reader sees: a page of «My matches», a digest mail
RU_GENERIC = ("поставка производство качество гарантия сервис доставка склад опыт собственное "
              "серийный модернизация партия заказ монтаж комплект гост стандарт").split()
EN_GENERIC = ("supply production quality warranty service delivery stock experience own serial "
              "batch order installation kit standard certified export").split()


class Corpus:
    """Synthetic corridor: concept phrases from the vocabulary mixed with a Zipfian filler
    lexicon, Zipfian code popularity, RU and EN, suppliers mostly BY and buyers mostly RU."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.phrases = vocabulary_phrases()               # concept index -> ([ru], [en])
        self.concepts = [c for c in CONCEPTS if self.phrases[c.index][0] and self.phrases[c.index][1]]
        zipf = np.random.default_rng(seed)
        # concept popularity is Zipfian too: a few sectors dominate the registry
        self.concept_order = zipf.permutation(len(self.concepts))
        syll_ru, syll_en = "ка ло ми ра то ре ни су ва де по ст ль ор ен".split(), "ka lo mi ra to re ni su va de po st or en".split()
        self.filler = {"ru": ["".join(self.rng.choice(syll_ru) for _ in range(self.rng.randint(2, 4))) + "ный"
                              for _ in range(30_000)],
                       "en": ["".join(self.rng.choice(syll_en) for _ in range(self.rng.randint(2, 4))) + "ite"
                              for _ in range(30_000)]}
        self.random_codes = [f"{self.rng.randint(1, 97):02d}{self.rng.randint(1, 99):02d}{self.rng.randint(10, 99):02d}"
                             for _ in range(5_000)]
        self.item_id = 0

    def _zipf(self, n: int, s: float = 1.1) -> int:
        while True:
            k = int(self.rng.paretovariate(s)) - 1
            if k < n:
                return k

    def _phrase(self, concept, lang: str) -> str:
        ru, en = self.phrases[concept.index]
        words = []
        for word in self.rng.choice(ru if lang == "ru" else en).split():
            if word.endswith("*"):
                word = word[:-1] + self.rng.choice(RU_ENDINGS if lang == "ru" else EN_ENDINGS)
            words.append(word)
        return " ".join(words)

    def item(self, lang: str) -> Item:
        self.item_id += 1
        main = self.concepts[self.concept_order[self._zipf(len(self.concepts))]]
        title = self._phrase(main, lang)
        if self.rng.random() < 0.4:
            title += " " + self.rng.choice(self.filler[lang][:2000])
        words = [self._phrase(main, lang)]
        for _ in range(self.rng.randint(4, 20)):
            r = self.rng.random()
            if r < 0.55:
                words.append(self.filler[lang][self._zipf(len(self.filler[lang]), 1.05)])
            elif r < 0.85:
                words.append(self.rng.choice(RU_GENERIC if lang == "ru" else EN_GENERIC))
            else:
                words.append(self._phrase(self.rng.choice(self.concepts), lang))
        hs, nace = (), ()
        if self.rng.random() < 0.6:
            base = self.rng.choice(main.hs) if main.hs and self.rng.random() < 0.8 else \
                self.random_codes[self._zipf(len(self.random_codes))]
            hs = (base + "".join(str(self.rng.randint(0, 9)) for _ in range(max(0, 6 - len(base)))),)
        if main.nace and self.rng.random() < 0.5:
            nace = (self.rng.choice(main.nace),)
        volume = int(10 ** self.rng.uniform(4.5, 8)) if self.rng.random() < 0.7 else None
        return Item(self.item_id, title, " ".join(words), hs, nace, volume)

    def profile(self, pid: int, role: str) -> Profile:
        lang = "ru" if self.rng.random() < 0.75 else "en"
        if role == "supplier":
            country, region = ("BY", "BY-MI") if self.rng.random() < 0.85 else ("RU", "RU-MOW")
        else:
            country, region = ("RU", "RU-PER" if self.rng.random() < 0.6 else "RU-SVE") if self.rng.random() < 0.9 \
                else ("BY", "BY-MI")
        roles = {role} | ({"buyer", "supplier"} if self.rng.random() < 0.1 else set())
        n = min(1 + self._zipf(6, 1.6), 5)
        offers = tuple(self.item(lang) for _ in range(n)) if "supplier" in roles else ()
        needs = tuple(self.item(lang) for _ in range(n)) if "buyer" in roles else ()
        return Profile(pid, f"Company {pid}", country, region, frozenset(roles), "", (lang,),
                       ("ISO 9001",) if self.rng.random() < 0.3 else (), offers, needs)

    def profiles(self, suppliers: int, buyers: int, start: int = 1) -> list[Profile]:
        return ([self.profile(start + i, "supplier") for i in range(suppliers)] +
                [self.profile(start + suppliers + i, "buyer") for i in range(buyers)])

    def niches(self, n: int) -> list[Niche]:
        return [Niche(900_000 + i, self.item("ru" if i % 3 else "en"), f"Departed firm {i} (2022)", "RU-PER")
                for i in range(n)]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 platform.processor())
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def item_text(item: Item) -> str:
    return f"{item.title} {item.description}".lower()


def mission_lists(seed: int) -> None:
    """A mission's match list the old way (score_pair on every supplier × buyer pair, then sort and
    cap per company) against one pairs_among pass, on a 20,000-profile registry."""
    print(f"machine: {machine()}")
    corpus = Corpus(seed + 3)
    profiles = corpus.profiles(10_000, 10_000)
    engine = MatchEngine()
    engine.build(profiles, corpus.niches(30))
    rng = random.Random(seed)
    suppliers = [p.id for p in profiles if "supplier" in p.roles]
    buyers = [p.id for p in profiles if "buyer" in p.roles and "supplier" not in p.roles]
    engine.pairs_among(rng.sample(suppliers, 5) + rng.sample(buyers, 5))       # warm caches
    for n in (40, 400):
        ids = rng.sample(suppliers, n // 2) + rng.sample(buyers, n - n // 2)
        t = time.perf_counter()
        scored = []
        for s in ids:
            for b in ids:
                m = engine.score_pair(s, b)
                if m is not None and m.score >= 40:
                    scored.append((s, b, m))
        scored.sort(key=lambda x: (-x[2].score, x[0], x[1]))
        count: dict[int, int] = {}
        old = []
        for s, b, m in scored:
            if count.get(s, 0) < 10 and count.get(b, 0) < 10:
                count[s], count[b] = count.get(s, 0) + 1, count.get(b, 0) + 1
                old.append((s, b, m))
        loop_s = time.perf_counter() - t
        t = time.perf_counter()
        new = engine.pairs_among(ids, min_score=40, per_company=10)
        batch_s = time.perf_counter() - t
        t = time.perf_counter()
        every = engine.pairs_among(ids)
        every_s = time.perf_counter() - t
        assert new == old, "pairs_among must give what the pair loop gives"
        print(f"mission of {n} participants ({n * n - n:,} ordered pairs, {len(every):,} supplier × buyer): "
              f"score_pair loop {loop_s:.2f} s; pairs_among(min_score=40, per_company=10) {batch_s:.3f} s "
              f"({loop_s / batch_s:.0f}× faster, {len(new)} pairs listed, identical); every pair explained "
              f"(min_score=0) {every_s:.2f} s")
    print(f"load average now {os.getloadavg()[0]:.1f}")


def page_wording(seed: int, queries: int = 100) -> None:
    """A «My matches» page at the engine level on 20,000 profiles: 200 partners ranked (100 × ROOM) all
    worded, as before, against 200 ranked unworded plus a second ranking wording the 10 shown."""
    corpus = Corpus(seed + 4)
    profiles = corpus.profiles(10_000, 10_000)
    engine = MatchEngine()
    engine.build(profiles, corpus.niches(30))
    buyers = random.Random(seed).sample([p.id for p in profiles if "buyer" in p.roles and p.needs], queries)
    engine.suppliers_for_buyer(buyers[-1], limit=200)                # warm caches (labels, stemmer)
    before, after, lengths = [], [], []
    for n, cid in enumerate(buyers):
        for run in sorted(("before", "after"), reverse=n % 2 == 1):   # alternate which goes first
            t = time.perf_counter()
            if run == "before":
                full = engine.suppliers_for_buyer(cid, limit=200)
                before.append(time.perf_counter() - t)
            else:
                ranked = engine.suppliers_for_buyer(cid, limit=200, explain=0)
                shown = {m.company_id for m in ranked[:SHOWN]}
                page = engine.suppliers_for_buyer(cid, limit=200, explain=shown)
                after.append(time.perf_counter() - t)
        assert [m for m in page if m.reasons] == full[:SHOWN], "the page's matches must read as fully worded"
        lengths.append(len(full))
    b, a = statistics.median(before) * 1000, statistics.median(after) * 1000
    print(f"«My matches» page, {len(profiles):,} profiles, {queries} buyers (lists of {statistics.mean(lengths):.0f} "
          f"matches on average): 200 ranked, all worded p50 {b:.1f} ms (total {sum(before):.2f} s); 200 ranked "
          f"unworded + again wording the {SHOWN} shown p50 {a:.1f} ms (total {sum(after):.2f} s) → {b / a:.2f}× "
          f"faster (p50), {sum(before) / sum(after):.2f}× (total); load average now {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="20,000 profiles and smaller samples (< 1 min)")
    ap.add_argument("--profiles", type=int, default=None)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--missions", action="store_true",
                    help="only the trade-mission lists: 40 and 400 participants, pair loop vs pairs_among")
    ap.add_argument("--page", action="store_true",
                    help="only a «My matches» page: every one of 200 matches worded vs only the 10 shown")
    ap.add_argument("--scale", action="store_true",
                    help="the shared mapped snapshot vs today's per-worker index: build, map, memory per "
                         "worker, latency, bulk-change stall (bench/scale_bench.py)")
    ap.add_argument("--sizes", default="10000,100000", help="registry sizes for --scale")
    ap.add_argument("--workers", default="1,2,4,8", help="worker process counts for --scale")
    ap.add_argument("--no-stall", action="store_true", help="--scale without the bulk-change stall part")
    ap.add_argument("--tail-stall", action="store_true",
                    help="--scale: only a 500- and a 50-company tail replayed in a worker's thread while requests "
                         "run, before and after it steps aside for them (bench/tail_stall.py)")
    ap.add_argument("--keep", type=Path, default=None,
                    help="--scale: keep each size's snapshot in this directory and reuse it on the next run")
    ap.add_argument("--today-up-to", type=int, default=200_000,
                    help="--scale: above this size today's per-worker build is extrapolated, not run")
    args = ap.parse_args()
    if args.missions:
        return mission_lists(args.seed)
    if args.page:
        return page_wording(args.seed)
    if args.scale and args.tail_stall:
        from scale_bench import tail_stall

        return tail_stall([int(x) for x in args.sizes.split(",")], args.seed, Corpus, machine(), keep=args.keep)
    if args.scale:
        from scale_bench import scale

        return scale([int(x) for x in args.sizes.split(",")], [int(x) for x in args.workers.split(",")],
                     args.seed, Corpus, machine(), with_stall=not args.no_stall, keep=args.keep,
                     today_up_to=args.today_up_to)
    n = args.profiles or (20_000 if args.quick else 100_000)
    queries = 100 if args.quick else args.queries
    print(f"machine: {machine()}")

    corpus = Corpus(args.seed)
    rss0 = rss_mb()
    profiles = corpus.profiles(n // 2, n - n // 2)
    niches = corpus.niches(30)
    rss_data = rss_mb()
    engine = MatchEngine()
    gc.collect()
    t = time.perf_counter()
    engine.build(profiles, niches)
    build_s = time.perf_counter() - t
    rss_built = rss_mb()
    store = engine._store
    print(f"index build: {n:,} profiles ({store.offers.live:,} offers, {store.needs.live:,} needs, 30 niches) "
          f"in {build_s:.1f} s; peak RSS {rss_built:.0f} MB (data alone {rss_data - rss0:.0f} MB, "
          f"index ≈ {rss_built - rss_data:.0f} MB)")

    # -- top-20 latency ---------------------------------------------------------------------
    rng = random.Random(args.seed + 1)
    buyers = [p.id for p in profiles if "buyer" in p.roles and p.needs]
    sample = rng.sample(buyers, queries)
    engine.suppliers_for_buyer(sample[0], limit=20)          # warm caches (labels, stemmer)
    times, cpu = [], []
    for cid in sample:                  # each buyer asked once: explanations are not cached yet
        t, c = time.perf_counter(), time.thread_time()
        engine.suppliers_for_buyer(cid, limit=20)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    p50, p95 = percentile(times, 50), percentile(times, 95)
    print(f"top-20 suppliers for one buyer against {n:,} profiles: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"over {queries} queries (CPU time of the query thread: p50 {percentile(cpu, 50):.1f} ms, "
          f"p95 {percentile(cpu, 95):.1f} ms; load average now {os.getloadavg()[0]:.1f})")

    # -- floor: raw rapidfuzz over the same candidates --------------------------------------
    ctx = Context.of(store.lex)
    floor_ms = []
    for cid in sample:
        q_iids = np.asarray(store.items_of[cid][1], dtype=np.int64)
        cands = store.offers.candidates(store.needs.batch(q_iids), engine._cap)
        need_texts = [item_text(store.needs.items[i]) for i in q_iids.tolist()]
        cand_texts = [item_text(store.offers.items[i]) for i in cands.tolist()]
        t = time.perf_counter()
        process.cdist(need_texts, cand_texts, scorer=fuzz.token_set_ratio, workers=-1)
        floor_ms.append((time.perf_counter() - t) * 1000)
    vs_floor = p50 / statistics.median(floor_ms)
    print(f"floor: raw rapidfuzz cdist(token_set_ratio, workers=-1) of the needs' texts against the same "
          f"candidate texts: p50 {statistics.median(floor_ms):.1f} ms per query → engine at {vs_floor:.2f}× the floor")

    # -- naive: a Python loop calling the same pair scorer on every pair ---------------------
    offers_all = np.flatnonzero(store.offers.alive.view())
    naive_pairs, naive_s = 0, 0.0
    w = engine._weights(None)
    for cid in sample[:3]:
        q_iids = np.asarray(store.items_of[cid][1], dtype=np.int64)
        probe = offers_all[:: max(1, len(offers_all) // 400)]       # a sample of every offer
        t = time.perf_counter()
        for qi in q_iids.tolist():
            q = store.needs.batch(np.array([qi]))
            for oi in probe.tolist():
                score_pairs(q, store.offers.batch(np.array([oi])), ctx, w, True)
        naive_s += time.perf_counter() - t
        naive_pairs += len(q_iids) * len(probe)
    per_pair_us = naive_s / naive_pairs * 1e6
    mean_needs = statistics.mean(len(store.items_of[c][1]) for c in sample)
    naive_query_ms = per_pair_us * mean_needs * len(offers_all) / 1000
    vs_naive = naive_query_ms / p50
    print(f"naive: {per_pair_us:.0f} µs per pair × {mean_needs:.1f} needs × {len(offers_all):,} offers "
          f"= {naive_query_ms / 1000:.1f} s per query (extrapolated from {naive_pairs:,} timed pairs) → "
          f"engine is {vs_naive:,.0f}× faster")
    del engine, store, profiles
    gc.collect()

    # -- all top-20 lists for 2,000 buyers × 20,000 suppliers -------------------------------
    n_buy, n_sup = (500, 5_000) if args.quick else (2_000, 20_000)
    corpus2 = Corpus(args.seed + 2)
    mission = corpus2.profiles(n_sup, n_buy)
    engine = MatchEngine()
    engine.build(mission, corpus2.niches(30))
    buyer_ids = [p.id for p in mission if "buyer" in p.roles and p.needs][:n_buy]
    engine.suppliers_for_buyer(buyer_ids[-1], limit=20)          # warm caches (labels, stemmer)
    quarter = buyer_ids[: len(buyer_ids) // 4]
    t, c = time.perf_counter(), time.thread_time()
    for cid in quarter:
        engine.suppliers_for_buyer(cid, limit=20)
    serial_s = (time.perf_counter() - t) / len(quarter) * len(buyer_ids)
    serial_cpu = (time.thread_time() - c) / len(quarter) * len(buyer_ids)
    # all the lists at once: one forked worker process per core, sharing the index copy-on-write
    processes = os.cpu_count() or 2

    def all_lists(explain: int | None) -> tuple[dict, float, float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t, c = time.perf_counter(), time.process_time()
        found = engine.suppliers_for_buyers(buyer_ids, limit=20, processes=processes, explain=explain)
        wall, parent = time.perf_counter() - t, time.process_time() - c
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return found, wall, parent, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    # every match worded (what the lists cost before), then only the ten a page or a digest shows
    worded, worded_s, _, worded_cpu = all_lists(None)
    lists, all_s, parent_cpu, children_cpu = all_lists(SHOWN)
    assert len(lists) == len(buyer_ids)
    assert all([(m.company_id, m.score) for m in lists[c]] == [(m.company_id, m.score) for m in worded[c]]
               for c in buyer_ids), "explaining fewer matches must not change any list"
    # the previous way, timed on the same quarter: explanations asked the classifier again for
    # every item they showed (the index did not keep its inferred codes)
    from matcher.classifier import ranker
    from matcher.scoring.index import SideIndex
    kept = SideIndex.inferred_of
    SideIndex.inferred_of = lambda self, iid: None
    ranker.infer.cache_clear()              # as in a worker that mapped its index: nothing inferred yet
    try:
        c = time.process_time()
        engine.suppliers_for_buyers(quarter, limit=20, processes=1)
        asked_cpu = time.process_time() - c
    finally:
        SideIndex.inferred_of = kept
    c = time.process_time()
    engine.suppliers_for_buyers(quarter, limit=20, processes=1)
    kept_cpu = time.process_time() - c
    print(f"all top-20 lists: {len(buyer_ids):,} buyers × {n_sup:,} suppliers: {all_s:.1f} s with "
          f"{processes} processes, reasons worded for the {SHOWN} shown of each list "
          f"({all_s / len(buyer_ids) * 1000:.1f} ms per buyer; CPU {children_cpu:.1f} s in the "
          f"workers + {parent_cpu:.1f} s receiving the lists); every match worded: {worded_s:.1f} s (CPU "
          f"{worded_cpu:.1f} s), so {worded_s / all_s:.2f}× the time; one thread, every match worded, would take "
          f"{serial_s:.1f} s, of which CPU {serial_cpu:.1f} s (timed on a quarter of the buyers); "
          f"load average now {os.getloadavg()[0]:.1f}")
    print(f"the same quarter's lists in one process: CPU {kept_cpu:.1f} s with the inferred codes the index "
          f"kept, {asked_cpu:.1f} s asking the classifier again for every shown item (the previous way): "
          f"{asked_cpu / kept_cpu:.2f}× the CPU")
    print(f"peak RSS of the whole run: {rss_mb():.0f} MB")
    print(f"BENCH topk_p50_ms={p50:.1f} vs_naive={vs_naive:.0f}x vs_floor={vs_floor:.2f}x n={n} "
          f"all_lists_s={all_s:.1f} all_lists_worded_s={worded_s:.1f}")


if __name__ == "__main__":
    main()
