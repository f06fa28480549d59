"""The feature registry: every scoring feature once (name, kind, weight, scorer, wording); how to add one below."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

from matcher.scoring import codes, context, explain, features
from matcher.scoring.batch import Batch
from matcher.scoring.prepare import KIND_GOODS, KIND_SERVICE, Prepared
from matcher.scoring.wording import say

# How the registry is read, and how to add a feature.
#
# Weights (their names, defaults and validation), pair scoring, company ranking, mission lists and the
# explanations all read FEATURES below, in its order; a pair's score is added up in one function,
# `pair_total`. The model is nomenklatura's algorithm, a list of `Feature(func, weight)`.
#
# Kinds, and what each one gives a pair (see `pair_total`):
#
# - PRODUCT: what the offer is against what the need is. `score(q, c, ctx, q_is_need) -> Scored` over
#   query × candidate items; the product features share their points by the evidence a pair has
#   (pairs.combine), and their points over their weights are the pair's product *fit* (0..1).
# - PAIR: context of one need–offer pair. `score(pairs: Pairs) -> (k, m)` array in 0..1.
# - PLACE: the two companies' countries and regions (vectorised over candidates).
#   `score(sup_country, sup_region, buy_country, buy_region, code=…)`; `detail(the same as names, lang)`.
# - COMPANY: something both companies declare. `facet(profile) -> frozenset` is what the Store keeps per
#   company; `score(a, b, lang) -> (0..1, detail)` compares two facets (once per distinct pair of sets);
#   `niche(lang) -> (score, detail)` stands in when the query is a niche, which declares nothing.
# - PENALTY: weight ≤ 0, outside the 100 points. `score(pairs: Pairs) -> (k, m)` in 0..1.
#
# PAIR, PLACE and COMPANY points count only as far as the product fits (the gate), so a corridor company
# that sells something else collects no context points; a penalty never takes a pair below zero.
# `detail(view: PairView, lang) -> str` words a PRODUCT, PAIR or PENALTY feature for the pair shown.
#
# Adding a feature is one entry here plus the functions it names. For example a "cooperation_type"
# COMPANY feature over the kinds of cooperation each side declares:
#
#     Feature("cooperation_type", COMPANY, 2.0, context.cooperation,
#             facet=lambda p: context.normalised(p.cooperation_types))
#
# with `context.cooperation(a, b, lang) -> (score, detail)` (its words in wording.py) and the field on
# `model.Profile` (and its record in records.py) that services/matching.py fills. Nothing else in the
# engine changes: the weight names the API accepts, their validation, ranking, mission lists and
# reasons that add up to the score follow from the entry, and snapshots written before it derive the
# new facet from their stored profiles (Store._facet_lists). Positive weights are rescaled to sum to
# 100, so a new positive weight shrinks the others' share: re-measure tests/evaluation (and the web
# wants a label in web/formatting.FEATURE_LABELS).

PRODUCT, PAIR, PLACE, COMPANY, PENALTY = "product", "pair", "place", "company", "penalty"
# Context features scale with product fit up to this fit: a corridor company that sells something
# else must not collect geography points.
CONTEXT_GATE_FIT = 0.5


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    kind: str
    weight: float                    # default points; positives are rescaled to sum to 100
    score: Callable                  # signature by kind, see the notes above
    detail: Callable | None = None   # (view: PairView, lang) -> str; COMPANY features word themselves
    facet: Callable | None = None    # COMPANY: profile -> frozenset the Store keeps per company
    niche: Callable | None = None    # COMPANY: lang -> (score, detail) when the query is a niche
    declared_codes: bool = False     # PRODUCT: its availability says whether declared codes back it

    @property
    def summary(self) -> str:
        """What the feature detects: the first line of its scorer's docstring."""
        return self.score.__doc__.strip().splitlines()[0] if self.score.__doc__ else self.name


@dataclass(slots=True)
class Pairs:
    """What PAIR and PENALTY features read: query × candidate items, their ids, the Store and the query."""
    q: Batch
    c: Batch
    q_is_need: bool
    q_iids: np.ndarray
    c_iids: np.ndarray
    store: object
    query: object                    # ranking.Query: its niche, when the query is one


@dataclass(slots=True)
class PairView:
    """One need–offer pair as an explanation reads it."""
    need: Prepared
    offer: Prepared
    need_iid: int
    offer_iid: int
    store: object
    query: object


def _volume(p: Pairs) -> np.ndarray:
    """The need's annual volume fits within the offer's annual capacity (neutral when unknown)."""
    need, capacity = (p.q.volume[:, None], p.c.volume[None, :]) if p.q_is_need else \
        (p.c.volume[None, :], p.q.volume[:, None])
    return np.broadcast_to(context.volume(need, capacity), (p.q.n, p.c.n))


def _niche(p: Pairs) -> np.ndarray:
    """The offer fills a niche left by a departed firm that the need is in."""
    return context.niche_scores(p.store, p.query, p.q_iids, p.c_iids)


def _service_mismatch(p: Pairs) -> np.ndarray:
    """One side is a service (training, repair, logistics …), the other goods."""
    return ((p.q.kind[:, None] * p.c.kind[None, :]) == KIND_GOODS * KIND_SERVICE).astype(np.float64)


def _neutral_languages(lang: str) -> tuple[float, str]:
    return context.NEUTRAL, say("languages_niche", lang)


FEATURES: tuple[Feature, ...] = (
    Feature("hs_codes", PRODUCT, 30.0, features.hs_codes, declared_codes=True,
            detail=lambda v, lang: explain.code_detail(codes.HS, v.need, v.offer, lang)),
    Feature("nace_codes", PRODUCT, 8.0, features.nace_codes, declared_codes=True,
            detail=lambda v, lang: explain.code_detail(codes.NACE, v.need, v.offer, lang)),
    Feature("text", PRODUCT, 30.0, features.text, lambda v, lang: explain.text_detail(v.need, v.offer, lang)),
    Feature("concepts", PRODUCT, 17.0, features.concepts,
            lambda v, lang: explain.concept_detail(v.need, v.offer, lang)),
    Feature("volume", PAIR, 4.0, _volume,
            lambda v, lang: context.volume_detail(v.need.volume, v.offer.volume, lang)),
    Feature("niche", PAIR, 3.0, _niche,
            lambda v, lang: context.niche_detail(v.store, v.query, v.need_iid, v.offer_iid, lang)),
    Feature("geography", PLACE, 5.0, context.geography, context.geography_detail),
    Feature("certifications", COMPANY, 2.0, context.certifications,
            facet=lambda p: context.normalised(p.certifications), niche=lambda lang: (0.0, "")),
    Feature("languages", COMPANY, 1.0, context.languages,
            facet=lambda p: context.normalised(p.languages), niche=_neutral_languages),
    Feature("service_mismatch", PENALTY, -12.0, _service_mismatch,
            lambda v, lang: explain.kind_detail(v.need, v.offer, lang)),
)

BY_NAME = {f.name: f for f in FEATURES}
NAMES = tuple(BY_NAME)
DEFAULT_WEIGHTS: dict[str, float] = {f.name: f.weight for f in FEATURES}


def of_kind(*kinds: str) -> tuple[Feature, ...]:
    return tuple(f for f in FEATURES if f.kind in kinds)


PRODUCT_FEATURES = of_kind(PRODUCT)
COMPANY_FEATURES = of_kind(COMPANY)
PENALTY_FEATURES = of_kind(PENALTY)
PENALTY_NAMES = frozenset(f.name for f in PENALTY_FEATURES)


def pair_scores(pairs: Pairs) -> dict[str, np.ndarray]:
    """Every PAIR and PENALTY feature of query × candidate items: name -> (k, m) in 0..1."""
    return {f.name: f.score(pairs) for f in FEATURES if f.kind in (PAIR, PENALTY)}


def place_scores(parties: tuple, code) -> dict[str, np.ndarray]:
    """Every PLACE feature of (supplier country, supplier region, buyer country, buyer region) columns
    of interned place codes (`code` interns a name): name -> scores in 0..1."""
    return {f.name: f.score(*parties, code=code) for f in FEATURES if f.kind == PLACE}


def place_points(w: dict[str, float], scores: dict[str, np.ndarray]) -> np.ndarray:
    return sum(w[name] * s for name, s in scores.items())


def place_details(names: tuple, lang: str) -> dict[str, str]:
    """The PLACE features worded for one pair of companies, from their place names."""
    return {f.name: f.detail(*names, lang=lang) for f in FEATURES if f.kind == PLACE}


def pair_points(w: dict[str, float], scores: dict[str, np.ndarray], place_points) -> np.ndarray:
    """Weighted PAIR scores plus the PLACE points: what the gate lets through before company features."""
    return sum(w[f.name] * scores[f.name] for f in FEATURES if f.kind == PAIR) + place_points


def penalty_points(w: dict[str, float], scores: dict[str, np.ndarray]) -> np.ndarray:
    return sum(w[f.name] * scores[f.name] for f in PENALTY_FEATURES)


def company_facets(profile) -> tuple[frozenset, ...]:
    return tuple(f.facet(profile) for f in COMPANY_FEATURES)


@lru_cache(maxsize=4096)
def company_scores(facets_a: tuple[frozenset, ...], facets_b: tuple[frozenset, ...],
                   lang: str) -> tuple[dict, dict]:
    """The COMPANY features of two companies' facets: ({name: score}, {name: detail}). Companies have
    few distinct facet sets, so each pairing is worked out once; callers read the dicts, never change them."""
    points, details = {}, {}
    for f, a, b in zip(COMPANY_FEATURES, facets_a, facets_b):
        points[f.name], details[f.name] = f.score(a, b, lang)
    return points, details


@lru_cache(maxsize=8)
def niche_company_scores(lang: str) -> tuple[dict, dict]:
    """The COMPANY features when the query is a niche (no company to compare with)."""
    found = {f.name: f.niche(lang) for f in COMPANY_FEATURES}
    return {n: s for n, (s, _) in found.items()}, {n: d for n, (_, d) in found.items()}


def company_points(w: dict[str, float], points: dict[str, float]) -> float:
    return sum(w[name] * v for name, v in points.items())


def max_company_points(w: dict[str, float]) -> float:
    return sum(w[f.name] for f in COMPANY_FEATURES)


def pair_total(product: np.ndarray, fit: np.ndarray, context_points, penalty, company=None):
    """The score of each need–offer pair, and the one place a total is made: the product points,
    plus the context points as far as the product fits (gate = fit / CONTEXT_GATE_FIT, at most 1),
    plus the penalties (which never take a pair below zero), capped at 100. Without `company` points
    the total is a lower bound of the total with them (ranking prunes on it).
    Returns (gate, penalty as applied, total)."""
    gate = np.minimum(1.0, fit / CONTEXT_GATE_FIT)
    gained = product + gate * context_points
    if company is not None:
        gained = gained + gate * company
    applied = np.maximum(penalty, -gained)
    return gate, applied, np.minimum(gained + applied, 100.0)


def contributions(view: PairView, w: dict[str, float], product_points: dict[str, float], gate: float,
                  scores: dict[str, float], penalty: float, company: dict[str, float],
                  company_details: dict[str, str], lang: str) -> list[tuple[str, float, Callable]]:
    """Each feature's points in the pair's total, in registry order, with a callable wording it
    (only those that count are worded). `company` and `company_details` hold the PLACE and COMPANY
    features of the two companies."""
    parts = []
    for f in FEATURES:
        if f.kind == PRODUCT:
            parts.append((f.name, product_points[f.name], lambda f=f: f.detail(view, lang)))
        elif f.kind == PAIR:
            parts.append((f.name, gate * w[f.name] * scores[f.name], lambda f=f: f.detail(view, lang)))
        elif f.kind in (PLACE, COMPANY):
            parts.append((f.name, gate * w[f.name] * company[f.name], lambda d=company_details[f.name]: d))
        else:       # the penalty as applied (never below zero), shared by the penalties' raw points
            raw = sum(w[g.name] * scores[g.name] for g in PENALTY_FEATURES)
            share = penalty if len(PENALTY_FEATURES) == 1 else penalty * w[f.name] * scores[f.name] / (raw or 1)
            parts.append((f.name, share, lambda f=f: f.detail(view, lang)))
    return parts
