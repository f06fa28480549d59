"""Rank codes for a title and description: lexicon concepts first, the nomenclature's own words second."""
from __future__ import annotations

import math

from matcher.classifier import Suggestion
from matcher.classifier.labels import labels
from matcher.taxonomy import hs, nace

TITLE_WEIGHT, BODY_WEIGHT = 1.0, 0.5


def rank(title: str, description: str, limit: int = 10, schemes: tuple[str, ...] = ("hs", "nace")) -> list[Suggestion]:
    from matcher.scoring import vocabulary
    from matcher.scoring.text import tokenize

    scores: dict[tuple[str, str], float] = {}
    evidence: dict[tuple[str, str], list[str]] = {}
    for text, weight in ((title, TITLE_WEIGHT), (description, BODY_WEIGHT)):
        tokens = tokenize(text)
        for hit in vocabulary.find(tokens):
            words = " ".join(tokens.words[p] for p in hit.positions)
            for scheme, codes in (("hs", hit.concept.hs), ("nace", hit.concept.nace)):
                for code in codes:
                    if scheme == "hs" and len(code) < 4:
                        continue
                    key = (scheme, code)
                    scores[key] = scores.get(key, 0.0) + weight * hit.concept.weight
                    evidence.setdefault(key, []).append(words)
    if not scores:
        for word in (title + " " + description).split():
            for scheme, finder in (("hs", hs.search), ("nace", nace.search)):
                found = [c for c, _ in finder(word, None, limit=40) if scheme == "nace" or len(c) >= 4]
                for code in found:
                    key = (scheme, code)
                    scores[key] = scores.get(key, 0.0) + 0.3 / math.log(2 + len(found))
                    evidence.setdefault(key, []).append(word)
    ranked = sorted((k for k in scores if k[0] in schemes), key=lambda k: (-scores[k], len(k[1]), k[1]))[:limit]
    out = []
    for scheme, code in ranked:
        ru, en = labels(scheme, code)
        out.append(Suggestion(scheme, code, ru, en, round(scores[(scheme, code)] / (1 + scores[(scheme, code)]), 3),
                              tuple(dict.fromkeys(evidence[(scheme, code)]))))
    return out
