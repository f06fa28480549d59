"""«Did you mean»: known words close to the unknown words of a query (rapidfuzz)."""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process


@lru_cache(maxsize=1)
def _known_words() -> tuple[str, ...]:
    from matcher.scoring.vocabulary import vocabulary_phrases
    words = set()
    for ru, en in vocabulary_phrases():
        for phrase in ru + en:
            words.update(w.rstrip("*") for w in phrase.split() if len(w.rstrip("*")) > 3)
    return tuple(sorted(words))


def corrections(query: str, lang: str | None = None, limit: int = 5) -> list[str]:
    words = query.lower().replace("ё", "е").split()
    known = set(_known_words())
    if not words or all(w in known for w in words):
        return []
    out = []
    for i, word in enumerate(words):
        if word in known or len(word) < 4:
            continue
        for match, score, _ in process.extract(word, _known_words(), scorer=fuzz.ratio, limit=3, score_cutoff=75):
            out.append(" ".join(words[:i] + [match] + words[i + 1:]))
    return out[:limit]
