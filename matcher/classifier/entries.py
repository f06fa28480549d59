"""The trade-term lexicon as data: concept rows from data/*.psv (RU/EN phrases → HS headings, NACE classes)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
# Order is part of the data: a concept's index is its position, and ties keep the first one.
FILES = ("concepts_machinery", "concepts_vehicles", "concepts_materials", "concepts_food", "concepts_services",
         "concepts_consumer", "terms_trade")
SERVICE_FILES = frozenset({"concepts_services"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One concept: what it is called in Russian and English, and the codes it stands for."""
    id: str
    broader: str | None
    weight: float              # attributes such as "CNC" count less than products
    ru: tuple[str, ...]        # phrases; a trailing * on a word marks a prefix
    en: tuple[str, ...]
    hs: tuple[str, ...]
    nace: tuple[str, ...]
    label_ru: str
    label_en: str
    service: bool              # a service (training, repair …) rather than goods


def _lines(name: str) -> list[str]:
    path = DATA / f"{name}.psv"
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def russian_labels() -> dict[str, str]:
    text = (DATA / "labels_ru.txt").read_text(encoding="utf-8")
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every concept of every lexicon file, in file order; a later row with a known id adds phrases to it."""
    out: dict[str, Entry] = {}
    for name in FILES:
        for line in _lines(name):
            head, broader, ru, en, hs, nace = (part.strip() for part in line.split("|"))
            cid, _, weight = head.partition(":")
            ru_phrases = tuple(p.strip() for p in ru.split(";") if p.strip())
            en_phrases = tuple(p.strip() for p in en.split(";") if p.strip())
            hs_codes = tuple(c.strip() for c in hs.split(",") if c.strip())
            nace_codes = tuple(c.strip() for c in nace.split(",") if c.strip())
            if cid in out:          # terms files extend a concept's phrases without repeating its codes
                old = out[cid]
                out[cid] = Entry(old.id, old.broader, old.weight, old.ru + ru_phrases, old.en + en_phrases,
                                 old.hs or hs_codes, old.nace or nace_codes, old.label_ru, old.label_en, old.service)
                continue
            label_ru = russian_labels().get(cid) or (ru_phrases[0].rstrip("*") if ru_phrases else cid)
            out[cid] = Entry(cid, broader or None, float(weight or 1.0), ru_phrases, en_phrases, hs_codes, nace_codes,
                             label_ru, en_phrases[0].rstrip("*") if en_phrases else cid, name in SERVICE_FILES)
    return tuple(out.values())
