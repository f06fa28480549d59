"""Mission lists: every supplier × buyer pair among a set of companies, scored in one vectorised pass."""
from __future__ import annotations

import numpy as np

from matcher.scoring import registry
from matcher.scoring.features import Context
from matcher.scoring.model import Match
from matcher.scoring.pairs import score_pairs
from matcher.scoring.ranking import PAIRS_PER_MATCH, Query, explain_match, place_names
from matcher.scoring.store import SUPPLIER, Store

MAX_ROWS = 512      # needs scored per pass: bounds the (needs × offers) matrices for large sets


def pairs_among(store: Store, company_ids, ctx: Context, w: dict[str, float], min_score: float,
                per_company: int | None = None, allow=None, lang: str = "en") -> list[tuple[int, int, Match]]:
    """(supplier id, buyer id, match) best first (ties: supplier id, buyer id). `allow(s, b)` drops
    pairs; `per_company` keeps at most that many pairs per company, counting both sides of a
    company that sells and buys, greedily from the best. Only the kept pairs are explained."""
    ids = list(dict.fromkeys(int(c) for c in company_ids))
    profiles = [store.profiles[c] for c in ids]          # KeyError for an unknown id, as score_pair
    suppliers = [p.id for p in profiles if "supplier" in p.roles]
    buyers = [p.id for p in profiles if "buyer" in p.roles]
    if not suppliers or not buyers:
        return []
    offers = [store.items_of[s][0] for s in suppliers]
    offer_iids = np.array([i for row in offers for i in row], dtype=np.int64)
    offer_starts = np.cumsum([0] + [len(r) for r in offers])
    c = store.offers.batch(offer_iids) if len(offer_iids) else None
    sup_slots = np.array([store.slot_of[s] for s in suppliers], dtype=np.int64)

    scored: list[tuple[float, int, int, _Chunk, int, int]] = []
    chunk: list[int] = []
    rows = 0
    for b in buyers + [None]:
        size = len(store.items_of[b][1]) if b is not None else 0
        if chunk and (b is None or rows + size > MAX_ROWS):
            part = _Chunk(store, chunk, suppliers, sup_slots, offer_iids, offer_starts, c, ctx, w, lang)
            scored += part.best(min_score)
            chunk, rows = [], 0
        if b is not None:
            chunk.append(b)
            rows += size
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    count: dict[int, int] = {}
    out = []
    for score, s, b, part, bi, si in scored:
        if allow is not None and not allow(s, b):
            continue
        if per_company is not None:
            if count.get(s, 0) >= per_company or count.get(b, 0) >= per_company:
                continue
            count[s], count[b] = count.get(s, 0) + 1, count.get(b, 0) + 1
        # a pair that scores nothing is still a pair score_pair answers (with 0.0 and no reasons)
        out.append((s, b, part.explain(bi, si) if score > 0 else Match(s, 0.0, (), ())))
    return out


class _Chunk:
    """Some buyers' needs × all the suppliers' offers: the same features and the same `registry.pair_total`
    as `ranking.rank`, so each pair gets exactly the score and reasons `MatchEngine.score_pair` gives it
    (a test checks this)."""

    def __init__(self, store: Store, buyers: list[int], suppliers: list[int], sup_slots, offer_iids, offer_starts,
                 c, ctx: Context, w: dict[str, float], lang: str):
        self.store, self.buyers, self.suppliers, self.w, self.lang = store, buyers, suppliers, w, lang
        needs = [store.items_of[b][1] for b in buyers]
        self.need_iids = np.array([i for row in needs for i in row], dtype=np.int64)
        self.need_starts = np.cumsum([0] + [len(r) for r in needs])
        self.offer_starts, self.offer_iids = offer_starts, offer_iids
        buy_slots = np.array([store.slot_of[b] for b in buyers], dtype=np.int64)
        self.buy_slots, self.sup_slots = buy_slots, sup_slots
        if not len(self.need_iids) or c is None:
            self.total = None
            return
        self.query = Query(store.needs, self.need_iids.tolist(), True, store.offers, SUPPLIER)
        q = store.needs.batch(self.need_iids)
        pm = self.pm = score_pairs(q, c, ctx, w, True)
        self.scores = registry.pair_scores(registry.Pairs(q, c, True, self.need_iids, offer_iids, store, self.query))
        # the company of each row (buyer position) and column (supplier position)
        row_b = np.repeat(np.arange(len(buyers)), np.diff(self.need_starts))
        col_s = np.repeat(np.arange(len(suppliers)), np.diff(offer_starts))
        cc, rc = store.country_code.view(), store.region_code.view()
        self.parties = (cc[sup_slots][col_s][None, :], rc[sup_slots][col_s][None, :],
                        cc[buy_slots][row_b][:, None], rc[buy_slots][row_b][:, None])
        place = registry.place_scores(self.parties, code=lambda name: store.places.get(name, -1))
        self.place = {name: np.broadcast_to(s, pm.fit.shape) for name, s in place.items()}
        context_points = registry.pair_points(w, self.scores, registry.place_points(w, self.place))
        # the company features: Python set logic, once per distinct pair of company facets
        kinds: dict[tuple, int] = {}
        facets = store.facets_of
        kb = np.array([kinds.setdefault(facets(x), len(kinds)) for x in buy_slots.tolist()])
        ks = np.array([kinds.setdefault(facets(x), len(kinds)) for x in sup_slots.tolist()])
        combos, inverse = np.unique(kb[:, None] * len(kinds) + ks[None, :], return_inverse=True)
        slot_of_kind = {k: x for x, k in zip(buy_slots.tolist() + sup_slots.tolist(), kb.tolist() + ks.tolist())}
        values = [registry.company_points(w, self._shared(slot_of_kind[b], slot_of_kind[k])[0])
                  for b, k in (divmod(int(x), len(kinds)) for x in combos)]
        extra = np.array(values)[inverse.reshape(len(buyers), len(suppliers))]
        self.gate, self.penalty, self.total = registry.pair_total(
            pm.product, pm.fit, context_points, registry.penalty_points(w, self.scores), extra[row_b][:, col_s])
        pm.scores = {}              # raw feature scores: not needed to explain, and chunks live until the end

    def _block(self, bi: int, si: int) -> tuple[int, int, int, int]:
        return (int(self.need_starts[bi]), int(self.need_starts[bi + 1]),
                int(self.offer_starts[si]), int(self.offer_starts[si + 1]))

    def best(self, min_score: float) -> list[tuple[float, int, int, "_Chunk", int, int]]:
        """(rounded best pair score, supplier, buyer, self, buyer pos, supplier pos) of each pair
        reaching min_score; pairs with nothing to compare or nothing in common score 0."""
        best = np.zeros((len(self.buyers), len(self.suppliers)))
        rows, cols = np.diff(self.need_starts) > 0, np.diff(self.offer_starts) > 0
        if self.total is not None and rows.any() and cols.any():
            by_row = np.maximum.reduceat(self.total, self.need_starts[:-1][rows], axis=0)
            best[np.ix_(rows, cols)] = np.maximum.reduceat(by_row, self.offer_starts[:-1][cols], axis=1)
        # rank() decides "scores something" on numpy's rounding and Match.score uses Python's: mirror both
        positive = np.round(best, 1) > 0
        out = []
        for bi, si in zip(*np.nonzero(best >= min_score - 0.1)):
            s, b = self.suppliers[si], self.buyers[bi]
            score = round(float(best[bi, si]), 1) if positive[bi, si] else 0.0
            if s != b and score >= min_score:
                out.append((score, s, b, self, int(bi), int(si)))
        return out

    def _shared(self, buyer_slot: int, supplier_slot: int) -> tuple[dict, dict]:
        return registry.company_scores(self.store.facets_of(buyer_slot), self.store.facets_of(supplier_slot), self.lang)

    def explain(self, bi: int, si: int) -> Match:
        r0, r1, c0, c1 = self._block(bi, si)
        block = self.total[r0:r1, c0:c1]
        m = self.total.shape[1]
        local = np.argsort(-block.ravel(), kind="stable")[:PAIRS_PER_MATCH]   # ties: need, then offer order
        li, lj = np.divmod(local, c1 - c0)
        pair_idx = (r0 + li) * m + (c0 + lj)
        i, j = int(r0 + li[0]), int(c0 + lj[0])
        points, details = self._shared(int(self.buy_slots[bi]), int(self.sup_slots[si]))
        points = {**{name: float(s[i, j]) for name, s in self.place.items()}, **points}
        names = place_names(self.store, (self.parties[0][0, j], self.parties[1][0, j],
                                         self.parties[2][i, 0], self.parties[3][i, 0]))
        details = {**registry.place_details(names, self.lang), **details}
        return explain_match(self.store, self.query, self.need_iids, self.offer_iids, self.pm, self.scores, self.gate,
                             self.total, self.penalty, self.w, i, j, pair_idx, points, details, self.suppliers[si],
                             self.lang)
