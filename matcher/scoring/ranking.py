"""Company level: candidates → pair scores → best pair per company (+ context) → explained matches."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Collection

import numpy as np

from matcher.scoring import explain, registry
from matcher.scoring.features import Context
from matcher.scoring.index import SideIndex
from matcher.scoring.model import Match, Niche, PairScore, Profile
from matcher.scoring.pairs import PairMatrix, score_pairs
from matcher.scoring.store import Store, prepared

PAIRS_PER_MATCH = 3


@dataclass(slots=True)
class Query:
    q_side: SideIndex
    iids: list[int]
    q_is_need: bool            # the query items are needs (looking for offers) or offers
    c_side: SideIndex
    role_bit: int              # the role a candidate company must hold
    profile: Profile | None = None
    niche: Niche | None = None
    active: bool = True        # False when the asking company lacks the role it asks as
    only: np.ndarray | None = None   # score these candidate items only (score_pair)


def _parties(store: Store, query: Query, slots: np.ndarray) -> tuple[np.ndarray, ...]:
    """(supplier country, supplier region, buyer country, buyer region) of query × each candidate,
    as interned place codes."""
    other = (store.country_code.view()[slots], store.region_code.view()[slots])
    p, niche = query.profile, query.niche

    def const(name: str | None) -> np.ndarray:
        return np.full(len(slots), store.places.get(name, -1), dtype=np.int32)
    if p is not None:
        me = (const((p.country or "").upper()), const(p.region))
        return other + me if query.q_is_need else me + other
    region = niche.region if niche else None
    if query.q_is_need:                       # suppliers for a niche: buyers are where it was left
        return other + (const((region or "RU").split("-")[0].upper()), const(region))
    return (const("BY"), const(None)) + other  # buyers for a niche: judged as corridor buyers


def place_names(store: Store, codes_: tuple) -> tuple:
    names = {v: k for k, v in store.places.items() if k}
    return tuple(names.get(int(c)) for c in codes_)


def _shared_profile_features(store: Store, mine: tuple | None, slot: int, lang: str) -> tuple[dict, dict]:
    """The COMPANY features of the asking company (its facets: `mine`) against one candidate (Python:
    they are only computed for companies that can still reach the top, see rank)."""
    if mine is None:                           # a niche: no company to compare with
        return registry.niche_company_scores(lang)
    return registry.company_scores(mine, store.facets_of(slot), lang)


def rank(store: Store, query: Query, ctx: Context, w: dict[str, float], cap: int, limit: int,
         min_score: float, lang: str = "en", explain: int | Collection[int] | None = None) -> list[Match]:
    """The `limit` best partners; those `explain` picks (None: all; a number: the first that many; a
    set: the partners with those company ids) with their reasons worded — the costly half of a
    query — the others with score and pairs only (nobody will read them)."""
    if limit <= 0:
        return []
    q_iids = np.asarray(query.iids, dtype=np.int64)
    q = query.q_side.batch(q_iids)
    cand = query.only if query.only is not None else query.c_side.candidates(q, cap)
    owners = query.c_side.owner.view()[cand]
    keep = (store.roles.view()[owners] & query.role_bit) > 0
    if query.profile is not None:
        keep &= owners != store.slot_of[query.profile.id]      # a company never matches itself
    cand = cand[keep]
    if not len(cand):
        return []
    c = query.c_side.batch(cand)
    pm = score_pairs(q, c, ctx, w, query.q_is_need)
    scores = registry.pair_scores(registry.Pairs(q, c, query.q_is_need, q_iids, cand, store, query))
    slots, inverse = np.unique(c.owner, return_inverse=True)
    parties = _parties(store, query, slots)
    place = registry.place_scores(parties, code=lambda name: store.places.get(name, -1))
    context_points = registry.pair_points(w, scores, registry.place_points(w, place)[inverse][None, :])
    penalty_points = registry.penalty_points(w, scores)
    # A lower bound of each pair's total (without the company features, which need Python set logic
    # per company): they are added only for companies whose best pair could still reach the top
    # `limit` with their maximum.
    _, _, base = registry.pair_total(pm.product, pm.fit, context_points, penalty_points)
    k, m = base.shape
    owner_flat = np.tile(inverse, k)
    best0 = np.full(len(slots), -np.inf)
    np.maximum.at(best0, owner_flat, base.ravel())
    extra_max = registry.max_company_points(w)
    cut = np.sort(best0)[-limit] if len(best0) >= limit else -np.inf
    hopeful = np.flatnonzero((best0 + extra_max >= cut - 1e-9) & (best0 + extra_max >= min_score - 0.05))
    extra, shared = np.zeros(len(slots)), {}
    mine = registry.company_facets(query.profile) if query.profile is not None else None
    for pos in hopeful.tolist():
        points, details = _shared_profile_features(store, mine, int(slots[pos]), lang)
        extra[pos] = registry.company_points(w, points)
        shared[pos] = (points, details)
    gate, penalty, total = registry.pair_total(pm.product, pm.fit, context_points, penalty_points,
                                               extra[inverse][None, :])

    flat = total.ravel()
    order = np.lexsort((-flat, owner_flat))
    owner_sorted = owner_flat[order]
    starts = np.flatnonzero(np.r_[True, owner_sorted[1:] != owner_sorted[:-1]])
    ends = np.r_[starts[1:], len(order)]
    best = flat[order[starts]]
    company_ids = store.company_id.view()[slots[owner_sorted[starts]]]
    eligible = np.flatnonzero((np.round(best, 1) >= min_score) & (np.round(best, 1) > 0)
                              & np.isin(owner_sorted[starts], hopeful))
    top = eligible[np.lexsort((company_ids[eligible], -np.round(best[eligible], 1)))][:limit]

    matches = []
    for shown, g in enumerate(top.tolist()):
        pair_idx = order[starts[g]: min(ends[g], starts[g] + PAIRS_PER_MATCH)]
        if not worded(explain, shown, int(company_ids[g])):
            matches.append(unexplained(query, q_iids, cand, total, pair_idx, int(company_ids[g])))
            continue
        i, j = divmod(int(pair_idx[0]), m)
        pos = int(inverse[j])
        points, details = shared[pos]
        points = {**{name: float(s[pos]) for name, s in place.items()}, **points}
        details = {**registry.place_details(place_names(store, tuple(col[pos] for col in parties)), lang), **details}
        matches.append(explain_match(store, query, q_iids, cand, pm, scores, gate, total, penalty, w, i, j, pair_idx,
                                     points, details, int(company_ids[g]), lang))
    return matches


def worded(explain: int | Collection[int] | None, position: int, company_id: int) -> bool:
    """Whether rank words the match at `position` (0: the best) of partner `company_id`."""
    if explain is None:
        return True
    if isinstance(explain, int):
        return position < explain
    return company_id in explain


def explain_match(store, query, q_iids, cand, pm: PairMatrix, scores, gate, total, penalty, w, i, j, pair_idx,
                  comp_points, comp_details, company_id, lang: str = "en") -> Match:
    """The match of the company owning candidate j, from its best pair (i, j): each feature's points
    as the registry adds them up, worded, and the company's best pairs."""
    q_iid, c_iid = int(q_iids[i]), int(cand[j])
    pq = prepared(query.q_side.items[q_iid], query.q_side.inferred_of(q_iid))
    pc = prepared(query.c_side.items[c_iid], query.c_side.inferred_of(c_iid))
    pn, po = (pq, pc) if query.q_is_need else (pc, pq)
    need_iid, offer_iid = (int(q_iids[i]), int(cand[j])) if query.q_is_need else (int(cand[j]), int(q_iids[i]))
    view = registry.PairView(pn, po, need_iid, offer_iid, store, query)
    parts = registry.contributions(view, w, {name: float(p[i, j]) for name, p in pm.points.items()}, float(gate[i, j]),
                                   {name: float(s[i, j]) for name, s in scores.items()}, float(penalty[i, j]),
                                   comp_points, comp_details, lang)
    score = float(total[i, j])
    reasons = explain.round_reasons([(n, c, d() if c != 0 else "") for n, c, d in parts], score)
    return Match(company_id, round(score, 1), reasons, best_pairs(query, q_iids, cand, total, pair_idx))


def unexplained(query, q_iids, cand, total, pair_idx, company_id) -> Match:
    """The match as explain_match gives it, without reasons."""
    i, j = divmod(int(pair_idx[0]), total.shape[1])
    return Match(company_id, round(float(total[i, j]), 1), (), best_pairs(query, q_iids, cand, total, pair_idx))


def best_pairs(query, q_iids, cand, total, pair_idx) -> tuple[PairScore, ...]:
    """The company's best offer–need pairs (ids of the stored items, or of the niche)."""
    m, pairs = total.shape[1], []
    q_ids, c_ids = query.q_side.item_id.view(), query.c_side.item_id.view()   # not the records: no decoding
    for idx in pair_idx.tolist():
        pi, pj = divmod(int(idx), m)
        if total[pi, pj] <= 0:
            continue
        qi, cj = int(q_ids[int(q_iids[pi])]), int(c_ids[int(cand[pj])])
        offer_id, need_id = (cj, qi) if query.q_is_need else (qi, cj)
        if query.niche is not None:
            offer_id, need_id = (cj, query.niche.id) if query.q_is_need else (query.niche.id, cj)
        pairs.append(PairScore(offer_id, need_id, round(float(total[pi, pj]), 1)))
    return tuple(pairs)
