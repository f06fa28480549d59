"""`explain` as a set of partner ids: the engine words exactly those partners, as a fully worded list would."""
from __future__ import annotations

from dataclasses import replace

from .helpers import buyer, engine, item, supplier

TITLES = ["Харвестеры", "Харвестеры и форвардеры", "Форвардеры колёсные", "Лесные машины", "Харвестерные головки",
          "Forest harvesters", "Форвардеры для лесозаготовки", "Пилорамы"]


def _corridor():
    suppliers = [supplier(100 + n, item(title, hs=["843680"] if n % 2 else [])) for n, title in enumerate(TITLES)]
    return engine(*suppliers, buyer(1, item("Харвестеры и форвардеры для лесозаготовки", hs=["843680"])))


def test_the_chosen_partners_are_worded_as_in_a_fully_worded_list_and_the_rest_not_at_all():
    built = _corridor()
    full = built.suppliers_for_buyer(1, limit=8)
    chosen = {full[1].company_id, full[4].company_id, 999}      # 999: no such partner, nothing happens
    picked = built.suppliers_for_buyer(1, limit=8, explain=chosen)
    assert len(full) == len(picked) >= 6
    for whole, part in zip(full, picked):
        assert part == (whole if whole.company_id in chosen else replace(whole, reasons=()))
    assert all(m.reasons for m in full)


def test_many_lists_word_the_chosen_partners_of_each_list():
    built = _corridor()
    full = built.suppliers_for_buyer(1, limit=8)
    lists = built.suppliers_for_buyers([1], limit=8, explain=frozenset({full[0].company_id}))
    assert [bool(m.reasons) for m in lists[1]] == [True] + [False] * (len(full) - 1)


def test_a_number_still_words_the_first_that_many_and_none_words_all():
    built = _corridor()
    assert [bool(m.reasons) for m in built.suppliers_for_buyer(1, limit=5, explain=2)] == [True, True, False, False, False]
    assert all(m.reasons for m in built.suppliers_for_buyer(1, limit=5, explain=None))
