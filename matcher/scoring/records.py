"""What a snapshot's files hold: format, manifest name, the engine fingerprint, record codecs."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from matcher.scoring.model import Item, Niche, Profile

FORMAT = 2             # 2: each side's inferred codes kept (explanations skip the classifier)
MANIFEST = "manifest.json"
SIDES = ("offers", "needs", "niche_side")
SIDE_COLUMNS = ("alive", "owner", "item_id", "hs_mode", "nace_mode", "lang", "kind", "volume")
RAGGED = ("terms", "hs", "nace", "concepts")
STORE_COLUMNS = ("company_id", "roles", "country_code", "region_code")


class SnapshotError(Exception):
    """The directory is not a complete snapshot this code can read."""


# What decides a prepared item: the engine's own code, the classifier that infers its codes (code
# and lexicon data), the nomenclature titles the classifier ranks against, and the libraries that
# turn words into lemmas and near-words. A change to any of them makes every old snapshot stale.
FINGERPRINTED_PACKAGES = ("scoring", "classifier", "taxonomy")
FINGERPRINTED_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "rapidfuzz", "snowballstemmer")


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of what prepares and scores items: a snapshot built by other code or data is stale."""
    return source_fingerprint(Path(__file__).resolve().parent.parent)


def source_fingerprint(package_root: Path) -> str:
    """Hash every source and data file of the fingerprinted packages under `package_root`, and the
    versions of the word libraries."""
    from importlib import metadata

    digest = hashlib.sha256()
    for name in FINGERPRINTED_PACKAGES:
        base = package_root / name
        for path in sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(package_root).as_posix().encode())
            digest.update(path.read_bytes())
    for library in FINGERPRINTED_LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent".encode())
    return digest.hexdigest()[:16]


def item_record(item: Item | None):
    if item is None:
        return None
    return [item.id, item.title, item.description, list(item.hs_codes), list(item.nace_codes), item.volume_usd]


def item_of(raw) -> Item:
    return Item(raw[0], raw[1], raw[2], tuple(raw[3]), tuple(raw[4]), raw[5])


def inferred_of(raw: list) -> tuple[tuple[str, str], ...]:
    return tuple((key, words) for key, words in raw)


def profile_record(p: Profile) -> dict:
    return {"id": p.id, "name": p.name, "country": p.country, "region": p.region, "roles": sorted(p.roles),
            "description": p.description, "languages": list(p.languages),
            "certifications": list(p.certifications),
            "offers": [item_record(i) for i in p.offers], "needs": [item_record(i) for i in p.needs]}


def profile_of(raw: dict) -> Profile:
    return Profile(raw["id"], raw["name"], raw["country"], raw["region"], frozenset(raw["roles"]),
                   raw["description"], tuple(raw["languages"]), tuple(raw["certifications"]),
                   tuple(item_of(i) for i in raw["offers"]), tuple(item_of(i) for i in raw["needs"]))


def niche_record(n: Niche) -> list:
    return [n.id, item_record(n.item), n.departed_company, n.region]


def csr(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=starts[1:])
    values = np.array([v for r in rows for v in r], dtype=np.int64)
    return starts, values


