"""The engine's Store written to a directory of .npy arrays and blobs, and mapped back copy-on-write.

Big arrays are saved with headroom and loaded with mmap_mode="c": every worker on a machine reads
the same page-cache pages, and the few pages a worker changes while replaying the change-log tail
become private to it. Records (items, profiles) stay as JSON in one mapped byte array each and
are decoded only when a query needs them. A manifest lists every file with its size (and a CRC
for the small ones) so a truncated or foreign snapshot is refused rather than served.
"""
from __future__ import annotations

import hashlib
import json
import os
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from matcher.scoring.frozen import Blob, OverlayMap, RecordList, TextColumn, csr_value
from matcher.scoring.index import SideIndex
from matcher.scoring.model import Item, Niche, Profile
from matcher.scoring.postings import Postings
from matcher.scoring.ragged import Column, Ragged
from matcher.scoring.store import Store

FORMAT = 1
MANIFEST = "manifest.json"
HEADROOM_SHARE, HEADROOM_MIN = 0.10, 4096   # room to append a change-log tail without copying a column
CRC_LIMIT = 32 * 1024 * 1024                 # files up to this size are checked byte for byte on load
_SIDES = ("offers", "needs", "niche_side")
_SIDE_COLUMNS = ("alive", "owner", "item_id", "hs_mode", "nace_mode", "lang", "kind", "volume")
_RAGGED = ("terms", "hs", "nace", "concepts")
_STORE_COLUMNS = ("company_id", "roles", "country_code", "region_code")


class SnapshotError(Exception):
    """The directory is not a complete snapshot this code can read."""


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the scoring package's source: a snapshot built by other scoring code is stale."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# ---- writing --------------------------------------------------------------------------------------
class _Writer:
    def __init__(self, directory: Path):
        self.dir, self.files, self.columns = directory, {}, {}

    def array(self, name: str, values: np.ndarray, headroom: bool = False) -> None:
        values = np.ascontiguousarray(values)
        size = len(values)
        capacity = size + (max(HEADROOM_MIN, int(size * HEADROOM_SHARE)) if headroom else 0)
        path = self.dir / f"{name}.npy"
        out = np.lib.format.open_memmap(path, mode="w+", dtype=values.dtype, shape=(capacity,))
        out[:size] = values
        out.flush()
        del out
        self.columns[name] = size

    def column(self, name: str, column: Column) -> None:
        self.array(name, column.view(), headroom=True)

    def ragged(self, name: str, table: Ragged) -> None:
        for col, values in table.columns.items():
            self.column(f"{name}.{col}", values)
        self.column(f"{name}._start", table._start)
        self.column(f"{name}._len", table._len)

    def texts(self, name: str, texts: list[str]) -> None:
        data, offsets = Blob.pack(texts)
        self.array(f"{name}.data", data)
        self.array(f"{name}.offsets", offsets)

    def json(self, name: str, value) -> None:
        (self.dir / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

    def finish(self, meta: dict) -> None:
        for path in sorted(self.dir.iterdir()):
            size = path.stat().st_size
            entry = {"bytes": size}
            if size <= CRC_LIMIT:
                entry["crc32"] = zlib.crc32(path.read_bytes())
            self.files[path.name] = entry
        manifest = {"format": FORMAT, "engine": engine_fingerprint(), **meta,
                    "columns": self.columns, "files": self.files}
        with open(self.dir / MANIFEST, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())


def _item_record(item: Item | None):
    if item is None:
        return None
    return [item.id, item.title, item.description, list(item.hs_codes), list(item.nace_codes), item.volume_usd]


def _item_of(raw) -> Item:
    return Item(raw[0], raw[1], raw[2], tuple(raw[3]), tuple(raw[4]), raw[5])


def _profile_record(p: Profile) -> dict:
    return {"id": p.id, "name": p.name, "country": p.country, "region": p.region, "roles": sorted(p.roles),
            "description": p.description, "languages": list(p.languages),
            "certifications": list(p.certifications),
            "offers": [_item_record(i) for i in p.offers], "needs": [_item_record(i) for i in p.needs]}


def _profile_of(raw: dict) -> Profile:
    return Profile(raw["id"], raw["name"], raw["country"], raw["region"], frozenset(raw["roles"]),
                   raw["description"], tuple(raw["languages"]), tuple(raw["certifications"]),
                   tuple(_item_of(i) for i in raw["offers"]), tuple(_item_of(i) for i in raw["needs"]))


def _niche_record(n: Niche) -> list:
    return [n.id, _item_record(n.item), n.departed_company, n.region]


def _csr(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=starts[1:])
    values = np.array([v for r in rows for v in r], dtype=np.int64)
    return starts, values


def write(store: Store, directory: str | os.PathLike, meta: dict) -> None:
    """Write `store` into the (new, empty) `directory`; `meta` goes into the manifest (the
    change-log id covered, the database it came from). The caller renames it into place."""
    w = _Writer(Path(directory))
    keys = len(store.lex.names)
    w.texts("lex.names", store.lex.names)
    w.column("lex.df", store.lex.df)
    for name in _SIDES:
        side: SideIndex = getattr(store, name)
        for ragged in _RAGGED:
            w.ragged(f"{name}.{ragged}", getattr(side, ragged))
        for col in _SIDE_COLUMNS:
            w.column(f"{name}.{col}", getattr(side, col))
        w.texts(f"{name}.title_keys", [side.title_keys.view()[i] if not isinstance(side.title_keys, TextColumn)
                                       else side.title_keys[i] for i in range(side.size)])
        w.texts(f"{name}.items", [json.dumps(_item_record(side.items[i]), ensure_ascii=False)
                                  for i in range(side.size)])
        starts, data = side.postings.csr(keys)
        w.array(f"{name}.post_starts", starts)
        w.array(f"{name}.post_data", data)
    for col in _STORE_COLUMNS:
        w.column(f"store.{col}", getattr(store, col))
    ids = np.array(sorted(store.profiles), dtype=np.int64)
    w.array("store.ids", ids)
    w.array("store.slots", np.array([store.slot_of[c] for c in ids.tolist()], dtype=np.int64))
    w.texts("store.profiles", [json.dumps(_profile_record(store.profiles[c]), ensure_ascii=False)
                               for c in ids.tolist()])
    for part, name in ((0, "offers"), (1, "needs")):
        starts, values = _csr([store.items_of[c][part] for c in ids.tolist()])
        w.array(f"store.items_of.{name}.starts", starts)
        w.array(f"store.items_of.{name}.values", values)
    sets = {}
    cert_codes = [sets.setdefault(s, len(sets)) for s in store.certs]
    lang_codes = [sets.setdefault(s, len(sets)) for s in store.languages]
    w.array("store.cert_codes", np.array(cert_codes, dtype=np.int32), headroom=True)
    w.array("store.lang_codes", np.array(lang_codes, dtype=np.int32), headroom=True)
    w.json("store.small", {
        "lex": {"docs": store.lex.docs, "coded_docs": store.lex.coded_docs},
        "live": {name: getattr(store, name).live for name in _SIDES},
        "places": [[k, v] for k, v in store.places.items()],
        "sets": [sorted(s) for s in sets],
        "absent_slots": sorted(set(range(store.company_id.size)) - set(store.slot_of[c] for c in ids.tolist())),
        "niches": [_niche_record(n) for n in store.niches.values()],
        "niche_iid": [[k, v] for k, v in store.niche_iid.items()],
        "members": [[nid, side, [[iid, fit] for iid, fit in fits.items()]]
                    for nid, by_side in store.members.items() for side, fits in by_side.items()],
    })
    w.finish(meta)


# ---- reading --------------------------------------------------------------------------------------
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
    for name in _SIDES:
        side: SideIndex = getattr(store, name)
        for ragged in _RAGGED:
            r.ragged(f"{name}.{ragged}", getattr(side, ragged))
        for col in _SIDE_COLUMNS:
            setattr(side, col, r.column(f"{name}.{col}", fill=np.nan if col == "volume" else 0))
        side.title_keys = TextColumn(r.blob(f"{name}.title_keys"))
        side.items = RecordList(r.blob(f"{name}.items"), _item_of)
        side.postings = Postings(r.filled(f"{name}.post_starts"), r.filled(f"{name}.post_data"))
        side.live = small["live"][name]
    for col in _STORE_COLUMNS:
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
    store.profiles = OverlayMap(ids, lambda pos: _profile_of(profiles.json(pos)))
    slot_values = r.filled("store.slots")
    store.slot_of = OverlayMap(ids, lambda pos: int(slot_values[pos]))
    csr = [(r.filled(f"store.items_of.{n}.starts"), r.filled(f"store.items_of.{n}.values")) for n in ("offers", "needs")]
    store.items_of = OverlayMap(ids, lambda pos: (csr_value(*csr[0], pos), csr_value(*csr[1], pos)))
    niches = [Niche(n[0], _item_of(n[1]), n[2], n[3]) for n in small["niches"]]
    store.niches = {n.id: n for n in niches}
    store.niche_iid = {k: v for k, v in small["niche_iid"]}
    store.members = {nid: {"needs": {}, "offers": {}} for nid in store.niches}
    for nid, side_name, fits in small["members"]:
        for iid, fit in fits:
            store.set_member(nid, side_name, iid, fit)
    return store, manifest


def _object_column(values: np.ndarray, fill) -> Column:
    col = Column(object, fill=fill)
    col.extend(values)
    return col
