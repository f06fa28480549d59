"""Print nDCG@10 of the engine (with the profiles' codes, and with every code removed: words only) and of both
baselines, overall and per query kind: `python -m tests.evaluation.report [-v]`."""
from __future__ import annotations

import sys
from collections import defaultdict

from matcher.scoring import MatchEngine
from . import baselines
from .corpus import engine_ranking, load, without_codes
from .metrics import ndcg

RANKERS = ("engine", "words only", "text baseline", "code baseline")


def evaluate() -> dict[str, dict[str, float]]:
    """{ranker: {query id: nDCG@10}}."""
    profiles, niches, queries = load()
    engine = MatchEngine()
    engine.build(profiles, niches)
    words_only = MatchEngine()
    words_only.build(*without_codes(profiles, niches))
    out: dict[str, dict[str, float]] = {name: {} for name in RANKERS}
    for q in queries:
        out["engine"][q.id] = ndcg(engine_ranking(engine, q), q.judgements)
        out["words only"][q.id] = ndcg(engine_ranking(words_only, q), q.judgements)
        out["text baseline"][q.id] = ndcg(baselines.rank(q.kind, q.subject, profiles, niches, baselines.text_score),
                                          q.judgements)
        out["code baseline"][q.id] = ndcg(baselines.rank(q.kind, q.subject, profiles, niches, baselines.code_score),
                                          q.judgements)
    return out


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def main(verbose: bool = False) -> None:
    _, _, queries = load()
    results = evaluate()
    groups: dict[str, list[str]] = defaultdict(list)
    for q in queries:
        groups[q.kind].append(q.id)
    print(f"{'nDCG@10':<26}" + "".join(f"{name:>15}" for name in RANKERS))
    for kind, ids in sorted(groups.items()):
        print(f"{kind + f' ({len(ids)})':<26}" + "".join(f"{mean(results[r][i] for i in ids):>15.3f}" for r in RANKERS))
    print(f"{f'all ({len(queries)})':<26}" + "".join(f"{mean(results[r].values()):>15.3f}" for r in RANKERS))
    worded = [q.id for q in queries if not q.involves_code_only]
    print(f"{f'no code-only company ({len(worded)})':<26}" + "".join(f"{mean(results[r][i] for i in worded):>15.3f}"
                                                                     for r in RANKERS))
    if verbose:
        for q in queries:
            print(f"{q.id} {q.kind:<20} " + " ".join(f"{results[r][q.id]:.2f}" for r in RANKERS) + f"  {q.note}")


if __name__ == "__main__":
    main("-v" in sys.argv)
