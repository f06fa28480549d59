"""NACE Rev. 2 activity codes (OKVED2 and OKED agree with it to 4 digits): validate, label, search."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matcher.messages.codes import NACE_MALFORMED, NACE_UNKNOWN
from matcher.taxonomy import CodeError

DATA = Path(__file__).parent / "data" / "nace_rev2.csv"
# Section letter, division, group, class, and OKVED2's sub-classes below the class.
_PATTERN = re.compile(r"^(?:[A-U]|\d{2}(?:\.\d(?:\d(?:\.\d{1,2}){0,2})?)?)$")


@dataclass(frozen=True, slots=True)
class Activity:
    code: str
    level: int
    parent: str | None
    name_en: str
    name_ru: str


@lru_cache(maxsize=1)
def _table() -> dict[str, Activity]:
    if not DATA.exists():
        return {}
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: Activity(row["code"], int(row["level"]), row["parent"] or None,
                                  row["name_en"], row.get("name_ru") or "")
            for row in csv.DictReader(handle)
        }


def normalise(raw: str) -> str:
    """'2841' / '28,41' / ' 28.41 ' -> '28.41'; raises CodeError for anything else."""
    code = str(raw).strip().upper().replace(",", ".").replace(" ", "")
    if code.isdigit() and len(code) in (3, 4):
        code = f"{code[:2]}.{code[2:]}"
    if not _PATTERN.match(code):
        raise CodeError(NACE_MALFORMED(value=raw))
    return code


def class_prefix(code: str) -> str:
    """The NACE Rev. 2 part of an OKVED2 code ('28.41.1' -> '28.41')."""
    return code[:5]


def validate(raw: str) -> str:
    code = normalise(raw)
    if class_prefix(code) not in _table():
        raise CodeError(NACE_UNKNOWN(value=code))
    return code


def get(code: str) -> Activity | None:
    return _table().get(class_prefix(code))


def parents(code: str) -> list[str]:
    """Section, division, group, class leading to `code`, broadest first."""
    chain, node = [], get(code)
    while node:
        chain.insert(0, node.code)
        node = _table().get(node.parent) if node.parent else None
    return chain


def label(code: str, lang: str = "en") -> str | None:
    node = get(code)
    if node is None:
        return None
    return (node.name_ru if lang == "ru" else "") or node.name_en


def search(query: str, lang: str | None = None, limit: int = 20) -> list[tuple[str, str]]:
    """Classes and groups whose name (RU or EN) contains every word of the query."""
    words = [w for w in re.findall(r"\w+", query.lower().replace("ё", "е")) if len(w) > 1]
    if not words:
        return []
    stems = [w[:max(4, len(w) - 2)] if len(w) > 5 else w for w in words]
    hits = []
    for node in _table().values():
        if node.level < 2:
            continue
        names = {"ru": node.name_ru, "en": node.name_en}
        for name_lang, name in names.items():
            low = name.lower().replace("ё", "е")
            if (lang in (None, name_lang)) and name and all(s in low for s in stems):
                hits.append((node.code, name))
                break
        else:
            if node.code.startswith(query.strip()):
                hits.append((node.code, label(node.code, lang or "en") or ""))
    hits.sort(key=lambda hit: hit[0])
    return hits[:limit]
