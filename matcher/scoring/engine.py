"""MatchEngine: the public API — build, incremental upserts, and ranked, explained matches."""
from __future__ import annotations

from typing import Callable, Collection, Iterable, Mapping

import numpy as np

from matcher.scoring import among, memberships, weights as W, wording
from matcher.scoring.features import Context
from matcher.scoring.lists import many_lists
from matcher.scoring.model import Match, Niche, Profile
from matcher.scoring.ranking import Query, rank
from matcher.scoring.rwlock import RWLock
from matcher.scoring.store import BUYER, SUPPLIER, Store

CANDIDATE_CAP = 2000        # items scored per query after the cheap prefilter


class MatchEngine:
    def __init__(self, weights: Mapping[str, float] | None = None, *, candidate_cap: int = CANDIDATE_CAP,
                 workers: int = 1):
        W.resolve(W.DEFAULT_WEIGHTS, weights)            # validates names and values, raises early
        self._table = {**W.DEFAULT_WEIGHTS, **(weights or {})}
        self._cap, self._workers = candidate_cap, workers
        self._lock = RWLock()
        self._store = Store()
        self.compact = True       # off over a snapshot (a new one compacts)

    @classmethod
    def over(cls, store: Store, **options) -> "MatchEngine":
        """An engine over a mapped snapshot's Store."""
        engine = cls(**options)
        engine._store, engine.compact = store, False
        return engine

    def write_snapshot(self, directory, meta: dict) -> None:
        """The index into an empty directory."""
        from matcher.scoring import snapshot
        with self._lock.read():
            snapshot.write(self._store, directory, meta)

    def replay(self, profiles: Iterable[Profile] = (), removed: Iterable[int] = (), *,
               refresh_niches: bool = False) -> None:
        """Upserts and removals in short write-locked steps. The niche memberships of the items the
        tail did not touch keep the fits of when those items arrived; with `refresh_niches` (and
        anything replayed) they are then recomputed, so the engine answers exactly like a fresh
        build of the same registry. That costs as much as a build's membership step (≈ 1 s at
        100,000 profiles; see refresh_niches), so a request's short replay leaves it out."""
        from matcher.scoring.replay import replay
        profiles, removed = list(profiles), list(removed)
        replay(self, self._lock, profiles, removed)
        if refresh_niches and (profiles or removed):
            self.refresh_niches()

    def refresh_niches(self) -> bool:
        """Recompute every niche's members with the word weights of now, exactly as a build does
        after all items are in (an item's fits are otherwise those of when it arrived).

        Queries go on meanwhile: each niche side is scored under the read lock, and the new tables
        are installed under the write lock in a swap of two references. Other writes may run
        concurrently: if any reaches the engine before the swap, nothing is installed and False is
        returned (the work is stale; call again), so the caller needs no lock of its own. True when
        installed."""
        return memberships.refresh(self, self._lock)

    # ---- writes ----
    def build(self, profiles: Iterable[Profile], niches: Iterable[Niche] = (), *, processes: int = 1) -> None:
        with self._lock.write():
            self._build(list(profiles), list(niches), processes)

    def upsert_profile(self, profile: Profile) -> None:
        with self._lock.write():
            self._upsert(profile)
            self._compact_if_needed()

    def _upsert(self, profile: Profile, ready=None) -> None:
        s = self._store
        if profile.id in s.profiles:
            s.remove_profile(profile.id)
        offers, needs = s.add_profile(profile, ready)
        for side, iids in ((s.offers, offers), (s.needs, needs)):
            memberships.of_items(self, side, iids)

    def remove_profile(self, company_id: int) -> None:
        with self._lock.write():
            self._store.remove_profile(company_id)          # KeyError for an unknown id
            self._compact_if_needed()

    def upsert_niche(self, niche: Niche) -> None:
        with self._lock.write():
            if niche.id in self._store.niches:
                self._store.remove_niche(niche.id)
            self._store.add_niche(niche)
            memberships.of_niche(self, niche.id)

    def remove_niche(self, niche_id: int) -> None:
        with self._lock.write():
            self._store.remove_niche(niche_id)

    # ---- reads ----
    def suppliers_for_buyer(self, company_id: int, *, limit: int = 20, min_score: float = 0.0,
                            weights: Mapping[str, float] | None = None, lang: str = "en", explain: int | Collection[int] | None = None) -> list:
        with self._lock.read():
            return self._partners(company_id, "buyer", limit, min_score, weights, lang, explain)

    def buyers_for_supplier(self, company_id: int, *, limit: int = 20, min_score: float = 0.0,
                            weights: Mapping[str, float] | None = None, lang: str = "en", explain: int | Collection[int] | None = None) -> list:
        with self._lock.read():
            return self._partners(company_id, "supplier", limit, min_score, weights, lang, explain)

    def suppliers_for_buyers(self, company_ids: Iterable[int], *, limit: int = 20, min_score: float = 0.0,
                             weights: Mapping[str, float] | None = None, lang: str = "en",
                             processes: int = 1, explain: int | Collection[int] | None = None) -> dict[int, list[Match]]:
        """`suppliers_for_buyer` for many buyers at once (a mission's or a registry's lists):
        company id -> its list. With `processes` > 1 the lists are built in that many forked
        worker processes (where the platform forks), which share the index copy-on-write. Only
        the matches `explain` picks in each list (see ranking.rank) get worded reasons: those shown."""
        return self._many(list(company_ids), "buyer", (limit, min_score, weights, lang, explain), processes)

    def buyers_for_suppliers(self, company_ids: Iterable[int], *, limit: int = 20, min_score: float = 0.0,
                             weights: Mapping[str, float] | None = None, lang: str = "en",
                             processes: int = 1, explain: int | Collection[int] | None = None) -> dict[int, list[Match]]:
        """`buyers_for_supplier` for many suppliers at once; see suppliers_for_buyers."""
        return self._many(list(company_ids), "supplier", (limit, min_score, weights, lang, explain), processes)

    def suppliers_for_niche(self, niche_id: int, *, limit: int = 20, min_score: float = 0.0,
                            weights: Mapping[str, float] | None = None, lang: str = "en") -> list:
        with self._lock.read():
            s = self._store
            return self._rank(Query(s.niche_side, [s.niche_iid[niche_id]], True, s.offers, SUPPLIER,
                                    niche=s.niches[niche_id]), limit, min_score, weights, lang)

    def buyers_for_niche(self, niche_id: int, *, limit: int = 20, min_score: float = 0.0,
                         weights: Mapping[str, float] | None = None, lang: str = "en") -> list:
        """Buyers whose needs the niche covers: those who lost that supplier."""
        with self._lock.read():
            s = self._store
            return self._rank(Query(s.niche_side, [s.niche_iid[niche_id]], False, s.needs, BUYER,
                                    niche=s.niches[niche_id]), limit, min_score, weights, lang)

    def score_pair(self, supplier_id: int, buyer_id: int, *, weights: Mapping[str, float] | None = None,
                   lang: str = "en") -> Match | None:
        """The match of one supplier with one buyer (trade-mission lists); None when excluded
        (same company, or missing supplier / buyer role)."""
        with self._lock.read():
            s = self._store
            supplier, buyer = s.profiles[supplier_id], s.profiles[buyer_id]
            if supplier_id == buyer_id or "supplier" not in supplier.roles or "buyer" not in buyer.roles:
                return None
            query = Query(s.needs, s.items_of[buyer_id][1], True, s.offers, SUPPLIER, profile=buyer,
                          only=np.array(s.items_of[supplier_id][0], dtype=np.int64))
            found = self._rank(query, 1, 0.0, weights, lang)
            return found[0] if found else Match(supplier_id, 0.0, (), ())

    def pairs_among(self, company_ids: Iterable[int], *, min_score: float = 0.0,
                    weights: Mapping[str, float] | None = None, per_company: int | None = None,
                    allow: Callable[[int, int], bool] | None = None,
                    lang: str = "en") -> list[tuple[int, int, Match]]:
        """Every supplier × buyer pair among the companies (a trade mission's participants) scoring
        at least `min_score`, as (supplier id, buyer id, match), best first (ties: supplier id, then
        buyer id). `allow(supplier_id, buyer_id)` drops pairs; `per_company` keeps at most that many
        pairs per company (both sides of a company that sells and buys counted), best first.

        One vectorised pass over all their needs × offers; each match is exactly what `score_pair`
        gives for that pair (0.0 without reasons when nothing is in common). A company never pairs
        with itself; unknown ids raise KeyError."""
        lang = wording.checked(lang)
        with self._lock.read():
            w = self._weights(weights)
            ctx = Context.of(self._store.lex, self._workers)
            return among.pairs_among(self._store, company_ids, ctx, w, min_score, per_company, allow, lang)

    def niches_of_company(self, company_id: int) -> dict[int, float]:
        """Niches the company's offers fill or its needs fall in: niche id -> best product fit."""
        with self._lock.read():
            s = self._store
            offers, needs = s.items_of[company_id]
            found: dict[int, float] = {}
            for side, iids in (("offers", offers), ("needs", needs)):
                for iid in iids:
                    for nid, fit in s.niches_of[side].get(iid, {}).items():
                        found[nid] = max(found.get(nid, 0.0), fit)
            return found

    def __len__(self) -> int:
        return len(self._store.profiles)

    def __contains__(self, company_id: object) -> bool:
        return company_id in self._store.profiles

    # ---- internals ----
    def _partners(self, company_id: int, as_role: str, limit, min_score, weights, lang, explain=None) -> list[Match]:
        """Ranked partners of one company looking as a buyer or as a supplier (no locking)."""
        s = self._store
        profile = s.profiles[company_id]
        if as_role == "buyer":
            query = Query(s.needs, s.items_of[company_id][1], True, s.offers, SUPPLIER, profile=profile,
                          active="buyer" in profile.roles)
        else:
            query = Query(s.offers, s.items_of[company_id][0], False, s.needs, BUYER, profile=profile,
                          active="supplier" in profile.roles)
        return self._rank(query, limit, min_score, weights, lang, explain)

    def _many(self, ids: list[int], as_role: str, args: tuple, processes: int) -> dict[int, list[Match]]:
        wording.checked(args[3])
        self._weights(args[2])                          # refuse bad weights before forking
        with self._lock.read():                         # no upsert while the lists (and children) run
            return many_lists(lambda cid: self._partners(cid, as_role, *args), ids, processes)

    def _weights(self, override: Mapping[str, float] | None) -> dict[str, float]:
        return W.resolve(self._table, override)

    def _rank(self, query: Query, limit: int, min_score: float, weights, lang: str, explain=None) -> list[Match]:
        w = self._weights(weights)
        lang = wording.checked(lang)
        if not query.active or not len(query.iids):
            return []
        ctx = Context.of(self._store.lex, self._workers)
        return rank(self._store, query, ctx, w, self._cap, limit, min_score, lang, explain)

    def _build(self, profiles: list[Profile], niches: list[Niche], processes: int = 1) -> None:
        profiles = list({p.id: p for p in profiles}.values())     # a repeated id: the last one wins
        niches = list({n.id: n for n in niches}.values())
        self._store = Store()
        self._store.add_profiles(profiles, processes)
        for niche in niches:
            self._store.add_niche(niche)
        for niche in niches:
            memberships.of_niche(self, niche.id)

    def _compact_if_needed(self) -> None:
        if self.compact and self._store.needs_rebuild():     # removed items only leave tombstones: rebuild, amortised
            s = self._store
            self._build(list(s.profiles.values()), list(s.niches.values()))
