"""Latency of the classifier as the picker and "suggest" use it: `PYTHONPATH=. python bench/classifier_bench.py`.

Prints the cold start (morphology, lexicon, official titles' index, spelling list), then p50/p95 of
search() over every evaluation phrase and of suggest() with a one-sentence description, warm.
Last line: BENCH classifier_search_p50_ms=<x> p95_ms=<y> cold_s=<z>
"""
from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from tests.evaluation.classifier_set import load  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    started = time.perf_counter()
    from matcher import classifier
    classifier.warm_up()
    cold = time.perf_counter() - started
    phrases = [p.text for p in load()]
    search_ms, suggest_ms = [], []
    for text in phrases:
        t = time.perf_counter()
        classifier.search(text + " ")          # a new string: nothing of this query is cached
        search_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        classifier.suggest(text, f"Поставляем {text} по всей России, доставка и монтаж, гарантия 2 года.")
        suggest_ms.append((time.perf_counter() - t) * 1000)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}")
    print(f"cold start: {cold:.2f} s")
    print(f"search() over {len(phrases)} phrases: p50 {statistics.median(search_ms):.1f} ms, "
          f"p95 {percentile(search_ms, 0.95):.1f} ms, max {max(search_ms):.1f} ms")
    print(f"suggest() with a description: p50 {statistics.median(suggest_ms):.1f} ms, "
          f"p95 {percentile(suggest_ms, 0.95):.1f} ms")
    print(f"BENCH classifier_search_p50_ms={statistics.median(search_ms):.1f} "
          f"p95_ms={percentile(search_ms, 0.95):.1f} cold_s={cold:.2f}")


if __name__ == "__main__":
    main()
