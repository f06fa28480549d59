"""Bilingual concept table (the classifier's lexicon, data/*.psv): RU/EN phrases → concepts with HS headings and NACE classes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from matcher.classifier.entries import entries
from matcher.scoring.text import Tokens, is_content_word, normalise, stem

MIN_PREFIX = 3            # «мяс*», «рыб*»; anything shorter would catch unrelated words


@dataclass(frozen=True, slots=True)
class Concept:
    index: int
    id: str
    broader: str | None
    weight: float          # attributes such as "CNC" count less than products
    hs: tuple[str, ...]
    nace: tuple[str, ...]
    label_ru: str
    label_en: str
    service: bool          # a service (training, repair, logistics …) rather than goods


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a concept in a text: which words (token positions) expressed it."""
    concept: Concept
    positions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Pattern:
    concept: int
    words: tuple[tuple[str, bool], ...]     # (stem, False) or (word prefix, True)
    size: int                               # specificity: characters of the pattern


def _parse() -> tuple[list[Concept], list[_Pattern]]:
    """Concepts and their stemmed phrase patterns, from the classifier's lexicon (one lexicon for both)."""
    concepts: list[Concept] = []
    patterns: list[_Pattern] = []
    for entry in entries():
        concept = Concept(len(concepts), entry.id, entry.broader, entry.weight, entry.hs, entry.nace,
                          entry.label_ru, entry.label_en, entry.service)
        concepts.append(concept)
        for phrase in entry.ru + entry.en:
            words = []
            for raw in phrase.split():
                word = normalise(raw.rstrip("*"))
                if not is_content_word(word):
                    continue
                prefix = raw.endswith("*") and len(word) >= MIN_PREFIX
                words.append((word if prefix else stem(word), prefix))
            if words:
                patterns.append(_Pattern(concept.index, tuple(words), sum(len(w) for w, _ in words)))
    return concepts, patterns


CONCEPTS, _PATTERNS = _parse()
BY_ID = {c.id: c for c in CONCEPTS}
_EXACT: dict[str, list[_Pattern]] = {}
_PREFIX: dict[str, list[tuple[str, _Pattern]]] = {}
# A phrase can only match where all its words are, so it is looked up from one of them: the one
# that fewest phrases share (fewest windows to scan).
_USES: dict[tuple[str, bool], int] = {}
for _p in _PATTERNS:
    for _w in set(_p.words):
        _USES[_w] = _USES.get(_w, 0) + 1
for _p in _PATTERNS:
    _w, _is_prefix = min(_p.words, key=lambda w: (_USES[w], -len(w[0])))
    if _is_prefix:
        _PREFIX.setdefault(_w[:MIN_PREFIX], []).append((_w, _p))
    else:
        _EXACT.setdefault(_w, []).append(_p)


def _first(words, stems, lo: int, hi: int, pattern_word: tuple[str, bool], used: list[int]) -> int:
    text, is_prefix = pattern_word
    if is_prefix:
        for j in range(lo, hi):
            if words[j].startswith(text) and j not in used:
                return j
    else:
        for j in range(lo, hi):
            if stems[j] == text and j not in used:
                return j
    return -1


@lru_cache(maxsize=100_000)
def _patterns_for(word: str, stem_: str) -> tuple[_Pattern, ...]:
    """Patterns that one of their words matches this word (cached: words repeat a lot)."""
    found = list(_EXACT.get(stem_, ()))
    found += [p for pre, p in _PREFIX.get(word[:MIN_PREFIX], ()) if word.startswith(pre)]
    return tuple(found)


def find(tokens: Tokens) -> list[Hit]:
    """Concepts named in a text. Words of a phrase may come in any order within a short window;
    the most specific phrase wins its words («пильная шина» is a saw bar, not a tyre)."""
    words, stems = tokens.words, tokens.stems
    found: dict[tuple[int, tuple[int, ...]], int] = {}
    for pos, (word, stem_) in enumerate(zip(words, stems)):
        for pattern in _patterns_for(word, stem_):
            n = len(pattern.words)
            if n == 1:
                found[(pattern.concept, (pos,))] = pattern.size
                continue
            lo, hi = max(0, pos - n), min(len(words), pos + n + 1)
            used: list[int] = []
            for pattern_word in pattern.words:
                at = _first(words, stems, lo, hi, pattern_word, used)
                if at < 0:
                    break
                used.append(at)
            else:
                found[(pattern.concept, tuple(sorted(used)))] = pattern.size
    claimed: set[int] = set()
    hits: list[Hit] = []
    for (concept, positions), _size in sorted(found.items(), key=lambda kv: (-len(kv[0][1]), -kv[1])):
        if set(positions) <= claimed:
            continue
        claimed.update(positions)
        hits.append(Hit(CONCEPTS[concept], positions))
    return [_as_machinery(hit, stems) for hit in sorted(hits, key=lambda h: h.positions)]


# «машины для лесозаготовки», «оборудование для молочного завода», "dairy equipment": a sector
# named next to an equipment word means the sector's machinery, not its produce.
_EQUIPMENT_WORDS = frozenset(stem(w) for w in (
    "оборудование машины машина техника установки линии агрегаты equipment machinery machines "
    "machine plant line lines").split())
MACHINERY_FOR = {
    "forestry": "forest_machine", "roundwood": "forest_machine", "wood_products": "woodworking_machine",
    "sawn_timber": "sawmill_equipment", "food": "food_machinery", "dairy": "dairy_machinery",
    "milk": "dairy_machinery", "cheese": "dairy_machinery", "butter": "dairy_machinery",
    "meat": "meat_machinery", "sausage": "meat_machinery", "poultry": "meat_machinery",
    "bakery": "bakery_equipment", "flour": "food_machinery", "confectionery": "food_machinery",
    "packaging": "packaging_machinery", "concrete": "concrete_equipment", "road_construction": "road_machinery",
    "construction_works": "construction_machinery", "aggregates": "crushing", "grain": "agri_machinery",
    "livestock": "livestock_equipment", "oilfield_equipment": "oilfield_equipment", "welding": "welding",
}
_WINDOW = 3


def _as_machinery(hit: Hit, stems: tuple[str, ...]) -> Hit:
    target = MACHINERY_FOR.get(hit.concept.id)
    if target is None or target == hit.concept.id:
        return hit
    lo, hi = max(0, min(hit.positions) - _WINDOW), max(hit.positions) + _WINDOW + 1
    near = [j for j in range(lo, min(hi, len(stems))) if j not in hit.positions and stems[j] in _EQUIPMENT_WORDS]
    return Hit(BY_ID[target], tuple(sorted(hit.positions + tuple(near[:1])))) if near else hit


@lru_cache(maxsize=1)
def similarity() -> np.ndarray:
    """Concept × concept similarity: 1 same, 0.6 broader/narrower, 0.4 siblings, 0.3 two steps up."""
    n = len(CONCEPTS)
    sim = np.zeros((n, n), dtype=np.float32)
    parent = {c.index: BY_ID[c.broader].index if c.broader in BY_ID else None for c in CONCEPTS}
    for c in CONCEPTS:
        sim[c.index, c.index] = 1.0
        p = parent[c.index]
        if p is not None:
            sim[c.index, p] = sim[p, c.index] = 0.6
            gp = parent[p]
            if gp is not None:
                sim[c.index, gp] = sim[gp, c.index] = max(sim[c.index, gp], 0.3)
    for a in CONCEPTS:
        for b in CONCEPTS:
            if a.index != b.index and parent[a.index] is not None and parent[a.index] == parent[b.index]:
                sim[a.index, b.index] = max(sim[a.index, b.index], 0.4)
    return sim


def vocabulary_phrases() -> list[tuple[list[str], list[str]]]:
    """The raw RU and EN phrases of every concept (by index), * prefixes kept: for generators."""
    return [(list(entry.ru), list(entry.en)) for entry in entries()]
