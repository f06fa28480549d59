"""nDCG@k with graded gains (2^grade − 1)."""
from __future__ import annotations

import math


def dcg(grades: list[int]) -> float:
    return sum((2 ** g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades))


def ndcg(ranking: list[int], judgements: dict[int, int], k: int = 10) -> float:
    ideal = dcg(sorted(judgements.values(), reverse=True)[:k])
    return dcg([judgements.get(c, 0) for c in ranking[:k]]) / ideal if ideal else 0.0
