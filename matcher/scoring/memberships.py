"""Niche memberships: the offers that fill and the needs that fall in each niche, and their refresh."""
# An item's niche fits are computed when it arrives (`of_items`), with the word weights (document
# frequencies) of that moment; a build computes them per niche after all items are in (`of_niche`).
# After a replayed tail the items it did not touch keep their fits of arrival, so an item on the
# 0.45 line may sit on the other side of it than in a fresh build. `refresh` recomputes what a build
# computes, one niche side per read lock, and installs it in one write-locked swap of two references.
from __future__ import annotations

import numpy as np

from matcher.scoring.features import Context
from matcher.scoring.frozen import OverlayMap, fit_map, fits_by_item
from matcher.scoring.index import SideIndex
from matcher.scoring.model import Niche
from matcher.scoring.pairs import PairMatrix, score_pairs
from matcher.scoring.rwlock import RWLock

NICHE_MEMBER_FIT = 0.45     # product fit at which an item counts as being "in" a niche
NICHE_CANDIDATE_CAP = 50_000
SIDE_NAMES = ("needs", "offers")
FIT_CHUNK = 8192            # candidates a refresh scores per read lock


def of_niche(engine, niche_id: int) -> None:
    """Record the niche's members on both sides (a build, a niche upsert)."""
    for side_name in ("offers", "needs"):
        iids, fits = member_fits(engine, niche_id, side_name)
        for iid, fit in zip(iids.tolist(), fits.tolist()):
            engine._store.set_member(niche_id, side_name, iid, fit)


def member_fits(engine, niche_id: int, side_name: str) -> tuple[np.ndarray, np.ndarray]:
    """The items of one side ("offers" or "needs") in the niche, with the word weights of now:
    their iids, sorted, and their fits. Reads only."""
    return fits_among(engine, niche_id, side_name, candidates_of(engine, niche_id, side_name))


def candidates_of(engine, niche_id: int, side_name: str) -> np.ndarray:
    """The items of one side worth scoring against the niche, sorted."""
    s = engine._store
    side = s.offers if side_name == "offers" else s.needs
    return side.candidates(s.niche_side.batch(np.array([s.niche_iid[niche_id]])), NICHE_CANDIDATE_CAP)


def fits_among(engine, niche_id: int, side_name: str, cands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Those of the candidates (sorted iids) in the niche, and their fits. Each pair's fit is worked
    out on its own, so scoring the candidates in parts gives the same fits as all at once."""
    if not len(cands):
        return cands, np.empty(0)
    s = engine._store
    side = s.offers if side_name == "offers" else s.needs
    # the niche plays the need of an offer and the offer of a need
    fit = _fit(engine, s.niche_side, [s.niche_iid[niche_id]], side_name == "offers", side, cands).fit[0]
    inside = fit >= NICHE_MEMBER_FIT
    if side_name == "needs":
        inside &= in_region(s, s.niches[niche_id], side.owner.view()[cands])
    return cands[inside], fit[inside]


def of_items(engine, side: SideIndex, iids: list[int]) -> None:
    """Record the niches that newly indexed items of one side are in (an upsert)."""
    s = engine._store
    if not iids or not s.niches:
        return
    name = "offers" if side is s.offers else "needs"
    niche_iids = np.array(sorted(s.niche_iid.values()), dtype=np.int64)
    # the items are the query; niches play the need for an offer and the offer for a need
    fit = _fit(engine, side, iids, name == "needs", s.niche_side, niche_iids).fit
    owners = s.niche_side.owner.view()[niche_iids]
    for row, iid in enumerate(iids):
        for col in np.flatnonzero(fit[row] >= NICHE_MEMBER_FIT).tolist():
            niche = s.niches[int(owners[col])]
            if name == "needs" and not in_region(s, niche, side.owner.view()[[iid]])[0]:
                continue
            s.set_member(niche.id, name, iid, float(fit[row, col]))


def in_region(store, niche: Niche, slots: np.ndarray) -> np.ndarray:
    """Per company slot: a niche registered for a region is only that region's buyers' loss."""
    if niche.region is None:
        return np.ones(len(slots), dtype=bool)
    return np.asarray(store.region.view()[slots] == niche.region, dtype=bool)


def _fit(engine, q_side: SideIndex, q_iids, q_is_need: bool, c_side: SideIndex, c_iids) -> PairMatrix:
    ctx = Context.of(engine._store.lex, engine._workers)
    return score_pairs(q_side.batch(np.asarray(q_iids, dtype=np.int64)), c_side.batch(c_iids), ctx,
                       engine._weights(None), q_is_need)


# ---- refresh ---------------------------------------------------------------------------------------
class _Stale(Exception):
    """A write reached the engine after the refresh began."""


def refresh(engine, lock: RWLock) -> bool:
    """True when the new memberships are installed; False, with nothing changed, when a write to
    the engine came between the start and the swap (its fits may be stale: call again later)."""
    with lock.read():
        store = engine._store
        writes, niche_ids = store.writes, list(store.niches)

    def step(work, *args):
        with lock.read():       # queries run alongside; a writer waits for one short step at most
            if engine._store is not store or store.writes != writes:
                raise _Stale
            return work(engine, *args)

    try:
        fits = {(nid, side): _scored_in_steps(step, nid, side) for nid in niche_ids for side in SIDE_NAMES}
    except _Stale:
        return False
    members, niches_of = tables(niche_ids, fits)     # private until installed: no lock needed
    with lock.write():
        if engine._store is not store or store.writes != writes:
            return False
        store.members, store.niches_of = members, niches_of
    return True


def _scored_in_steps(step, niche_id: int, side_name: str) -> tuple[np.ndarray, np.ndarray]:
    """member_fits, a read-locked step per FIT_CHUNK candidates (≈ 20 ms at 100,000 profiles,
    where one niche side may have 50,000 candidates and take 150 ms in one piece)."""
    cands = step(candidates_of, niche_id, side_name)
    parts = [step(fits_among, niche_id, side_name, cands[lo: lo + FIT_CHUNK])
             for lo in range(0, len(cands), FIT_CHUNK)]
    return (np.concatenate([iids for iids, _ in parts]), np.concatenate([f for _, f in parts])) if parts \
        else (cands, np.empty(0))


def tables(niche_ids: list[int], fits: dict) -> tuple[dict, dict]:
    """`Store.members` and `Store.niches_of` from every niche side's (sorted iids, fits), kept as
    arrays (as a mapped snapshot keeps them): a few MB at 100,000 profiles rather than a dict each."""
    members = {nid: {side: fit_map(*_as_arrays(*fits[nid, side])) for side in SIDE_NAMES} for nid in niche_ids}
    niches_of = {side: _by_item(niche_ids, [fits[nid, side] for nid in niche_ids]) for side in SIDE_NAMES}
    return members, niches_of


def _by_item(niche_ids: list[int], parts: list[tuple[np.ndarray, np.ndarray]]) -> OverlayMap:
    """The niches of each item of one side, inverted from the niches' members."""
    iids = np.concatenate([np.empty(0, dtype=np.int64)] + [iids for iids, _ in parts]).astype(np.int64)
    fit = np.concatenate([np.empty(0)] + [f for _, f in parts]).astype(np.float64)
    nids = np.repeat(np.array(niche_ids, dtype=np.int64), [len(i) for i, _ in parts])
    order = np.argsort(iids, kind="stable")           # within an item, the niches in their order
    keys, counts = np.unique(iids[order], return_counts=True)
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return fits_by_item(keys, starts, nids[order], fit[order])


def _as_arrays(iids: np.ndarray, fits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return iids.astype(np.int64), fits.astype(np.float64)
