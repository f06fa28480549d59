"""A snapshot directory mapped back copy-on-write into a Store (written by snapshot.py)."""
from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import numpy as np

from matcher.scoring.frozen import Blob, OverlayMap, RecordList, TextColumn, csr_value, fit_map, fits_by_item
from matcher.scoring.index import SideIndex
from matcher.scoring.model import Niche
from matcher.scoring.postings import Postings
from matcher.scoring.ragged import Column, Ragged
from matcher.scoring.records import (FORMAT, MANIFEST, RAGGED, SIDE_COLUMNS, SIDES, STORE_COLUMNS, SnapshotError,
                                     inferred_of, item_of, profile_of)
from matcher.scoring.store import Store


def read_manifest(directory: str | os.PathLike) -> dict:
    """The manifest of a complete snapshot, or SnapshotError (missing, unreadable, other format)."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"no readable manifest in {directory}: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise SnapshotError(f"{directory}: not a format {FORMAT} snapshot")
    return manifest


def verify(directory: str | os.PathLike, manifest: dict) -> None:
    """Every listed file is there with its size; the small ones match their CRC."""
    base = Path(directory)
    for name, entry in manifest.get("files", {}).items():
        path = base / name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise SnapshotError(f"{name} is missing") from exc
        if size != entry.get("bytes"):
            raise SnapshotError(f"{name} has {size} bytes, the manifest says {entry.get('bytes')}")
        if "crc32" in entry and zlib.crc32(path.read_bytes()) != entry["crc32"]:
            raise SnapshotError(f"{name} does not match its checksum")


class _Reader:
    def __init__(self, directory: Path, manifest: dict):
        self.dir, self.sizes = directory, manifest["columns"]

    def array(self, name: str) -> np.ndarray:
        try:
            mapped = np.load(self.dir / f"{name}.npy", mmap_mode="c", allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise SnapshotError(f"{name}.npy: {exc}") from exc
        size = self.sizes[name]
        if mapped.ndim != 1 or len(mapped) < size:
            raise SnapshotError(f"{name}.npy is shorter than its {size} values")
        return np.asarray(mapped)           # a plain ndarray over the mapping (no memmap subclass)

    def filled(self, name: str) -> np.ndarray:
        return self.array(name)[: self.sizes[name]]

    def column(self, name: str, fill=0) -> Column:
        col = Column.__new__(Column)
        col._data, col._fill, col.size = self.array(name), fill, self.sizes[name]
        return col

    def ragged(self, name: str, table: Ragged) -> Ragged:
        table.columns = {col: self.column(f"{name}.{col}") for col in table.columns}
        table._start, table._len = self.column(f"{name}._start"), self.column(f"{name}._len")
        return table

    def blob(self, name: str) -> Blob:
        return Blob(self.array(f"{name}.data"), self.filled(f"{name}.offsets"))

    def json(self, name: str):
        return json.loads((self.dir / f"{name}.json").read_text(encoding="utf-8"))


def load(directory: str | os.PathLike, check: bool = True) -> tuple[Store, dict]:
    """Map a snapshot: (store, manifest). SnapshotError when it is incomplete or damaged."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if check:
        verify(directory, manifest)
    r = _Reader(directory, manifest)
    small = r.json("store.small")
    store = Store()
    lex = store.lex
    names = r.blob("lex.names")
    lex.names = [names.text(i) for i in range(len(names))]
    lex.ids = {name: i for i, name in enumerate(lex.names)}
    lex.df = r.column("lex.df")
    lex.docs, lex.coded_docs = small["lex"]["docs"], small["lex"]["coded_docs"]
    for name in SIDES:
        side: SideIndex = getattr(store, name)
        for ragged in RAGGED:
            r.ragged(f"{name}.{ragged}", getattr(side, ragged))
        for col in SIDE_COLUMNS:
            setattr(side, col, r.column(f"{name}.{col}", fill=np.nan if col == "volume" else 0))
        side.title_keys = TextColumn(r.blob(f"{name}.title_keys"))
        side.items = RecordList(r.blob(f"{name}.items"), item_of)
        side.inferred = RecordList(r.blob(f"{name}.inferred"), inferred_of)
        side.postings = Postings(r.filled(f"{name}.post_starts"), r.filled(f"{name}.post_data"))
        side.live = small["live"][name]
    for col in STORE_COLUMNS:
        setattr(store, col, r.column(f"store.{col}"))
    store.places = {k: v for k, v in small["places"]}
    place_names = np.empty(max(store.places.values(), default=0) + 1, dtype=object)
    for place, code in store.places.items():
        if place:
            place_names[code] = place
    slots = store.company_id.size
    country = place_names[store.country_code.view()]
    store.country = _object_column(np.where(country == None, "", country), "")   # noqa: E711 (elementwise)
    store.region = _object_column(place_names[store.region_code.view()], None)
    for slot in small["absent_slots"]:
        store.country[slot], store.region[slot] = "", None
    sets = [frozenset(s) for s in small["sets"]]
    store.certs = [sets[c] for c in r.filled("store.cert_codes").tolist()]
    store.languages = [sets[c] for c in r.filled("store.lang_codes").tolist()]
    assert len(store.certs) == slots, "one certification set per company slot"
    ids = r.filled("store.ids")
    profiles = r.blob("store.profiles")
    store.profiles = OverlayMap(ids, lambda pos: profile_of(profiles.json(pos)))
    slot_values = r.filled("store.slots")
    store.slot_of = OverlayMap(ids, lambda pos: int(slot_values[pos]))
    csr = [(r.filled(f"store.items_of.{n}.starts"), r.filled(f"store.items_of.{n}.values")) for n in ("offers", "needs")]
    store.items_of = OverlayMap(ids, lambda pos: (csr_value(*csr[0], pos), csr_value(*csr[1], pos)))
    niches = [Niche(n[0], item_of(n[1]), n[2], n[3]) for n in small["niches"]]
    store.niches = {n.id: n for n in niches}
    store.niche_iid = {k: v for k, v in small["niche_iid"]}
    store.members = {nid: {} for nid in small["member_niches"]}
    for side in ("needs", "offers"):
        starts, iids, fits = (r.filled(f"members.{side}.{n}") for n in ("starts", "iids", "fits"))
        for row, nid in enumerate(small["member_niches"]):
            lo, hi = int(starts[row]), int(starts[row + 1])
            store.members[nid][side] = fit_map(iids[lo:hi], fits[lo:hi])
        store.niches_of[side] = fits_by_item(*(r.filled(f"niches_of.{side}.{n}")
                                               for n in ("keys", "starts", "nids", "fits")))
    return store, manifest


def _object_column(values: np.ndarray, fill) -> Column:
    col = Column(object, fill=fill)
    col.extend(values)
    return col
