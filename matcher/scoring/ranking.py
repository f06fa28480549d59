"""Company level: candidates → pair scores → best pair per company (+ context) → explained matches."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from matcher.scoring import codes, context, explain, weights as W
from matcher.scoring.features import Context
from matcher.scoring.index import SideIndex
from matcher.scoring.model import Match, Niche, PairScore, Profile
from matcher.scoring.pairs import PairMatrix, score_pairs
from matcher.scoring.store import Store, prepared
from matcher.scoring.wording import say

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


def niche_scores(store: Store, query: Query, q_iids: np.ndarray, cand: np.ndarray) -> np.ndarray:
    """1 where the need and the offer of a pair fall in the same registered niche."""
    out = np.zeros((len(q_iids), len(cand)))
    if query.niche is not None:
        return out + 1.0
    q_name, c_name = ("needs", "offers") if query.q_is_need else ("offers", "needs")
    for row, iid in enumerate(q_iids.tolist()):
        for nid in store.niches_of[q_name].get(iid, {}):
            members = store.members[nid][c_name]
            if hasattr(members, "contains_many"):          # mapped from a snapshot: vectorised
                out[row] = np.maximum(out[row], members.contains_many(cand))
            else:
                out[row] = np.maximum(out[row], [1.0 if c in members else 0.0 for c in cand.tolist()])
    return out


def _niche_detail(store: Store, query: Query, need_iid: int, offer_iid: int, lang: str) -> str:
    if query.niche is not None:
        return say("fills_niche", lang, names=query.niche.departed_company) if query.q_is_need else \
            say("needs_niche", lang, name=query.niche.departed_company)
    shared = set(store.niches_of["needs"].get(need_iid, {})) & set(store.niches_of["offers"].get(offer_iid, {}))
    names = sorted(store.niches[n].departed_company for n in shared)
    return say("fills_niche", lang, names=", ".join(names)) if names else ""


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


def _shared_profile_features(store: Store, query: Query, slot: int, lang: str) -> tuple[dict, dict]:
    """Certifications and languages of the asking company against one candidate (Python: they
    are only computed for companies that can still reach the top, see rank)."""
    p = query.profile
    if p is None:                              # a niche: no company to compare with
        return {"certifications": 0.0, "languages": context.NEUTRAL}, \
            {"certifications": "", "languages": say("languages_niche", lang)}
    return shared_features(context.normalised(p.certifications), store.certs[slot],
                            context.normalised(p.languages), store.languages[slot], lang)


@lru_cache(maxsize=4096)
def shared_features(certs_a: frozenset, certs_b: frozenset, langs_a: frozenset, langs_b: frozenset,
                     lang: str) -> tuple[dict, dict]:
    """Companies have few distinct certification and language sets: each pairing is worked out once.
    Callers read the dicts, never change them."""
    certs, cert_d = context.certifications(certs_a, certs_b, lang)
    langs, lang_d = context.languages(langs_a, langs_b, lang)
    return {"certifications": certs, "languages": langs}, {"certifications": cert_d, "languages": lang_d}


def rank(store: Store, query: Query, ctx: Context, w: dict[str, float], cap: int, limit: int,
         min_score: float, lang: str = "en") -> list[Match]:
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
    niche = niche_scores(store, query, q_iids, cand)
    slots, inverse = np.unique(c.owner, return_inverse=True)
    parties = _parties(store, query, slots)
    geo = context.geography(*parties, code=lambda name: store.places.get(name, -1))
    gate = np.minimum(1.0, pm.fit / W.CONTEXT_GATE_FIT)
    context_points = w["volume"] * pm.volume + w["niche"] * niche + (w["geography"] * geo)[inverse][None, :]
    gained = pm.product + gate * context_points

    # Certifications and languages need Python set logic per company, so they are added only for
    # companies whose best pair could still reach the top `limit` with their maximum.
    k, m = gained.shape
    owner_flat = np.tile(inverse, k)
    base = np.maximum(gained + w["service_mismatch"] * pm.mismatch, 0.0)    # a lower bound of the total
    best0 = np.full(len(slots), -np.inf)
    np.maximum.at(best0, owner_flat, base.ravel())
    extra_max = w["certifications"] + w["languages"]
    cut = np.sort(best0)[-limit] if len(best0) >= limit else -np.inf
    hopeful = np.flatnonzero((best0 + extra_max >= cut - 1e-9) & (best0 + extra_max >= min_score - 0.05))
    extra, shared = np.zeros(len(slots)), {}
    for pos in hopeful.tolist():
        points, details = _shared_profile_features(store, query, int(slots[pos]), lang)
        extra[pos] = sum(w[name] * v for name, v in points.items())
        shared[pos] = (points, details)
    gained = gained + gate * extra[inverse][None, :]
    penalty = np.maximum(w["service_mismatch"] * pm.mismatch, -gained)     # never below zero
    total = np.minimum(gained + penalty, 100.0)

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
    for g in top.tolist():
        pair_idx = order[starts[g]: min(ends[g], starts[g] + PAIRS_PER_MATCH)]
        i, j = divmod(int(pair_idx[0]), m)
        pos = int(inverse[j])
        points, details = shared[pos]
        points = {"geography": float(geo[pos]), **points}
        names = place_names(store, tuple(col[pos] for col in parties))
        details = {"geography": context.geography_detail(*names, lang=lang), **details}
        matches.append(explain_match(store, query, q_iids, cand, pm, niche, gate, total, penalty, w, i, j, pair_idx,
                                     points, details, int(company_ids[g]), lang))
    return matches


def explain_match(store, query, q_iids, cand, pm: PairMatrix, niche, gate, total, penalty, w, i, j, pair_idx,
                  comp_points, comp_details, company_id, lang: str = "en") -> Match:
    m = total.shape[1]
    q_iid, c_iid = int(q_iids[i]), int(cand[j])
    pq = prepared(query.q_side.items[q_iid], query.q_side.inferred_of(q_iid))
    pc = prepared(query.c_side.items[c_iid], query.c_side.inferred_of(c_iid))
    pn, po = (pq, pc) if query.q_is_need else (pc, pq)
    details = {"text": lambda: explain.text_detail(pn, po, lang),
               "concepts": lambda: explain.concept_detail(pn, po, lang),
               "hs_codes": lambda: explain.code_detail(codes.HS, pn, po, lang),
               "nace_codes": lambda: explain.code_detail(codes.NACE, pn, po, lang)}
    parts = [(name, float(pm.points[name][i, j]), details[name]) for name in W.PRODUCT_FEATURES]
    g = float(gate[i, j])
    need_iid, offer_iid = (int(q_iids[i]), int(cand[j])) if query.q_is_need else (int(cand[j]), int(q_iids[i]))
    parts.append(("volume", g * w["volume"] * float(pm.volume[i, j]),
                  lambda: context.volume_detail(pn.volume, po.volume, lang)))
    parts.append(("niche", g * w["niche"] * float(niche[i, j]),
                  lambda: _niche_detail(store, query, need_iid, offer_iid, lang)))
    for name in W.COMPANY_FEATURES:
        parts.append((name, g * w[name] * comp_points[name], (lambda d=comp_details[name]: d)))
    parts.append(("service_mismatch", float(penalty[i, j]), lambda: explain.kind_detail(pn, po, lang)))
    score = float(total[i, j])
    reasons = explain.round_reasons([(n, c, d() if c != 0 else "") for n, c, d in parts], score)
    pairs = []
    for idx in pair_idx.tolist():
        pi, pj = divmod(int(idx), m)
        if total[pi, pj] <= 0:
            continue
        qi, cj = query.q_side.items[int(q_iids[pi])], query.c_side.items[int(cand[pj])]
        offer_id, need_id = (cj.id, qi.id) if query.q_is_need else (qi.id, cj.id)
        if query.niche is not None:
            offer_id, need_id = (cj.id, query.niche.id) if query.q_is_need else (query.niche.id, cj.id)
        pairs.append(PairScore(offer_id, need_id, round(float(total[pi, pj]), 1)))
    return Match(company_id, round(score, 1), reasons, tuple(pairs))
