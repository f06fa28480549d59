"""The registry's features one pair at a time, (need, offer, ctx) -> FeatureResult, and a standalone Context."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from matcher.scoring import codes, registry
from matcher.scoring.batch import code_rows, concept_rows, from_prepared, term_rows
from matcher.scoring.features import Context
from matcher.scoring.lexicon import Lexicon
from matcher.scoring.prepare import Prepared


@dataclass(frozen=True, slots=True)
class FeatureResult:
    score: float            # 0..1
    detail: str
    available: float = 1.0  # share of the feature's weight this pair can use (missing data → 0)


Feature = Callable[[Prepared, Prepared, Context], FeatureResult]


def one_pair(name: str) -> Feature:
    """A PRODUCT, PAIR or PENALTY feature of the registry scored and worded for one need and one offer
    (English), as tests and one-off checks read it. The niche feature needs a Store: not here."""
    f = registry.BY_NAME[name]

    def feature(need: Prepared, offer: Prepared, ctx: Context) -> FeatureResult:
        q, c = from_prepared(ctx.lex, [need]), from_prepared(ctx.lex, [offer])
        if f.kind == registry.PRODUCT:
            scored = f.score(q, c, ctx, True)
            score, available = float(scored.score[0, 0]), float(scored.avail[0, 0])
        else:
            pairs = registry.Pairs(q, c, True, np.zeros(1), np.zeros(1), None, None)
            score, available = float(f.score(pairs)[0, 0]), 1.0
        view = registry.PairView(need, offer, -1, -1, None, None)
        worded = f.kind != registry.PENALTY or score > 0
        return FeatureResult(score, f.detail(view, "en") if worded else "", available)
    feature.__name__ = name
    feature.__doc__ = f.summary
    return feature


hs_codes, nace_codes, text, concepts, volume, service_mismatch = (
    one_pair(name) for name in ("hs_codes", "nace_codes", "text", "concepts", "volume", "service_mismatch"))


def standalone_context(items: Iterable[Prepared]) -> Context:
    """A Context whose IDF and code rarity are counted over `items` (for tests and one-off use)."""
    lex = Lexicon()
    for p in items:
        keys = term_rows(lex, p, True)["key"] + code_rows(lex, codes.HS, p.hs, True)["key"] + \
            code_rows(lex, codes.NACE, p.nace, True)["key"] + [lex.intern(f"c:{c}") for c in concept_rows(p)["cid"]]
        lex.count(np.unique(np.array(keys, dtype=np.int32)), +1, coded=bool(p.hs or p.nace))
    return Context.of(lex)
