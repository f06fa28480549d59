"""Mission lists: every supplier × buyer pair among a set of companies, in one vectorised pass."""
import random

import pytest

from matcher.scoring import Match, MatchEngine
from tests.evaluation.corpus import load

from .helpers import buyer, engine, item, supplier

LATHES = item("Станки токарные с ЧПУ", "Токарно-винторезные станки", ["845811"], ["28.41"], volume=5_000_000)
CHEESE = item("Сыры твёрдые", "Российский, Голландский", ["040690"])


@pytest.fixture(scope="module")
def corridor() -> MatchEngine:
    profiles, niches, _ = load()
    built = MatchEngine()
    built.build(profiles, niches)
    return built


@pytest.mark.parametrize("seed", range(6))
def test_every_pair_scores_and_explains_exactly_as_score_pair(corridor, seed):
    ids = random.Random(seed).sample(sorted(corridor._store.profiles), 12 + 8 * seed)
    found = {(s, b): m for s, b, m in corridor.pairs_among(ids)}
    expected = {(s, b): corridor.score_pair(s, b) for s in ids for b in ids}
    expected = {pair: m for pair, m in expected.items() if m is not None}
    assert found == expected


def test_weights_apply_as_they_do_to_score_pair(corridor):
    ids = random.Random(9).sample(sorted(corridor._store.profiles), 30)
    weights = {"text": 10.0, "geography": 20.0}
    found = {(s, b): m for s, b, m in corridor.pairs_among(ids, weights=weights)}
    assert found == {(s, b): m for s in ids for b in ids if (m := corridor.score_pair(s, b, weights=weights))}


def test_pairs_come_best_first_and_min_score_cuts_them(corridor):
    ids = sorted(corridor._store.profiles)
    everything = corridor.pairs_among(ids)
    keys = [(-m.score, s, b) for s, b, m in everything]
    assert keys == sorted(keys)
    assert corridor.pairs_among(ids, min_score=60) == [t for t in everything if t[2].score >= 60]


def test_per_company_keeps_the_best_pairs_of_each_company_counting_both_sides(corridor):
    ids = sorted(corridor._store.profiles)
    everything = corridor.pairs_among(ids, min_score=30)
    kept = corridor.pairs_among(ids, min_score=30, per_company=2)
    count: dict[int, int] = {}
    expected = []
    for s, b, m in everything:
        if count.get(s, 0) < 2 and count.get(b, 0) < 2:
            count[s], count[b] = count.get(s, 0) + 1, count.get(b, 0) + 1
            expected.append((s, b, m))
    assert kept == expected and len(kept) < len(everything)


def test_allow_drops_pairs_before_the_per_company_cap(corridor):
    ids = sorted(corridor._store.profiles)
    banned = corridor.pairs_among(ids, min_score=30)[0][:2]
    kept = corridor.pairs_among(ids, min_score=30, per_company=1, allow=lambda s, b: (s, b) != banned)
    assert banned not in [(s, b) for s, b, _ in kept]
    assert any(banned[0] in (s, b) for s, b, _ in kept)


def test_a_company_that_sells_and_buys_never_pairs_with_itself_and_empty_sides_score_zero():
    both = supplier(1, LATHES, roles=("supplier", "buyer"))
    both = both.__class__(**{**{f: getattr(both, f) for f in both.__slots__}, "needs": (item("Сыры"),)})
    built = engine(both, buyer(2, item("Станки токарные")), supplier(3, CHEESE), buyer(4))
    found = {(s, b): m for s, b, m in built.pairs_among([1, 2, 3, 4])}
    assert (1, 1) not in found and {(1, 2), (1, 4), (3, 1), (3, 2), (3, 4)} <= set(found)
    assert found[(1, 4)] == Match(1, 0.0, (), ()) == built.score_pair(1, 4)
    assert found[(1, 2)].score > 60 and found[(3, 1)].score > 60


def test_unknown_ids_raise_key_error_and_one_sided_sets_give_nothing():
    built = engine(supplier(1, LATHES), buyer(2, item("Станки")))
    with pytest.raises(KeyError):
        built.pairs_among([1, 2, 12345])
    assert built.pairs_among([1, 900, 901]) == []


def test_many_lists_at_once_equal_one_list_at_a_time_also_in_worker_processes(corridor):
    buyers = [cid for cid, p in sorted(corridor._store.profiles.items()) if "buyer" in p.roles]
    one_by_one = {cid: corridor.suppliers_for_buyer(cid, limit=5, lang="ru") for cid in buyers}
    assert corridor.suppliers_for_buyers(buyers, limit=5, lang="ru") == one_by_one
    assert corridor.suppliers_for_buyers(buyers, limit=5, lang="ru", processes=2) == one_by_one
    suppliers = [cid for cid, p in sorted(corridor._store.profiles.items()) if "supplier" in p.roles][:20]
    assert corridor.buyers_for_suppliers(suppliers, processes=2) == {c: corridor.buyers_for_supplier(c)
                                                                     for c in suppliers}


def test_lists_explaining_only_the_first_matches_agree_with_full_lists_and_leave_the_rest_unworded(corridor):
    buyers = [cid for cid, p in sorted(corridor._store.profiles.items()) if "buyer" in p.roles]
    full = corridor.suppliers_for_buyers(buyers, limit=8, lang="ru")
    shown = corridor.suppliers_for_buyers(buyers, limit=8, lang="ru", explain=3, processes=2)
    assert any(len(found) > 3 for found in full.values()), "some list is longer than what is explained"
    for cid, found in full.items():
        assert [(m.company_id, m.score, m.pairs) for m in shown[cid]] == [(m.company_id, m.score, m.pairs)
                                                                        for m in found]
        assert [m.reasons for m in shown[cid][:3]] == [m.reasons for m in found[:3]]
        assert all(m.reasons == () for m in shown[cid][3:])
        assert all(m.reasons for m in found if m.score > 0)
