"""Input and result records of the scoring engine (plain frozen dataclasses, no ORM)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Item:                     # an offer (supplier sells), a need (buyer wants) or a niche
    id: int
    title: str
    description: str = ""
    hs_codes: tuple[str, ...] = ()      # digits only, 2..10 long, already normalised
    nace_codes: tuple[str, ...] = ()    # "28", "28.4", "28.41"
    volume_usd: int | None = None       # offer: annual capacity; need/niche: annual volume


@dataclass(frozen=True, slots=True)
class Profile:                  # a company
    id: int
    name: str
    country: str                        # "BY", "RU", …
    region: str | None = None           # "RU-PER", "BY-HM"
    roles: frozenset[str] = frozenset() # {"supplier"}, {"buyer"} or both
    description: str = ""
    languages: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    offers: tuple[Item, ...] = ()
    needs: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Niche:
    id: int
    item: Item                          # title, description, codes, est. annual volume
    departed_company: str = ""
    region: str | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    feature: str
    contribution: float                 # points; the reasons of a match add up to its score
    detail: str

    def __reduce__(self):               # pickled by position: 3× faster for lists sent between processes
        return Reason, (self.feature, self.contribution, self.detail)


@dataclass(frozen=True, slots=True)
class PairScore:
    offer_id: int
    need_id: int                        # for niches: the niche id on the side the niche plays
    score: float

    def __reduce__(self):
        return PairScore, (self.offer_id, self.need_id, self.score)


@dataclass(frozen=True, slots=True)
class Match:
    company_id: int
    score: float
    reasons: tuple[Reason, ...]
    pairs: tuple[PairScore, ...]

    def __reduce__(self):
        return Match, (self.company_id, self.score, self.reasons, self.pairs)
