"""Typos: a word neither the lexicon nor any official title knows is read as its nearest known word (rapidfuzz)."""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from matcher.classifier.words import Text

MIN_LENGTH = 4           # shorter words are abbreviations more often than typos
MIN_SIMILARITY = 80      # rapidfuzz ratio, 0..100


@lru_cache(maxsize=1)
def known_words() -> tuple[str, ...]:
    """Surface words of the lexicon's phrases and of every official title, for spelling fixes."""
    from matcher.classifier.entries import entries
    from matcher.classifier.nomenclature import documents
    words: set[str] = set()
    for entry in entries():
        for phrase in entry.ru + entry.en:
            # a prefix such as «харвестерн*» is not a word anyone should be offered
            words.update(w for w in phrase.lower().replace("ё", "е").split() if len(w) >= MIN_LENGTH and "*" not in w)
    for text in documents().values():
        words.update(w for w in re.findall(r"[a-zа-я]+", text.lower().replace("ё", "е")) if len(w) >= MIN_LENGTH)
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def _by_first_letter() -> dict[str, tuple[str, ...]]:
    """Known words grouped by first letter: a typo rarely hits the first letter, and this makes a lookup ~30× cheaper."""
    groups: dict[str, list[str]] = {}
    for word in known_words():
        groups.setdefault(word[0], []).append(word)
    return {letter: tuple(words) for letter, words in groups.items()}


def is_known(word: str) -> bool:
    from matcher.classifier import lexicon, nomenclature
    from matcher.classifier.words import keys
    return lexicon.knows(word) or bool(keys(word) & nomenclature.vocabulary())


@lru_cache(maxsize=20_000)
def nearest(word: str) -> str | None:
    """The known word closest to an unknown one, or None when nothing is close enough."""
    if len(word) < MIN_LENGTH or any(ch.isdigit() for ch in word) or is_known(word):
        return None
    choices = _by_first_letter().get(word[0], ())
    found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
    return found[0] if found else None


def corrected(text: Text) -> Text:
    """The text with every unknown word replaced by its nearest known word (the typed word stays as evidence)."""
    fixed = tuple(nearest(w) or w for w in text.words)
    return text if fixed == text.words else Text(text.raw, fixed, text.purpose, text.clause)


def corrections(query: str, lang: str | None = None, limit: int = 5) -> list[str]:
    """The query with its unknown words spelled as the closest known words, best first; [] when all are known."""
    words = re.findall(r"[a-zа-яё0-9]+", query.lower().replace("ё", "е"))
    unknown = [i for i, w in enumerate(words) if len(w) >= MIN_LENGTH and not w.isdigit() and not is_known(w)]
    if not unknown:
        return []
    options: list[tuple[float, str]] = []
    for i in unknown:
        for match, score, _ in process.extract(words[i], known_words(), scorer=fuzz.ratio, limit=limit,
                                               score_cutoff=MIN_SIMILARITY - 10):
            if lang == "ru" and re.match("[a-z]", match) or lang == "en" and re.match("[а-я]", match):
                continue
            options.append((score, " ".join(words[:i] + [match] + words[i + 1:])))
    options.sort(key=lambda o: -o[0])
    return list(dict.fromkeys(text for _, text in options))[:limit]
