"""The engine's Store written to a directory of .npy arrays and JSON blobs (see mapped.py to read it)."""
# Big arrays are saved with headroom and loaded with mmap_mode="c": every worker on a machine reads
# the same page-cache pages, and the few pages a worker changes while replaying the change-log tail
# become private to it. Records (items, profiles) stay as JSON in one mapped byte array each and
# are decoded only when a query needs them. A manifest lists every file with its size (and a CRC
# for the small ones) so a truncated or foreign snapshot is refused rather than served.
from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import numpy as np

from matcher.scoring.frozen import Blob, TextColumn
from matcher.scoring.index import SideIndex
from matcher.scoring.mapped import load, read_manifest, verify  # noqa: F401  (the module's reading half)
from matcher.scoring.ragged import Column, Ragged
from matcher.scoring.records import (FORMAT, MANIFEST, RAGGED, SIDE_COLUMNS, SIDES, STORE_COLUMNS,  # noqa: F401
                                     SnapshotError, csr, engine_fingerprint, item_record, niche_record,
                                     profile_record)
from matcher.scoring.store import Store

HEADROOM_SHARE, HEADROOM_MIN = 0.10, 4096   # room to append a change-log tail without copying a column
CRC_LIMIT = 32 * 1024 * 1024                 # files up to this size are checked byte for byte on load


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


def write(store: Store, directory: str | os.PathLike, meta: dict) -> None:
    """Write `store` into the (new, empty) `directory`; `meta` goes into the manifest (the
    change-log id covered, the database it came from). The caller renames it into place."""
    w = _Writer(Path(directory))
    keys = len(store.lex.names)
    w.texts("lex.names", store.lex.names)
    w.column("lex.df", store.lex.df)
    for name in SIDES:
        side: SideIndex = getattr(store, name)
        for ragged in RAGGED:
            w.ragged(f"{name}.{ragged}", getattr(side, ragged))
        for col in SIDE_COLUMNS:
            w.column(f"{name}.{col}", getattr(side, col))
        w.texts(f"{name}.title_keys", [side.title_keys.view()[i] if not isinstance(side.title_keys, TextColumn)
                                       else side.title_keys[i] for i in range(side.size)])
        w.texts(f"{name}.items", [json.dumps(item_record(side.items[i]), ensure_ascii=False)
                                  for i in range(side.size)])
        w.texts(f"{name}.inferred", [json.dumps(side.inferred[i], ensure_ascii=False) for i in range(side.size)])
        starts, data = side.postings.csr(keys)
        w.array(f"{name}.post_starts", starts)
        w.array(f"{name}.post_data", data)
    for col in STORE_COLUMNS:
        w.column(f"store.{col}", getattr(store, col))
    ids = np.array(sorted(store.profiles), dtype=np.int64)
    w.array("store.ids", ids)
    w.array("store.slots", np.array([store.slot_of[c] for c in ids.tolist()], dtype=np.int64))
    w.texts("store.profiles", [json.dumps(profile_record(store.profiles[c]), ensure_ascii=False)
                               for c in ids.tolist()])
    for part, name in ((0, "offers"), (1, "needs")):
        starts, values = csr([store.items_of[c][part] for c in ids.tolist()])
        w.array(f"store.items_of.{name}.starts", starts)
        w.array(f"store.items_of.{name}.values", values)
    sets = {}
    cert_codes = [sets.setdefault(s, len(sets)) for s in store.certs]
    lang_codes = [sets.setdefault(s, len(sets)) for s in store.languages]
    w.array("store.cert_codes", np.array(cert_codes, dtype=np.int32), headroom=True)
    w.array("store.lang_codes", np.array(lang_codes, dtype=np.int32), headroom=True)
    w.json("store.small", {
        "lex": {"docs": store.lex.docs, "coded_docs": store.lex.coded_docs},
        "live": {name: getattr(store, name).live for name in SIDES},
        "places": [[k, v] for k, v in store.places.items()],
        "sets": [sorted(s) for s in sets],
        "absent_slots": sorted(set(range(store.company_id.size)) - set(store.slot_of[c] for c in ids.tolist())),
        "niches": [niche_record(n) for n in store.niches.values()],
        "niche_iid": [[k, v] for k, v in store.niche_iid.items()],
        "member_niches": list(store.members),
    })
    for side in ("needs", "offers"):
        rows = [sorted(store.members[nid][side].items()) for nid in store.members]
        starts, iids = csr([[iid for iid, _ in row] for row in rows])
        w.array(f"members.{side}.starts", starts)
        w.array(f"members.{side}.iids", iids)
        w.array(f"members.{side}.fits", np.array([fit for row in rows for _, fit in row], dtype=np.float64))
        keys = sorted(store.niches_of[side])
        starts, nids = csr([list(store.niches_of[side][k]) for k in keys])
        w.array(f"niches_of.{side}.keys", np.array(keys, dtype=np.int64))
        w.array(f"niches_of.{side}.starts", starts)
        w.array(f"niches_of.{side}.nids", nids)
        w.array(f"niches_of.{side}.fits", np.array([f for k in keys for f in store.niches_of[side][k].values()],
                                                   dtype=np.float64))
    w.finish(meta)


