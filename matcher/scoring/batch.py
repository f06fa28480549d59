"""Items packed as flat numpy arrays (one segment per item) so features score many pairs at once."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matcher.scoring import codes
from matcher.scoring.lexicon import Lexicon
from matcher.scoring.prepare import Prepared


@dataclass(slots=True)
class Flat:
    """A ragged field of a batch: flat columns, the item (segment) of each value, lengths."""
    cols: dict[str, np.ndarray]
    seg: np.ndarray
    lens: np.ndarray

    def row(self, i: int) -> dict[str, np.ndarray]:
        start = int(self.lens[:i].sum())
        return {k: v[start: start + int(self.lens[i])] for k, v in self.cols.items()}


@dataclass(slots=True)
class Batch:
    n: int
    terms: Flat          # key:int32 title:bool
    hs: Flat             # key:int32 depth:int8 whole:bool
    nace: Flat
    concepts: Flat       # cid:int32 w:float32 head:bool
    hs_mode: np.ndarray
    nace_mode: np.ndarray
    lang: np.ndarray
    volume: np.ndarray   # nan when unknown
    title_keys: np.ndarray   # object array of str; NO_TITLE when the title has no content word
    owner: np.ndarray    # company (or niche) slot of each item
    item_id: np.ndarray
    kind: np.ndarray     # goods / service / unknown


NO_TITLE = "\x00"      # rapidfuzz gives it 0 against any real title


def _flat(rows: list[dict[str, list]], dtypes: dict[str, type]) -> Flat:
    lens = np.array([len(next(iter(r.values()))) for r in rows], dtype=np.int64)
    cols = {k: np.array([v for r in rows for v in r[k]], dtype=dt) for k, dt in dtypes.items()}
    return Flat(cols, np.repeat(np.arange(len(rows), dtype=np.int32), lens), lens)


def code_rows(lex: Lexicon, kind: str, entries: dict[str, tuple[int, bool]], intern: bool) -> dict[str, list]:
    get = lex.intern if intern else lex.get
    keys = [(get(f"{kind}:{prefix}"), depth, whole) for prefix, (depth, whole) in entries.items()]
    keys = [k for k in keys if k[0] >= 0]
    return {"key": [k[0] for k in keys], "depth": [k[1] for k in keys], "whole": [k[2] for k in keys]}


def concept_rows(p: Prepared) -> dict[str, list]:
    return {"cid": list(p.concepts), "w": list(p.concepts.values()), "head": [c in p.head_concepts for c in p.concepts]}


def term_rows(lex: Lexicon, p: Prepared, intern: bool) -> dict[str, list]:
    get = lex.intern if intern else lex.get
    keys = [(get(stem), title) for stem, title in p.terms.items()]
    return {"key": [k for k, _ in keys], "title": [t for _, t in keys]}


def from_prepared(lex: Lexicon, items: list[Prepared], owners: list[int] | None = None) -> Batch:
    """Pack query-side items. Unknown stems keep key -1: they count in the item's own totals
    (an unmatched word of the need) but can never match anything."""
    terms = _flat([term_rows(lex, p, False) for p in items], {"key": np.int32, "title": np.bool_})
    code_types = {"key": np.int32, "depth": np.int8, "whole": np.bool_}
    hs = _flat([code_rows(lex, codes.HS, p.hs, False) for p in items], code_types)
    nace = _flat([code_rows(lex, codes.NACE, p.nace, False) for p in items], code_types)
    concepts = _flat([concept_rows(p) for p in items], {"cid": np.int32, "w": np.float32, "head": np.bool_})
    return Batch(
        len(items), terms, hs, nace, concepts,
        np.array([p.hs_mode if len(hs.row(i)["key"]) else 0 for i, p in enumerate(items)], dtype=np.int8),
        np.array([p.nace_mode if len(nace.row(i)["key"]) else 0 for i, p in enumerate(items)], dtype=np.int8),
        np.array([p.lang for p in items], dtype=np.int8),
        np.array([p.volume if p.volume else np.nan for p in items], dtype=np.float64),
        np.array([p.title_key or NO_TITLE for p in items], dtype=object),
        np.array(owners if owners is not None else [-1] * len(items), dtype=np.int32),
        np.array([p.item.id for p in items], dtype=np.int64),
        np.array([p.kind for p in items], dtype=np.int8),
    )
