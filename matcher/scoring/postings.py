"""Inverted lists key id -> item postings: a mapped CSR base (from a snapshot) plus appended ones."""
from __future__ import annotations

from array import array

import numpy as np


class Postings:
    """`get(key)` gives the postings of a key (int32, base first, then those added since), or None."""

    def __init__(self, starts: np.ndarray | None = None, data: np.ndarray | None = None):
        self._starts, self._data = starts, data
        self._added: dict[int, array] = {}

    def add(self, key: int, posting: int) -> None:
        self._added.setdefault(key, array("i")).append(posting)

    def _base(self, key: int) -> np.ndarray | None:
        if self._starts is None or key + 1 >= len(self._starts):
            return None
        lo, hi = int(self._starts[key]), int(self._starts[key + 1])
        return self._data[lo:hi] if hi > lo else None

    def get(self, key: int):
        base, added = self._base(key), self._added.get(key)
        if base is None:
            return added
        if added is None:
            return base
        return np.concatenate([base, np.frombuffer(added, dtype=np.int32)])

    def csr(self, keys: int) -> tuple[np.ndarray, np.ndarray]:
        """(starts, data) over key ids 0..keys-1, for writing a snapshot."""
        lists = [self.get(k) for k in range(keys)]
        sizes = np.array([0 if p is None else len(p) for p in lists], dtype=np.int64)
        starts = np.zeros(keys + 1, dtype=np.int64)
        np.cumsum(sizes, out=starts[1:])
        parts = [np.asarray(p, dtype=np.int32) if not isinstance(p, array) else np.frombuffer(p, dtype=np.int32)
                 for p in lists if p is not None]
        data = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
        return starts, data
