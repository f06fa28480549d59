"""Top-1 / top-3 heading accuracy of the classifier against today's code_lookup and a plain substring search:
`python -m tests.evaluation.classifier_report [-v] [--stems]` (-v lists the dev set's misses;
--stems runs the classifier on snowball stems instead of pymorphy3 lemmas)."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable

from . import classifier_baselines as baselines
from .classifier_set import Phrase, headings, load, uses_unofficial_words

RANKERS = ("classifier", "old code_lookup", "substring")


def classifier_ranking(phrase: Phrase) -> list[str]:
    from matcher import classifier
    found = classifier.suggest(title=phrase.text, limit=10, schemes=(phrase.scheme,))
    return headings(phrase.scheme, [(s.scheme, s.code) for s in found])


CONFIDENCE_BINS = (0.0, 0.5, 0.65, 0.8, 0.9, 1.01)


def calibration(phrases: list[Phrase]) -> list[tuple[float, float, int, float]]:
    """(from, to, phrases whose first suggestion's confidence falls there, share of them right)."""
    from matcher import classifier
    rows = []
    tops = []
    for p in phrases:
        found = classifier.suggest(title=p.text, limit=1, schemes=(p.scheme,))
        if found:
            key = found[0].code[:4] if p.scheme == "hs" else found[0].code
            tops.append((found[0].confidence, key in p.acceptable))
    for lo, hi in zip(CONFIDENCE_BINS, CONFIDENCE_BINS[1:]):
        inside = [right for conf, right in tops if lo <= conf < hi]
        rows.append((lo, min(hi, 1.0), len(inside), sum(inside) / len(inside) if inside else 0.0))
    return rows


def _ranker(name: str) -> Callable[[Phrase], list[str]]:
    if name == "classifier":
        return classifier_ranking
    if name == "old code_lookup":
        return lambda p: headings(p.scheme, baselines.old_suggest_codes(p.text, limit=10))
    return lambda p: headings(p.scheme, baselines.substring_search(p.text))


def evaluate(rankers=RANKERS) -> dict[str, dict[str, list[str]]]:
    """{ranker: {phrase text: ranked headings}}."""
    phrases = load()
    return {name: {p.text: _ranker(name)(p) for p in phrases} for name in rankers}


def accuracy(phrases: list[Phrase], ranked: dict[str, list[str]], k: int) -> float:
    hits = sum(1 for p in phrases if set(ranked[p.text][:k]) & p.acceptable)
    return hits / len(phrases) if phrases else 0.0


def groups(phrases: list[Phrase]) -> list[tuple[str, list[Phrase]]]:
    return [
        ("all", phrases),
        ("dev (misses looked at)", [p for p in phrases if p.split == "dev"]),
        ("holdout (misses never looked at)", [p for p in phrases if p.split == "holdout"]),
        ("fresh (written after lexicon froze)", [p for p in phrases if p.split == "fresh"]),
        ("Russian", [p for p in phrases if p.lang == "ru"]),
        ("English", [p for p in phrases if p.lang == "en"]),
        ("words in no official title", [p for p in phrases if uses_unofficial_words(p)]),
    ]


def main(argv: list[str]) -> None:
    if "--stems" in argv:
        from matcher.classifier import words
        words.use_lemmas(False)
    phrases = load()
    started = time.perf_counter()
    results = evaluate()
    elapsed = time.perf_counter() - started
    print(f"{'top-1 / top-3 heading accuracy':<40}" + "".join(f"{name:>20}" for name in RANKERS))
    for name, subset in groups(phrases):
        cells = "".join(f"{accuracy(subset, results[r], 1):>12.3f} / {accuracy(subset, results[r], 3):.3f}"
                        for r in RANKERS)
        print(f"{f'{name} ({len(subset)})':<40}{cells}")
    print(f"({elapsed:.1f} s for all rankers)")
    print("confidence of the first suggestion vs how often it is right:")
    for lo, hi, n, right in calibration(phrases):
        print(f"  {lo:.2f}–{hi:.2f}: {n:>4} phrases, {right:.2f} right")
    if "-v" in argv:
        for p in phrases:
            got = results["classifier"][p.text]
            if p.split == "dev" and not set(got[:3]) & p.acceptable:
                print(f"MISS {p.text!r} want {sorted(p.acceptable)} got {got[:5]}")


if __name__ == "__main__":
    main(sys.argv[1:])
