"""Pair level: the registry's product features of query × candidate items combined into product-fit points."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.scoring.batch import Batch
from matcher.scoring.features import Context
from matcher.scoring.registry import PRODUCT_FEATURES

# Evidence that a pair lacks (no codes on one side, texts in different languages) is left out of
# the product fit rather than counted as a mismatch, but the fit is divided by at least this share
# of the product points: thin evidence cannot earn full marks.
MIN_EVIDENCE_SHARE = 0.45
# Code weight that declared codes do not back (codes missing, or only inferred from words) still
# counts at this share in the denominator: a fit read from words alone is less certain.
UNVERIFIED_CODE_SHARE = 0.4


@dataclass(slots=True)
class PairMatrix:
    points: dict[str, np.ndarray]   # product feature -> (k, m) contribution in points
    scores: dict[str, np.ndarray]   # product feature -> (k, m) raw feature score 0..1
    fit: np.ndarray                 # (k, m) product fit 0..1
    product: np.ndarray             # (k, m) product points = sum of `points`


def combine(scored: dict, w: dict[str, float]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Effective weight of a feature = its table weight × availability, rescaled so the available
    evidence shares the product points — but never as if less than MIN_EVIDENCE_SHARE were there,
    and with code weight that no declared code backs counting UNVERIFIED_CODE_SHARE against it."""
    names = [f.name for f in PRODUCT_FEATURES]
    budget = sum(w[name] for name in names)
    mass = sum(w[name] * scored[name].avail for name in names)
    unverified = sum(w[f.name] * (1.0 - scored[f.name].avail) for f in PRODUCT_FEATURES if f.declared_codes)
    denom = np.maximum(mass + UNVERIFIED_CODE_SHARE * unverified, MIN_EVIDENCE_SHARE * budget)
    points = {name: budget * w[name] * scored[name].avail * scored[name].score / denom for name in names}
    total = sum(points.values())
    return points, np.divide(total, budget) if budget else np.zeros_like(total)


def score_pairs(q: Batch, c: Batch, ctx: Context, w: dict[str, float], q_is_need: bool) -> PairMatrix:
    scored = {f.name: f.score(q, c, ctx, q_is_need) for f in PRODUCT_FEATURES}
    points, fit = combine(scored, w)
    return PairMatrix(points, {n: s.score for n, s in scored.items()}, fit, sum(points.values()))
