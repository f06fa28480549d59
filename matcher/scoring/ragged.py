"""Append-only growable numpy columns and ragged (variable-length per row) tables."""
from __future__ import annotations

import numpy as np


class Column:
    """A numpy array that grows by doubling; `view()` is the filled part (no copy)."""

    def __init__(self, dtype, fill=0):
        self._data = np.full(64, fill, dtype=dtype)
        self._fill = fill
        self.size = 0

    def _reserve(self, extra: int) -> None:
        need = self.size + extra
        if need > len(self._data):
            grown = np.full(max(need, 2 * len(self._data)), self._fill, dtype=self._data.dtype)
            grown[: self.size] = self._data[: self.size]
            self._data = grown

    def append(self, value) -> None:
        self._reserve(1)
        self._data[self.size] = value
        self.size += 1

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=self._data.dtype)
        self._reserve(len(values))
        self._data[self.size: self.size + len(values)] = values
        self.size += len(values)

    def view(self) -> np.ndarray:
        return self._data[: self.size]

    def __setitem__(self, index, value) -> None:
        self._data[: self.size][index] = value

    @property
    def nbytes(self) -> int:
        return self._data.nbytes


class Ragged:
    """Rows of variable length stored flat in shared columns; row r is flat[start[r]: start[r]+len[r]]."""

    def __init__(self, **dtypes):
        self.columns = {name: Column(dtype) for name, dtype in dtypes.items()}
        self._start = Column(np.int64)
        self._len = Column(np.int32)

    def append(self, **values) -> None:
        lengths = {len(v) for v in values.values()}
        assert len(lengths) == 1, "all columns of a row must have the same length"
        self._start.append(next(iter(self.columns.values())).size)
        self._len.append(lengths.pop())
        for name, column in self.columns.items():
            column.extend(values[name])

    def row(self, r: int) -> dict[str, np.ndarray]:
        start, length = int(self._start.view()[r]), int(self._len.view()[r])
        return {name: c.view()[start: start + length] for name, c in self.columns.items()}

    def lengths(self, rows: np.ndarray) -> np.ndarray:
        return self._len.view()[rows]

    def gather(self, rows: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        """Flat values of `rows` (in that order), the position in `rows` of each value, and lengths."""
        lens = self._len.view()[rows].astype(np.int64)
        total = int(lens.sum())
        seg = np.repeat(np.arange(len(rows), dtype=np.int32), lens)
        offsets = np.cumsum(lens) - lens
        idx = np.repeat(self._start.view()[rows] - offsets, lens) + np.arange(total, dtype=np.int64)
        return {name: c.view()[idx] for name, c in self.columns.items()}, seg, lens

    @property
    def nbytes(self) -> int:
        return sum(c.nbytes for c in self.columns.values()) + self._start.nbytes + self._len.nbytes
