"""Product-fit features, vectorised: each scores query items × candidate items in one pass."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from matcher.scoring import codes
from matcher.scoring.batch import NO_TITLE, Batch
from matcher.scoring.lexicon import Lexicon
from matcher.scoring.vocabulary import similarity

TITLE_BOOST = 1.5          # title words say what the item *is*; description words say more about it
BETA2 = 4.0                # text: F2, covering the need's words matters 4× more than offer focus
CONCEPT_BETA2 = 2.0        # concepts are fewer and coarser: focus weighs more
FUZZ_FLOOR = 0.55          # rapidfuzz ratio below this is what unrelated short strings get anyway
FUZZ_SHARE = 0.2           # share of the raw text score given to the title-level fuzzy ratio
TEXT_FULL_AT = 0.7         # raw text score that already means "clearly the same thing"
# Offer focus is read from its title; words met only in the description count at this share, so
# a one-word need does not look covered by every long description that happens to contain it.
SIDE_FOCUS = 0.5
# A shared chapter or heading held by much of the registry says less than a rare one: its score is
# scaled from this floor (common) to 1 (rare). Subheadings and classes are specific enough as is.
RARITY_FLOOR = 0.75


@dataclass(slots=True)
class Context:
    """Index-wide statistics the features read (IDF, code rarity, concept similarity)."""
    lex: Lexicon
    idf: np.ndarray
    rarity: np.ndarray
    unknown_idf: float
    sim: np.ndarray
    workers: int = 1
    _scratch: np.ndarray | None = None

    def scratch(self) -> np.ndarray:
        """-1 for every key id; callers set a few entries and reset them (one per query)."""
        if self._scratch is None or len(self._scratch) < len(self.idf):
            self._scratch = np.full(len(self.idf), -1, dtype=np.int64)
        return self._scratch

    @classmethod
    def of(cls, lex: Lexicon, workers: int = 1) -> "Context":
        idf, rarity = lex.weights()
        return cls(lex, idf, rarity, lex.idf_of_unknown(), similarity(), workers)


@dataclass(slots=True)
class Scored:
    score: np.ndarray      # (k, m) in 0..1
    avail: np.ndarray      # (k, m) in 0..1: how much of the feature's weight this pair can use


def fbeta(precision: np.ndarray, recall: np.ndarray, beta2: float = BETA2) -> np.ndarray:
    den = beta2 * precision + recall
    return np.divide((1 + beta2) * precision * recall, den, out=np.zeros_like(den), where=den > 0)


def _ratio(num: np.ndarray, den) -> np.ndarray:
    num = np.asarray(num, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=np.asarray(den) > 0)


def _lookup(ctx: Context, keys: np.ndarray, flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions in `flat` whose key occurs in `keys` (distinct ids), ascending, and the position
    in `keys` of each. A scratch array over all key ids makes this one gather instead of a sort and
    a search; the callers then work on the few hits, not on every candidate key."""
    if not len(keys) or not len(flat):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    valid = keys >= 0
    scratch = ctx.scratch()
    scratch[keys[valid]] = np.flatnonzero(valid)
    at = scratch[flat]
    scratch[keys[valid]] = -1
    hit = np.flatnonzero(at >= 0)
    return hit, at[hit]


def text(q: Batch, c: Batch, ctx: Context, q_is_need: bool) -> Scored:
    """Same-language wording overlaps: F2 of need coverage and offer focus over IDF-weighted stems.

    Offer focus is read from the offer's title, so one word never covers a long description;
    blended with rapidfuzz's ratio of the sorted title stems (catches near-identical titles)."""
    k, m = q.n, c.n
    f, ft, seg = c.terms.cols["key"], c.terms.cols["title"], c.terms.seg
    f_idf = ctx.idf[f]
    f_w = f_idf * np.where(ft, TITLE_BOOST, 1.0)
    c_all, c_title = np.bincount(seg, f_w, m), np.bincount(seg, f_idf * ft, m)
    score = np.zeros((k, m))
    for i in range(k):
        row = q.terms.row(i)
        if not len(row["key"]):
            continue
        known = row["key"] >= 0
        q_idf = np.where(known, ctx.idf[np.maximum(row["key"], 0)], ctx.unknown_idf)
        q_w, q_wt = q_idf * np.where(row["title"], TITLE_BOOST, 1.0), q_idf * row["title"]
        hit, qa = _lookup(ctx, row["key"], f)                  # candidate keys the query has
        hseg, h_idf, h_title = seg[hit], f_idf[hit], ft[hit]
        mq_all = np.bincount(hseg, q_w[qa], m)                 # matched, weighted as the query weighs it
        mq_title = np.bincount(hseg, q_wt[qa], m)              # query title words the candidate has
        mc_all = np.bincount(hseg, f_w[hit], m)                # matched, weighted as the candidate does
        mc_title = np.bincount(hseg, h_idf * h_title, m)       # candidate title words the query has
        tt = h_title & row["title"][qa]                         # title word meets title word
        mq_tt, mc_tt = np.bincount(hseg[tt], q_wt[qa[tt]], m), np.bincount(hseg[tt], h_idf[tt], m)
        q_tot, q_ttot = q_w.sum(), q_wt.sum()
        # need coverage (recall) and offer focus (precision: how much of the offer's title, or of
        # all its words, the need talks about), over all words and title against title
        q_cover, c_cover = _ratio(mq_all, q_tot), _ratio(mc_all, c_all)
        q_focus = np.maximum(_ratio(mq_title, q_ttot), SIDE_FOCUS * q_cover)
        c_focus = np.maximum(_ratio(mc_title, c_title), SIDE_FOCUS * c_cover)
        q_tt, c_tt = _ratio(mq_tt, q_ttot), _ratio(mc_tt, c_title)
        if q_is_need:
            lex = np.maximum(fbeta(c_focus, q_cover), fbeta(c_tt, q_tt))
        else:
            lex = np.maximum(fbeta(q_focus, c_cover), fbeta(q_tt, c_tt))
        score[i] = lex
    # ratio of the sorted head stems = token_sort_ratio without re-sorting; below the floor it
    # counts nothing, so rapidfuzz may stop early there
    fuzzy = process.cdist(q.title_keys, c.title_keys, scorer=fuzz.ratio, workers=ctx.workers,
                          dtype=np.float32, score_cutoff=100 * FUZZ_FLOOR) / 100.0
    no_title = np.array([s == NO_TITLE for s in q.title_keys])[:, None]     # "\x00" vs "\x00" is 100
    fuzzy = np.where(no_title, 0.0, np.clip((fuzzy - FUZZ_FLOOR) / (1 - FUZZ_FLOOR), 0, 1))
    raw = (1 - FUZZ_SHARE) * score + FUZZ_SHARE * fuzzy
    has_q, has_c = q.terms.lens > 0, c.terms.lens > 0
    same_lang = (q.lang[:, None] & c.lang[None, :]) > 0
    avail = (has_q[:, None] & has_c[None, :] & same_lang).astype(np.float64)
    return Scored(np.minimum(1.0, raw / TEXT_FULL_AT) * avail, avail)


def concepts(q: Batch, c: Batch, ctx: Context, q_is_need: bool) -> Scored:
    """Both name the same things in the bilingual vocabulary, in any language (RU ↔ EN).

    F2 of the need's concepts found in the offer and the offer's title concepts found in the
    need; a broader or narrower concept counts 0.6, a sibling 0.4."""
    k, m = q.n, c.n
    fc, fw, fh, seg = c.concepts.cols["cid"], c.concepts.cols["w"], c.concepts.cols["head"], c.concepts.seg
    c_tot, c_head_tot = np.bincount(seg, fw, m), np.bincount(seg, fw * fh, m)
    nonempty = c.concepts.lens > 0
    score = np.zeros((k, m))
    for i in range(k):
        row = q.concepts.row(i)
        if not len(row["cid"]) or not len(fc):
            continue
        near = ctx.sim[row["cid"]]                            # (query concepts, every concept)
        # only the candidates' concepts related to a query concept count (similarity is never
        # negative): the rest add zeros to every sum and maximum below
        related = np.flatnonzero(near.max(axis=0)[fc] > 0)
        sim, rseg = near[:, fc[related]], seg[related]         # (query concepts, related flat)
        found = fw[related] * sim.max(axis=0, initial=0.0)    # candidate's concepts found in query
        c_cov = _ratio(np.bincount(rseg, found, m), c_tot)
        c_head = _ratio(np.bincount(rseg, found * fh[related], m), c_head_tot)
        q_best = np.zeros((len(row["cid"]), m), dtype=np.float32)
        for r in range(len(row["cid"])):
            np.maximum.at(q_best[r], rseg, sim[r])
        q_cov = (row["w"] @ q_best) / row["w"].sum()
        head_w = row["w"] * row["head"]
        q_head = (head_w @ q_best) / head_w.sum() if head_w.sum() > 0 else np.zeros(m)
        if q_is_need:
            score[i] = fbeta(np.maximum(c_head, SIDE_FOCUS * c_cov), q_cov, CONCEPT_BETA2)
        else:
            score[i] = fbeta(np.maximum(q_head, SIDE_FOCUS * q_cov), c_cov, CONCEPT_BETA2)
    avail = ((q.concepts.lens > 0)[:, None] & nonempty[None, :]).astype(np.float64)
    return Scored(score, avail)


# Inferred codes restate the text, so they count at a fraction of the declared codes' weight.
AVAILABILITY_ONE_SIDE_INFERRED = 0.5
AVAILABILITY_BOTH_INFERRED = 0.25
# [q_mode][c_mode]: no codes, inferred, declared
_AVAILABILITY = np.array([[0, 0, 0], [0, AVAILABILITY_BOTH_INFERRED, AVAILABILITY_ONE_SIDE_INFERRED],
                          [0, AVAILABILITY_ONE_SIDE_INFERRED, 1.0]])


def _codes(q: Batch, c: Batch, ctx: Context, q_is_need: bool, kind: str) -> Scored:
    qf, cf = (q.hs, c.hs) if kind == codes.HS else (q.nace, c.nace)
    table, bucket = (codes.HS_TABLE, codes.HS_BUCKET) if kind == codes.HS else (codes.NACE_TABLE, codes.NACE_BUCKET)
    k, m = q.n, c.n
    fk, fd, fwhole, seg = cf.cols["key"], cf.cols["depth"], cf.cols["whole"], cf.seg
    score = np.zeros((k, m))
    for i in range(k):
        row = qf.row(i)
        hit, at = _lookup(ctx, row["key"], fk)
        if not len(hit):
            continue
        q_whole, c_whole = row["whole"][at].astype(np.int64), fwhole[hit].astype(np.int64)
        need_w, offer_w = (q_whole, c_whole) if q_is_need else (c_whole, q_whole)
        level = bucket[fd[hit]]
        shallow = level < 2                    # chapter / heading (HS), division / group (NACE)
        rarity = np.where(shallow, RARITY_FLOOR + (1 - RARITY_FLOOR) * ctx.rarity[fk[hit]], 1.0)
        value = table[level, need_w, offer_w] * rarity
        best = np.zeros(m)
        np.maximum.at(best, seg[hit], value)
        score[i] = best
    q_mode = q.hs_mode if kind == codes.HS else q.nace_mode
    c_mode = c.hs_mode if kind == codes.HS else c.nace_mode
    return Scored(score, _AVAILABILITY[q_mode[:, None], c_mode[None, :]])


def hs_codes(q: Batch, c: Batch, ctx: Context, q_is_need: bool) -> Scored:
    """Deepest shared HS / TN VED prefix: chapter < heading < subheading ≤ national line.

    Rare prefixes are worth a little more (IDF over the index's coded items); codes inferred
    from words take part at reduced availability."""
    return _codes(q, c, ctx, q_is_need, codes.HS)


def nace_codes(q: Batch, c: Batch, ctx: Context, q_is_need: bool) -> Scored:
    """Deepest shared NACE / OKVED prefix: division < group < class."""
    return _codes(q, c, ctx, q_is_need, codes.NACE)

