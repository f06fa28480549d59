"""The official-titles search reads a word by the same key whatever order its keys come in."""
from __future__ import annotations

from matcher.classifier import nomenclature
from matcher.classifier.words import keys

# «пластиков» has two keys found in as many official titles each: a tie
WORD = "пластиков"


def test_a_word_whose_keys_tie_is_searched_alike_in_either_order_of_its_keys(monkeypatch):
    postings = nomenclature._index()[0]
    tied = sorted(k for k in keys(WORD) if k in postings)
    assert len(tied) == 2 and len(postings[tied[0]]) == len(postings[tied[1]])

    monkeypatch.setattr(nomenclature, "keys", lambda word: list(tied))
    in_order = nomenclature.search([WORD])
    monkeypatch.setattr(nomenclature, "keys", lambda word: list(reversed(tied)))
    reversed_order = nomenclature.search([WORD])

    assert in_order and in_order == reversed_order
