"""Key interning (stems, code prefixes, concepts) with document frequencies, IDF and code rarity."""
from __future__ import annotations

import math

import numpy as np

from matcher.scoring.ragged import Column

RARE_AT = 50.0       # a code prefix held by ≤ 1/50 of the coded items counts as fully rare


class Lexicon:
    """Maps every key to a dense id and counts in how many live items it occurs."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self.df = Column(np.int32)
        self.docs = 0            # live items
        self.coded_docs = 0      # live items with at least one HS or NACE code
        self._version = 0
        self._cache: tuple[int, np.ndarray, np.ndarray] | None = None

    def intern(self, key: str) -> int:
        kid = self.ids.get(key)
        if kid is None:
            kid = self.ids[key] = len(self.names)
            self.names.append(key)
            self.df.append(0)
        return kid

    def get(self, key: str) -> int:
        return self.ids.get(key, -1)

    def count(self, kids: np.ndarray, delta: int, coded: bool) -> None:
        """Add (delta=+1) or remove (-1) one item holding these distinct keys."""
        self.df[kids] = self.df.view()[kids] + delta
        self.docs += delta
        self.coded_docs += delta if coded else 0
        self._version += 1

    def weights(self) -> tuple[np.ndarray, np.ndarray]:
        """(idf of every key over all items, rarity 0..1 of every key over coded items)."""
        if self._cache is None or self._cache[0] != self._version:
            df = np.maximum(self.df.view(), 1).astype(np.float32)
            idf = np.log1p(max(self.docs, 1) / df).astype(np.float32)
            rarity = np.minimum(1.0, np.log1p(max(self.coded_docs, 1) / df) / math.log1p(RARE_AT))
            self._cache = (self._version, idf, rarity.astype(np.float32))
        return self._cache[1], self._cache[2]

    def idf_of_unknown(self) -> float:
        return math.log1p(max(self.docs, 1))
