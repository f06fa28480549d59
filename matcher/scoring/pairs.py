"""Pair level: the product features of query × candidate items combined into product-fit points."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.scoring import context, weights as W
from matcher.scoring.batch import Batch
from matcher.scoring.features import PRODUCT, Context
from matcher.scoring.prepare import KIND_GOODS, KIND_SERVICE


@dataclass(slots=True)
class PairMatrix:
    points: dict[str, np.ndarray]   # product feature -> (k, m) contribution in points
    scores: dict[str, np.ndarray]   # product feature -> (k, m) raw feature score 0..1
    fit: np.ndarray                 # (k, m) product fit 0..1
    product: np.ndarray             # (k, m) product points = sum of `points`
    volume: np.ndarray              # (k, m) volume feature score 0..1
    mismatch: np.ndarray            # (k, m) 1 where one side is a service and the other goods


def combine(scored: dict, w: dict[str, float]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Effective weight of a feature = its table weight × availability, rescaled so the available
    evidence shares the product points — but never as if less than MIN_EVIDENCE_SHARE were there,
    and with code weight that no declared code backs counting UNVERIFIED_CODE_SHARE against it."""
    budget = sum(w[name] for name in W.PRODUCT_FEATURES)
    mass = sum(w[name] * scored[name].avail for name in W.PRODUCT_FEATURES)
    unverified = sum(w[name] * (1.0 - scored[name].avail) for name in W.CODE_FEATURES)
    denom = np.maximum(mass + W.UNVERIFIED_CODE_SHARE * unverified, W.MIN_EVIDENCE_SHARE * budget)
    points = {name: budget * w[name] * scored[name].avail * scored[name].score / denom
              for name in W.PRODUCT_FEATURES}
    total = sum(points.values())
    return points, np.divide(total, budget) if budget else np.zeros_like(total)


def score_pairs(q: Batch, c: Batch, ctx: Context, w: dict[str, float], q_is_need: bool) -> PairMatrix:
    scored = {name: fn(q, c, ctx, q_is_need) for name, fn in PRODUCT.items()}
    points, fit = combine(scored, w)
    need_vol, cap = (q.volume[:, None], c.volume[None, :]) if q_is_need else (c.volume[None, :], q.volume[:, None])
    mismatch = ((q.kind[:, None] * c.kind[None, :]) == KIND_GOODS * KIND_SERVICE).astype(np.float64)
    return PairMatrix(points, {n: s.score for n, s in scored.items()}, fit, sum(points.values()),
                      np.broadcast_to(context.volume(need_vol, cap), fit.shape), mismatch)
