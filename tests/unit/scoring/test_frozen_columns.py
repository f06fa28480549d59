"""The mapped containers read the same values in bulk as one at a time."""
from __future__ import annotations

import numpy as np

from matcher.scoring.frozen import Blob, TextColumn


def test_taking_many_rows_of_a_text_column_gives_each_row_as_reading_it_alone_does():
    column = TextColumn(Blob(*Blob.pack(["станок фрезерный", "", "harvester", "ёлка"])))
    column.append("added after mapping")
    rows = np.array([4, 0, 3, 1, 2, 0, 4])

    taken = column.take(rows)

    assert taken.dtype == object
    assert list(taken) == [column[int(r)] for r in rows]
    assert list(taken) == ["added after mapping", "станок фрезерный", "ёлка", "", "harvester",
                           "станок фрезерный", "added after mapping"]


def test_taking_no_rows_gives_an_empty_column():
    column = TextColumn(Blob(*Blob.pack(["a"])))

    assert len(column.take(np.array([], dtype=np.int64))) == 0
