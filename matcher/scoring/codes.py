"""HS / TN VED and NACE / OKVED code prefixes, depth-of-agreement scores and short labels."""
from __future__ import annotations

from functools import lru_cache

import re

import numpy as np

HS, NACE = "h", "n"
_NON_DIGITS = re.compile(r"\D")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_HS_LEVELS = (2, 4, 6, 8, 10)

# Score of a shared prefix by its depth, and by whether it is the whole code on the need side
# (need_terminal: the need asked for that whole heading) or on the offer side (the offer is
# broader than the need). Rows: depth bucket; columns: [need_terminal][offer_terminal].
# HS buckets: chapter (2), heading (4), subheading or national (6+).
HS_TABLE = np.array([
    [[0.25, 0.40], [0.50, 0.50]],   # same chapter, e.g. 8457 vs 8479 — weak
    [[0.75, 0.85], [1.00, 1.00]],   # same heading
    [[0.90, 0.90], [1.00, 1.00]],   # same subheading or national line
], dtype=np.float32)
# NACE buckets: division (2 digits), group (3), class or OKVED sub-class (4+).
NACE_TABLE = np.array([
    [[0.30, 0.50], [0.60, 0.60]],
    [[0.60, 0.80], [0.90, 0.90]],
    [[0.90, 0.95], [1.00, 1.00]],
], dtype=np.float32)
# depth (digits) -> bucket row for each kind; index by len(prefix)
HS_BUCKET = np.array([0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2], dtype=np.int8)
NACE_BUCKET = np.array([0, 0, 0, 1, 2, 2, 2], dtype=np.int8)


def nace_digits(code: str) -> str:
    """'28.41' -> '2841'; section letters and junk give ''."""
    digits = _NON_DIGITS.sub("", code)[:6]          # OKVED2 goes down to XX.XX.XX
    return digits if len(digits) >= 2 else ""


def nace_dotted(digits: str) -> str:
    """'2841' -> '28.41', '28411' -> '28.41.1'."""
    parts = [digits[:2], digits[2:4], digits[4:]]
    return ".".join(p for p in parts if p)


def prefixes(kind: str, code: str) -> list[tuple[str, int, bool]]:
    """(prefix, depth, is the whole code) for every level of a code that matching looks at."""
    if kind == HS:
        depths = [d for d in _HS_LEVELS if d < len(code)] + [len(code)]
    else:
        depths = list(range(2, len(code) + 1))
    return [(code[:d], d, d == len(code)) for d in depths]


@lru_cache(maxsize=50_000)
def entries(kind: str, codes: tuple[str, ...]) -> dict[str, tuple[int, bool]]:
    """All prefixes of a set of codes: prefix -> (depth, whole code for at least one of them).
    Cached, so the returned dict is shared: read it, never change it."""
    out: dict[str, tuple[int, bool]] = {}
    for code in codes:
        code = nace_digits(code) if kind == NACE else _NON_DIGITS.sub("", code)[:10]
        if len(code) < 2:
            continue
        for prefix, depth, whole in prefixes(kind, code):
            seen = out.get(prefix)
            out[prefix] = (depth, whole or bool(seen and seen[1]))
    return out


def display(kind: str, prefix: str) -> str:
    return prefix if kind == HS else nace_dotted(prefix)


SHORT_LABEL = {"en": 40, "ru": 56}     # characters; Russian names run longer for the same meaning


def _short(text: str | None, limit: int = 40) -> str | None:
    if not text:
        return None
    head = text.split(";")[0].split(",")[0].strip()
    if len(head) > limit:                  # clip at a word boundary
        cut = head[:limit - 1].rsplit(" ", 1)[0] if " " in head[:limit - 1] else head[:limit - 1]
        head = cut.rstrip() + "…"
    return head[:1].lower() + head[1:] if head[1:2].islower() else head


@lru_cache(maxsize=4096)
def label(kind: str, prefix: str, lang: str = "en") -> str | None:
    """Short human label in `lang` ('en' or 'ru'). HS: the vocabulary's name when a concept lists
    exactly this code (it names the product, "machining center"); otherwise, and for NACE,
    matcher.taxonomy's if importable. In Russian a code the taxonomy names only in English (most
    HS subheadings) takes its nearest parent's Russian name."""
    from matcher.scoring.vocabulary import CONCEPTS
    named = [c for c in CONCEPTS if prefix in c.hs] if kind == HS else []
    if named:                               # the concept that lists fewest codes names it best
        concept = min(named, key=lambda c: len(c.hs))
        return concept.label_ru if lang == "ru" else concept.label_en
    try:
        if kind == HS:
            from matcher.taxonomy.hs import label as taxonomy_label
            found = taxonomy_label(prefix, lang)
            if lang == "ru" and not _CYRILLIC.search(found or ""):
                found = next((name for p in (prefix[:d] for d in (8, 6, 4, 2) if d < len(prefix))
                              if _CYRILLIC.search(name := taxonomy_label(p, "ru") or "")), found)
        else:
            from matcher.taxonomy.nace import label as taxonomy_label
            found = taxonomy_label(nace_dotted(prefix), lang)
    except Exception:   # taxonomy absent or its data missing: labels are a nicety, never a failure
        found = None
    return _short(found, SHORT_LABEL.get(lang, 40))
