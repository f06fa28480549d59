"""Read-mostly containers over a mapped snapshot: a shared base plus this process's own changes."""
# A worker maps the snapshot's arrays and blobs copy-on-write; every lookup reads the base unless
# the key was written or removed since, which lives in a small private overlay. So each worker
# holds only the change-log tail it replayed, not its own copy of the registry.
from __future__ import annotations

import json
from collections.abc import MutableMapping
from typing import Any, Callable, Iterator

import numpy as np

_MISSING = object()


class Blob:
    """Variable-length UTF-8 records in one mapped byte array, record r = data[off[r]:off[r+1]]."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray):
        self.data, self.offsets = data, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def text(self, r: int) -> str:
        return bytes(self.data[int(self.offsets[r]): int(self.offsets[r + 1])]).decode("utf-8")

    def json(self, r: int) -> Any:
        return json.loads(self.text(r))

    @staticmethod
    def pack(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        encoded = [t.encode("utf-8") for t in texts]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


class TextColumn:
    """`Column(object)` of short strings, with the base in a Blob (title keys for rapidfuzz)."""

    def __init__(self, base: Blob):
        self._base, self._extra = base, []
        self.size = len(base)

    def append(self, value: str) -> None:
        self._extra.append(value)
        self.size += 1

    def __getitem__(self, r: int) -> str:
        n = len(self._base)
        return self._base.text(r) if r < n else self._extra[r - n]

    def view(self) -> "TextColumn":
        return self

    def take(self, rows) -> np.ndarray:
        """The strings of many rows (a query's candidates): offsets gathered at once, each string
        decoded from a view of the mapped bytes (one Python call per row, not four)."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty(len(rows), dtype=object)
        n, offsets = len(self._base), self._base.offsets
        in_base = rows < n
        based = rows[in_base]
        data = memoryview(self._base.data)
        out[in_base] = [str(data[a:b], "utf-8") for a, b in zip(offsets[based].tolist(), offsets[based + 1].tolist())]
        if not in_base.all():
            out[~in_base] = [self._extra[int(r) - n] for r in rows[~in_base]]
        return out


class RecordList:
    """`list` of records decoded on access (items kept for explanations); None marks a removed one."""

    def __init__(self, base: Blob, decode: Callable[[Any], Any]):
        self._base, self._decode = base, decode
        self._changed: dict[int, Any] = {}
        self._extra: list[Any] = []

    def __len__(self) -> int:
        return len(self._base) + len(self._extra)

    def append(self, value) -> None:
        self._extra.append(value)

    def __getitem__(self, r: int):
        n = len(self._base)
        if r >= n:
            return self._extra[r - n]
        if r in self._changed:
            return self._changed[r]
        raw = self._base.json(r)
        return None if raw is None else self._decode(raw)

    def __setitem__(self, r: int, value) -> None:
        n = len(self._base)
        if r >= n:
            self._extra[r - n] = value
        else:
            self._changed[r] = value


class OverlayMap(MutableMapping):
    """An int-keyed mapping: sorted base keys in an array (values fetched by position through
    `value_at`), overridden by a private dict, minus the keys removed since."""

    def __init__(self, keys: np.ndarray, value_at: Callable[[int], Any]):
        self._keys, self._value_at = keys, value_at
        self._over: dict[int, Any] = {}
        self._gone: set[int] = set()

    def _position(self, key) -> int:
        if not isinstance(key, (int, np.integer)) or not len(self._keys):
            return -1
        pos = int(np.searchsorted(self._keys, key))
        return pos if pos < len(self._keys) and self._keys[pos] == key else -1

    def __getitem__(self, key):
        found = self._over.get(key, _MISSING)
        if found is not _MISSING:
            return found
        pos = self._position(key)
        if pos < 0 or key in self._gone:
            raise KeyError(key)
        return self._value_at(pos)

    def __contains__(self, key) -> bool:
        return key in self._over or (key not in self._gone and self._position(key) >= 0)

    def __setitem__(self, key, value) -> None:
        self._over[key] = value
        self._gone.discard(key)

    def contains_many(self, keys: np.ndarray) -> np.ndarray:
        """`key in self` for every key of an array, vectorised."""
        keys = np.asarray(keys)
        if len(self._keys):                              # the base keys are sorted: binary search
            pos = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
            found = self._keys[pos] == keys
        else:
            found = np.zeros(len(keys), dtype=bool)
        if self._gone:
            found &= ~np.isin(keys, np.fromiter(self._gone, dtype=np.int64))
        if self._over:
            found |= np.isin(keys, np.fromiter(self._over, dtype=np.int64))
        return found

    def __delitem__(self, key) -> None:
        if key not in self:
            raise KeyError(key)
        self._over.pop(key, None)
        if self._position(key) >= 0:
            self._gone.add(key)

    def __iter__(self) -> Iterator[int]:
        for key in self._keys.tolist():
            if key not in self._gone and key not in self._over:
                yield key
        yield from list(self._over)

    def __len__(self) -> int:
        base = sum(1 for k in self._gone if self._position(k) >= 0)
        fresh = sum(1 for k in self._over if self._position(k) < 0 or k in self._gone)
        return len(self._keys) - base + fresh


def csr_value(starts: np.ndarray, values: np.ndarray, pos: int) -> list[int]:
    return values[int(starts[pos]): int(starts[pos + 1])].tolist()


def fit_map(iids: np.ndarray, fits: np.ndarray) -> OverlayMap:
    """iid -> fit over sorted arrays: the members of one niche on one side."""
    return OverlayMap(iids, lambda pos: float(fits[pos]))


def fits_by_item(keys: np.ndarray, starts: np.ndarray, nids: np.ndarray, fits: np.ndarray) -> OverlayMap:
    """iid -> {niche id: fit} over CSR arrays (row of keys[k] = starts[k]:starts[k+1]): the niches
    each item of one side is in."""
    def row(pos: int) -> dict[int, float]:
        lo, hi = int(starts[pos]), int(starts[pos + 1])
        return dict(zip(nids[lo:hi].tolist(), fits[lo:hi].tolist()))
    return OverlayMap(keys, row)
