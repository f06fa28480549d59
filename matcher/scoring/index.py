"""One side of the market (offers, needs or niches): packed item data plus an inverted index."""
from __future__ import annotations

import numpy as np

from matcher.scoring import codes
from matcher.scoring.batch import NO_TITLE, Batch, Flat, code_rows, concept_rows, term_rows
from matcher.scoring.lexicon import Lexicon
from matcher.scoring.model import Item
from matcher.scoring.postings import Postings
from matcher.scoring.prepare import MODE_DECLARED, Prepared
from matcher.scoring.ragged import Column, Ragged

# Prefilter points per matched key (times IDF for stems). Cheap, only decides who gets scored.
_HS_KEY_POINTS = np.array([0, 0, 0.5, 0.5, 3, 3, 4, 4, 4, 4, 4], dtype=np.float32)
_NACE_KEY_POINTS = np.array([0, 0, 0.3, 1, 1.5, 1.5, 1.5], dtype=np.float32)
_CONCEPT_KEY_POINTS = 3.0
_TITLE_TERM_BOOST = 1.5
COMMON_SHARE, COMMON_MIN = 0.05, 200   # keys in more items than this generate no candidates
SIDE_MENTION = 0.3                     # a key met only in a description or inferred counts this much


class SideIndex:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.terms = Ragged(key=np.int32, title=np.bool_)
        code_cols = {"key": np.int32, "depth": np.int8, "whole": np.bool_}
        self.hs, self.nace = Ragged(**code_cols), Ragged(**code_cols)
        self.concepts = Ragged(cid=np.int32, w=np.float32, head=np.bool_)
        self.alive, self.owner, self.item_id = Column(np.bool_), Column(np.int32), Column(np.int64)
        self.hs_mode, self.nace_mode, self.lang = Column(np.int8), Column(np.int8), Column(np.int8)
        self.kind = Column(np.int8)
        self.volume = Column(np.float64, fill=np.nan)
        self.title_keys = Column(object, fill=NO_TITLE)
        self.items: list[Item | None] = []          # the original item of each iid, for explanations
        # and the codes the classifier inferred for it, as (key, words) pairs (None: none), so that
        # an explanation re-prepares the item without asking the classifier again
        self.inferred: list[tuple[tuple[str, str], ...] | None] = []
        self.postings = Postings()
        self.live = 0

    @property
    def size(self) -> int:
        return self.alive.size

    def add(self, p: Prepared, owner: int) -> int:
        iid = self.size
        terms = term_rows(self.lex, p, intern=True)
        hs = code_rows(self.lex, codes.HS, p.hs, intern=True)
        nace = code_rows(self.lex, codes.NACE, p.nace, intern=True)
        concept_keys = [self.lex.intern(f"c:{cid}") for cid in p.concepts]
        self.terms.append(**terms)
        self.hs.append(**hs)
        self.nace.append(**nace)
        self.concepts.append(**concept_rows(p))
        for column, value in ((self.alive, True), (self.owner, owner), (self.item_id, p.item.id),
                              (self.hs_mode, p.hs_mode if hs["key"] else 0),
                              (self.nace_mode, p.nace_mode if nace["key"] else 0), (self.lang, p.lang),
                              (self.kind, p.kind),
                              (self.volume, p.volume if p.volume else np.nan)):
            column.append(value)
        self.title_keys.append(p.title_key or NO_TITLE)
        self.items.append(p.item)
        self.inferred.append(tuple(p.inferred_from.items()) or None)
        # Each posting is iid*2 + 1 when the key defines the item (a title word, a title concept, a
        # declared code) and iid*2 for a side mention, so the prefilter can favour focused items.
        defining = dict(zip(terms["key"], terms["title"]))
        defining.update({k: p.hs_mode == MODE_DECLARED for k in hs["key"]})
        defining.update({k: p.nace_mode == MODE_DECLARED for k in nace["key"]})
        defining.update({k: c in p.head_concepts for k, c in zip(concept_keys, p.concepts)})
        for kid, flag in defining.items():
            self.postings.add(kid, 2 * iid + bool(flag))
        keys = np.unique(np.array(list(defining), dtype=np.int32))
        self.lex.count(keys, +1, coded=bool(hs["key"] or nace["key"]))
        self.live += 1
        return iid

    def remove(self, iid: int) -> None:
        if not self.alive.view()[iid]:
            return
        self.alive[iid] = False
        self.items[iid] = None
        self.inferred[iid] = None
        rows = [self.terms.row(iid)["key"], self.hs.row(iid)["key"], self.nace.row(iid)["key"]]
        concept_keys = [self.lex.get(f"c:{c}") for c in self.concepts.row(iid)["cid"].tolist()]
        keys = np.unique(np.concatenate(rows + [np.array(concept_keys, dtype=np.int32)]))
        self.lex.count(keys, -1, coded=bool(len(rows[1]) or len(rows[2])))
        self.live -= 1

    def inferred_of(self, iid: int) -> tuple[tuple[str, str], ...]:
        """What `prepare(item, inferred)` takes to re-prepare item `iid` without the classifier."""
        return self.inferred[iid] or ()

    @property
    def dead_share(self) -> float:
        return 1.0 - self.live / self.size if self.size else 0.0

    def batch(self, iids: np.ndarray) -> Batch:
        def flat(r: Ragged) -> Flat:
            cols, seg, lens = r.gather(iids)
            return Flat(cols, seg, lens)
        return Batch(len(iids), flat(self.terms), flat(self.hs), flat(self.nace), flat(self.concepts),
                     self.hs_mode.view()[iids], self.nace_mode.view()[iids], self.lang.view()[iids],
                     self.volume.view()[iids], _take(self.title_keys, iids),
                     self.owner.view()[iids], self.item_id.view()[iids], self.kind.view()[iids])

    def candidates(self, query: Batch, cap: int) -> np.ndarray:
        """Live items sharing a rare-enough key with any query item, best `cap` per query item by
        a cheap sum of key points; the union over query items, sorted."""
        if not self.size or not query.n:
            return np.empty(0, dtype=np.int64)
        idf, _ = self.lex.weights()
        df = self.lex.df.view()
        common = max(COMMON_MIN, COMMON_SHARE * self.lex.docs)
        alive = self.alive.view()
        chosen: list[np.ndarray] = []
        per_item = max(cap // query.n, 50)
        for i in range(query.n):
            keys, points = self._query_keys(query, i, idf)
            usable = (keys >= 0) & (df[np.maximum(keys, 0)] <= common)
            if not usable.any():                   # only common words: use them rather than nothing
                usable = keys >= 0
            lists = [self.postings.get(k) for k in keys[usable].tolist()]
            pts = points[usable]
            arrays = [np.frombuffer(p, dtype=np.int32) for p in lists if p is not None]
            if not arrays:
                continue
            sizes = np.array([len(p) if p is not None else 0 for p in lists])
            flat = np.concatenate(arrays)
            weight = np.repeat(pts, sizes) * np.where(flat & 1, 1.0, SIDE_MENTION)
            hit, score = _summed(flat >> 1, weight, self.size)
            keep = (score != 0) & alive[hit]
            hit, score = hit[keep], score[keep]
            if len(hit) > per_item:
                hit = hit[np.argpartition(-score, per_item)[:per_item]]
            chosen.append(hit)
        return np.unique(np.concatenate(chosen)) if chosen else np.empty(0, dtype=np.int64)

    def _query_keys(self, q: Batch, i: int, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        t, h, n, c = q.terms.row(i), q.hs.row(i), q.nace.row(i), q.concepts.row(i)
        t_points = idf[np.maximum(t["key"], 0)] * np.where(t["title"], _TITLE_TERM_BOOST, 1.0)
        c_keys = np.array([self.lex.get(f"c:{cid}") for cid in c["cid"].tolist()], dtype=np.int32)
        return (np.concatenate([t["key"], h["key"], n["key"], c_keys]),
                np.concatenate([t_points, _HS_KEY_POINTS[h["depth"]], _NACE_KEY_POINTS[n["depth"]],
                                _CONCEPT_KEY_POINTS * c["w"]]).astype(np.float64))


def _summed(items: np.ndarray, weight: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The items named (ascending) and their summed weights. Summed over those items when they are
    few against the side — at a million profiles an array over the whole side per query item was a
    third of a query — else over the side; the same sums either way (same order of addition)."""
    if len(items) * 8 < size:
        named, at = np.unique(items, return_inverse=True)
        return named, np.bincount(at, weights=weight, minlength=len(named))
    score = np.bincount(items, weights=weight, minlength=size)
    named = np.flatnonzero(score)
    return named, score[named]


def _take(column, rows: np.ndarray) -> np.ndarray:
    """Rows of an object column, in memory or mapped from a snapshot (frozen.TextColumn)."""
    return column.take(rows) if hasattr(column, "take") else column.view()[rows]
