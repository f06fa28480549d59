"""Find the lexicon's concepts in a text: phrases in any word order, lemmas or prefixes, the most specific wins."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from matcher.classifier.entries import Entry, entries
from matcher.classifier.words import STOP, Text, key, keys, normalise

MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """One concept named in a text, and the positions of the words that named it."""
    entry: Entry
    positions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Pattern:
    concept: int                               # index into entries()
    words: tuple[tuple[str, bool], ...]        # (key, False) or (prefix, True)
    size: int                                  # characters: the longer, the more specific


def phrase_words(phrase: str) -> tuple[tuple[str, bool], ...]:
    out = []
    for raw in phrase.split():
        word = normalise(raw.rstrip("*"))
        for part in word.split():
            if part in STOP or len(part) < 2:
                continue
            prefix = raw.endswith("*") and len(part) >= MIN_PREFIX
            out.append((part if prefix else key(part), prefix))
    return tuple(out)


@lru_cache(maxsize=1)
def index() -> tuple[dict[str, list[Pattern]], dict[str, list[tuple[str, Pattern]]], frozenset[str]]:
    """(key -> patterns, 3-letter start -> (prefix, pattern), every key a pattern uses)."""
    exact: dict[str, list[Pattern]] = {}
    prefix: dict[str, list[tuple[str, Pattern]]] = {}
    known: set[str] = set()
    for i, entry in enumerate(entries()):
        for phrase in entry.ru + entry.en:
            words = phrase_words(phrase)
            if not words:
                continue
            pattern = Pattern(i, words, sum(len(w) for w, _ in words))
            known.update(w for w, is_prefix in words if not is_prefix)
            first, is_prefix = words[0]
            if is_prefix:
                prefix.setdefault(first[:MIN_PREFIX], []).append((first, pattern))
            else:
                exact.setdefault(first, []).append(pattern)
    return exact, prefix, frozenset(known)


def _matches(word: str, pattern_word: tuple[str, bool]) -> bool:
    text, is_prefix = pattern_word
    return word.startswith(text) if is_prefix else text in keys(word)


def _candidates(word: str) -> list[Pattern]:
    exact, prefix, _ = index()
    found = [p for k in keys(word) for p in exact.get(k, ())]
    found += [p for pre, p in prefix.get(word[:MIN_PREFIX], ()) if word.startswith(pre)]
    return found


def knows(word: str) -> bool:
    """The lexicon has this word (by lemma, stem or prefix)."""
    _, prefix, known = index()
    return bool(keys(word) & known) or any(word.startswith(pre) for pre, _ in prefix.get(word[:MIN_PREFIX], ()))


def find(text: Text) -> list[Hit]:
    """Concepts named in the text. A phrase's words may come in any order within a short window;
    where phrases overlap the longer one keeps its words («пильная шина» is a saw bar, not a tyre)."""
    words = text.words
    found: dict[tuple[int, tuple[int, ...]], int] = {}
    for pos, word in enumerate(words):
        for pattern in _candidates(word):
            n = len(pattern.words)
            if n == 1:
                # a concept may reach the word by several of its phrases (by lemma and by stem: «свинины»
                # is «свинина» and «свинин»): it counts with its longest, whatever order keys(word) — a
                # set of strings, ordered by the process's hash seed — gives them in
                found[(pattern.concept, (pos,))] = max(pattern.size, found.get((pattern.concept, (pos,)), 0))
                continue
            lo, hi = max(0, pos - n), min(len(words), pos + n + 1)
            used = [pos]
            for pattern_word in pattern.words[1:]:
                at = next((j for j in range(lo, hi) if j not in used and _matches(words[j], pattern_word)), -1)
                if at < 0:
                    break
                used.append(at)
            else:
                key = (pattern.concept, tuple(sorted(used)))
                found[key] = max(pattern.size, found.get(key, 0))
    claimed: set[int] = set()
    hits: list[Hit] = []
    all_entries = entries()
    for (concept, positions), _size in sorted(found.items(), key=lambda kv: (-len(kv[0][1]), -kv[1], kv[0][0])):
        if set(positions) <= claimed:
            continue
        claimed.update(positions)
        hits.append(Hit(all_entries[concept], positions))
    return sorted(hits, key=lambda h: h.positions)
