"""The scoring table: one function per feature, (need, offer, ctx) -> FeatureResult, with weights."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from matcher.scoring import codes, context, explain, features
from matcher.scoring.batch import code_rows, concept_rows, from_prepared, term_rows
from matcher.scoring.features import Context
from matcher.scoring.lexicon import Lexicon
from matcher.scoring.prepare import KIND_GOODS, KIND_SERVICE, Prepared
from matcher.scoring.weights import DEFAULT_WEIGHTS


@dataclass(frozen=True, slots=True)
class FeatureResult:
    score: float            # 0..1
    detail: str
    available: float = 1.0  # share of the feature's weight this pair can use (missing data → 0)


Feature = Callable[[Prepared, Prepared, Context], FeatureResult]


def _from_batch(batch_fn, detail_fn) -> Feature:
    def feature(need: Prepared, offer: Prepared, ctx: Context) -> FeatureResult:
        scored = batch_fn(from_prepared(ctx.lex, [need]), from_prepared(ctx.lex, [offer]), ctx, True)
        return FeatureResult(float(scored.score[0, 0]), detail_fn(need, offer), float(scored.avail[0, 0]))
    feature.__name__ = batch_fn.__name__
    feature.__doc__ = (batch_fn.__doc__ or "").strip().splitlines()[0]
    return feature


hs_codes = _from_batch(features.hs_codes, lambda n, o: explain.code_detail(codes.HS, n, o))
nace_codes = _from_batch(features.nace_codes, lambda n, o: explain.code_detail(codes.NACE, n, o))
text = _from_batch(features.text, explain.text_detail)
concepts = _from_batch(features.concepts, explain.concept_detail)


def volume(need: Prepared, offer: Prepared, ctx: Context) -> FeatureResult:
    """The need's annual volume fits within the offer's annual capacity (neutral when unknown)."""
    score = context.volume(np.array(need.volume or np.nan), np.array(offer.volume or np.nan))
    return FeatureResult(float(score), context.volume_detail(need.volume, offer.volume))


def service_mismatch(need: Prepared, offer: Prepared, ctx: Context) -> FeatureResult:
    """One side is a service (training, repair, logistics …) and the other is goods."""
    hit = {need.kind, offer.kind} == {KIND_GOODS, KIND_SERVICE}
    return FeatureResult(1.0 if hit else 0.0, explain.kind_detail(need, offer) if hit else "")


# (feature name, function, default weight in points): the pair-level algorithm. Company-level
# features (geography, certifications, languages) and the niche bonus are in context.py / ranking.py.
ALGORITHM: list[tuple[str, Feature, float]] = [
    (name, fn, DEFAULT_WEIGHTS[name]) for name, fn in (
        ("hs_codes", hs_codes), ("nace_codes", nace_codes), ("text", text), ("concepts", concepts),
        ("volume", volume), ("service_mismatch", service_mismatch))
]


def standalone_context(items: Iterable[Prepared]) -> Context:
    """A Context whose IDF and code rarity are counted over `items` (for tests and one-off use)."""
    lex = Lexicon()
    for p in items:
        keys = term_rows(lex, p, True)["key"] + code_rows(lex, codes.HS, p.hs, True)["key"] + \
            code_rows(lex, codes.NACE, p.nace, True)["key"] + [lex.intern(f"c:{c}") for c in concept_rows(p)["cid"]]
        lex.count(np.unique(np.array(keys, dtype=np.int32)), +1, coded=bool(p.hs or p.nace))
    return Context.of(lex)
