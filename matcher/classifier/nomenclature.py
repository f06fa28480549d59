"""Searchable RU and EN text for every HS heading and subheading and every NACE class, and a BM25 search over it."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from matcher.classifier.entries import entries
from matcher.classifier.words import STOP, key, keys
from matcher.taxonomy import hs, nace

# Words every title uses that name no product.
_NOISE = frozenset("""other others nes n e c heading headings subheading whether not than including included
parts part thereof articles kind kinds used mainly principally similar such
прочие прочий прочая прочее включая или не в другом месте поименованные включенные части принадлежности
изделия виды вида кроме том числе товарной позиции для под""".split()) | STOP
K1, B = 1.2, 0.5


def _terms(text: str) -> list[str]:
    words = re.findall(r"[a-zа-яё]+", text.lower().replace("ё", "е"))
    return [key(w) for w in words if len(w) > 1 and w not in _NOISE]


@lru_cache(maxsize=1)
def documents() -> dict[tuple[str, str], str]:
    """(scheme, code) -> its searchable text: the official RU and EN titles, the heading's Russian title for a
    subheading, and every lexicon phrase of the concepts that name the code."""
    english = hs._wco_english()
    russian = hs._russian()
    docs: dict[tuple[str, str], str] = {}
    for code, text in english.items():
        if len(code) in (4, 6):
            docs[("hs", code)] = " ".join(filter(None, (text, russian.get(code), russian.get(code[:4]) if len(code) == 6 else "")))
    for code in nace._table():
        node = nace.get(code)
        if node and node.level == 4:
            docs[("nace", code)] = f"{node.name_en} {node.name_ru}"
    for entry in entries():
        phrases = " ".join(p.replace("*", "") for p in entry.ru + entry.en)
        for code in entry.hs:
            if ("hs", code) in docs:
                docs[("hs", code)] += " " + phrases
        for code in entry.nace:
            if ("nace", code) in docs:
                docs[("nace", code)] += " " + phrases
    return docs


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, dict[tuple[str, str], int]], dict[tuple[str, str], int], float, int]:
    postings: dict[str, dict[tuple[str, str], int]] = {}
    lengths: dict[tuple[str, str], int] = {}
    for doc, text in documents().items():
        terms = _terms(text)
        lengths[doc] = len(terms)
        for term in terms:
            postings.setdefault(term, {})
            postings[term][doc] = postings[term].get(doc, 0) + 1
    average = sum(lengths.values()) / max(len(lengths), 1)
    return postings, lengths, average, len(lengths)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every key any searchable text uses."""
    return frozenset(_index()[0])


def idf(term: str) -> float:
    postings, _, _, n = _index()
    df = len(postings.get(term, ()))
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def search(words: list[str], limit: int = 30) -> list[tuple[tuple[str, str], float, float]]:
    """[(doc, BM25 score, share of the query's weight the doc covers)] for the words, best first."""
    postings, lengths, average, _ = _index()
    scores: dict[tuple[str, str], float] = {}
    covered: dict[tuple[str, str], float] = {}
    total = 0.0
    for word in dict.fromkeys(words):
        if word in _NOISE:
            continue
        # the key in most titles; among equals the first in sorted order, not in the set's (hash-seeded) order
        best_term = max(sorted(keys(word)), key=lambda t: len(postings.get(t, ())), default=None)
        if best_term is None or best_term not in postings:
            total += idf("")
            continue
        weight = idf(best_term)
        total += weight
        for doc, tf in postings[best_term].items():
            norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[doc] / average))
            scores[doc] = scores.get(doc, 0.0) + weight * norm
            covered[doc] = covered.get(doc, 0.0) + weight
    ranked = sorted(scores, key=lambda d: (-scores[d], len(d[1]), d[1]))[:limit]
    return [(doc, scores[doc], covered[doc] / total if total else 0.0) for doc in ranked]


@lru_cache(maxsize=20_000)
def _doc_terms(doc: tuple[str, str]) -> frozenset[str]:
    return frozenset(_terms(documents().get(doc, "")))


def contains(doc: tuple[str, str], word: str) -> bool:
    return bool(keys(word) & _doc_terms(doc))
