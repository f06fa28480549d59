"""The engine's state: company slots, the three side indexes and niche memberships (no scoring)."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from matcher.scoring import registry
from matcher.scoring.forked import forked_map
from matcher.scoring.index import SideIndex
from matcher.scoring.lexicon import Lexicon
from matcher.scoring.model import Item, Niche, Profile
from matcher.scoring.prepare import Prepared, prepare
from matcher.scoring.ragged import Column

SUPPLIER, BUYER = 1, 2
ROLE_BITS = {"supplier": SUPPLIER, "buyer": BUYER}


@lru_cache(maxsize=20_000)
def prepared(item: Item, inferred: tuple[tuple[str, str], ...] | None = None) -> Prepared:
    """prepare() with a cache: the same stored item is re-read for every explanation it appears in
    (≈ 2–3 KB each, so the cache stays under ~60 MB); `inferred` is what the index kept of the
    classifier's answer (SideIndex.inferred_of), which spares asking it again."""
    return prepare(item, inferred)


def prepare_profile(profile: Profile) -> tuple[list[Prepared], list[Prepared]]:
    """The costly, lock-free half of indexing a company: its offers and needs prepared."""
    return [prepare(i) for i in profile.offers], [prepare(i) for i in profile.needs]


def prepare_to_index(profile: Profile) -> tuple[list[Prepared], list[Prepared]]:
    """prepare_profile without what indexing never reads — the tokens and vocabulary hits, which
    explanations get by preparing a shown item again — so that a build process sends its
    children's work back in a fifth of the bytes."""
    def lean(p: Prepared) -> Prepared:
        return replace(p, title=None, body=None, hits=())
    offers, needs = prepare_profile(profile)
    return [lean(p) for p in offers], [lean(p) for p in needs]


class Store:
    def __init__(self) -> None:
        self.lex = Lexicon()
        self.offers, self.needs, self.niche_side = SideIndex(self.lex), SideIndex(self.lex), SideIndex(self.lex)
        self.profiles: dict[int, Profile] = {}
        self.slot_of: dict[int, int] = {}
        self.company_id, self.roles = Column(np.int64), Column(np.int8)
        self.country, self.region = Column(object, fill=""), Column(object, fill=None)
        # the same places as small ints, for vectorised geography; the company features' facets
        # (certifications, languages …) folded once here rather than at every query: name -> per slot
        self.places: dict[str | None, int] = {None: 0, "": 0}
        self.country_code, self.region_code = Column(np.int32), Column(np.int32)
        self.facets: dict[str, list[frozenset[str]]] = {f.name: [] for f in registry.COMPANY_FEATURES}
        self.items_of: dict[int, tuple[list[int], list[int]]] = {}
        self.niches: dict[int, Niche] = {}
        self.niche_iid: dict[int, int] = {}
        # niche id -> {"needs"|"offers": {iid: fit}}, and the reverse per side (mappings: dicts, or
        # frozen.OverlayMaps over arrays once mapped from a snapshot or refreshed, see memberships.py)
        self.members: dict[int, dict[str, dict[int, float]]] = {}
        self.niches_of: dict[str, dict[int, dict[int, float]]] = {"needs": {}, "offers": {}}
        # changes made so far: work done on a read lock (a niche refresh) installs only if none came since
        self.writes = 0

    def place(self, name: str | None) -> int:
        return self.places.setdefault(name, len(self.places))

    @staticmethod
    def _add_item(side: SideIndex, item: Item, owner: int, ready: Prepared | None = None) -> int:
        return side.add(ready or prepare(item), owner)     # not cached: indexing sees each item once

    def add_profile(self, profile: Profile, ready: tuple[list[Prepared], list[Prepared]] | None = None,
                    ) -> tuple[list[int], list[int]]:
        """Index a company; `ready` are its offers and needs already prepared (see prepare_profile)."""
        self.writes += 1
        slot = self.slot_of.get(profile.id)
        if slot is None:
            slot = self.slot_of[profile.id] = self.company_id.size
            self.company_id.append(profile.id)
            self.roles.append(0)
            self.country.append("")
            self.region.append(None)
            self.country_code.append(0)
            self.region_code.append(0)
        self.profiles[profile.id] = profile
        self.roles[slot] = sum(bit for role, bit in ROLE_BITS.items() if role in profile.roles)
        self.country[slot], self.region[slot] = (profile.country or "").upper(), profile.region
        self.country_code[slot] = self.place(self.country.view()[slot])
        self.region_code[slot] = self.place(profile.region)
        for f, values in zip(registry.COMPANY_FEATURES, self._facet_lists()):
            values[slot] = f.facet(profile)
        ready_offers, ready_needs = ready or ([None] * len(profile.offers), [None] * len(profile.needs))
        offers = [self._add_item(self.offers, item, slot, p) for item, p in zip(profile.offers, ready_offers)]
        needs = [self._add_item(self.needs, item, slot, p) for item, p in zip(profile.needs, ready_needs)]
        self.items_of[profile.id] = (offers, needs)
        return offers, needs

    def add_profiles(self, profiles: list[Profile], processes: int = 1) -> None:
        """Index many companies. With `processes` > 1 their items are prepared (the costly part:
        words, the classifier) in that many forked children while this process packs what they
        send back — only where no other thread runs (a CLI command, a builder process)."""
        if processes <= 1:
            for profile in profiles:
                self.add_profile(profile)
            return
        chunk = max(16, min(256, len(profiles) // (8 * processes)))     # small enough to even out
        for at, ready in enumerate(forked_map(prepare_to_index, profiles, processes, chunk)):
            self.add_profile(profiles[at], ready)

    # snapshots keep these two facets under their old names
    _FACET_AT = {f.name: at for at, f in enumerate(registry.COMPANY_FEATURES)}

    @property
    def certs(self) -> list[frozenset[str]]:
        return self._facet_lists()[self._FACET_AT["certifications"]]

    @certs.setter
    def certs(self, values: list[frozenset[str]]) -> None:
        self.facets["certifications"] = values

    @property
    def languages(self) -> list[frozenset[str]]:
        return self._facet_lists()[self._FACET_AT["languages"]]

    @languages.setter
    def languages(self, values: list[frozenset[str]]) -> None:
        self.facets["languages"] = values

    def facets_of(self, slot: int) -> tuple[frozenset[str], ...]:
        """The company's facets, in the registry's order of its COMPANY features."""
        return tuple(values[slot] for values in self._facet_lists())

    def _facet_lists(self) -> list[list[frozenset[str]]]:
        """Each COMPANY feature's facets per slot. A snapshot written before a feature existed does not
        keep its facet: it is derived here, once, from the stored profiles (removed slots: empty)."""
        out = []
        for f in registry.COMPANY_FEATURES:
            values = self.facets.setdefault(f.name, [])
            if len(values) < self.company_id.size:
                ids = self.company_id.view()
                for slot in range(len(values), self.company_id.size):
                    cid = int(ids[slot])
                    alive = cid in self.profiles and self.slot_of[cid] == slot
                    values.append(f.facet(self.profiles[cid]) if alive else frozenset())
            out.append(values)
        return out

    def remove_profile(self, company_id: int) -> None:
        self.writes += 1
        offers, needs = self.items_of.pop(company_id)
        for side, iids, name in ((self.offers, offers, "offers"), (self.needs, needs, "needs")):
            for iid in iids:
                side.remove(iid)
                for nid in self.niches_of[name].pop(iid, {}):
                    self.members[nid][name].pop(iid, None)
        self.roles[self.slot_of[company_id]] = 0
        del self.profiles[company_id]

    def add_niche(self, niche: Niche) -> int:
        self.writes += 1
        iid = self._add_item(self.niche_side, niche.item, niche.id)
        self.niches[niche.id], self.niche_iid[niche.id] = niche, iid
        self.members[niche.id] = {"needs": {}, "offers": {}}
        return iid

    def remove_niche(self, niche_id: int) -> None:
        self.writes += 1
        iid = self.niche_iid.pop(niche_id)
        self.niche_side.remove(iid)
        for name, fits in self.members.pop(niche_id).items():
            for item_iid in list(fits):
                found = self.niches_of[name].get(item_iid)
                if found and niche_id in found:   # replaced, not changed in place: it may be mapped
                    self.niches_of[name][item_iid] = {n: f for n, f in found.items() if n != niche_id}
        del self.niches[niche_id]

    def set_member(self, niche_id: int, side_name: str, iid: int, fit: float) -> None:
        self.writes += 1
        self.members[niche_id][side_name][iid] = fit
        self.niches_of[side_name][iid] = {**self.niches_of[side_name].get(iid, {}), niche_id: fit}

    def needs_rebuild(self) -> bool:
        return any(s.size > 1000 and s.dead_share > 0.5 for s in (self.offers, self.needs, self.niche_side))
