"""MatchEngine API: weights, ids, exclusions, incremental updates, niches, thread safety."""
import threading

import pytest

from matcher.scoring import DEFAULT_WEIGHTS, MatchEngine, Niche, UnknownWeightError

from .helpers import buyer, engine, item, supplier

LATHES = item("Токарные станки с ЧПУ", "Станки с наклонной станиной", ["845811"], ["28.41"], 10_000_000)
NEED_LATHES = item("Токарные станки с ЧПУ", "", ["845811"], ["28.41"], 2_000_000)
HARVESTERS = item("Харвестеры и форвардеры", "Колёсная лесозаготовительная техника", ["843680"], ["28.30"])


def test_default_weights_of_positive_features_sum_to_100():
    assert sum(v for v in DEFAULT_WEIGHTS.values() if v > 0) == 100


def test_unknown_weight_names_are_refused_naming_them():
    with pytest.raises(UnknownWeightError, match="colour, texture"):
        MatchEngine({"text": 40, "colour": 1, "texture": 2})
    built = engine(supplier(1, LATHES), buyer(2, NEED_LATHES))
    with pytest.raises(UnknownWeightError, match="hs_code"):
        built.suppliers_for_buyer(2, weights={"hs_code": 10})
    assert issubclass(UnknownWeightError, ValueError)


def test_negative_weights_are_refused_except_for_penalties():
    with pytest.raises(ValueError):
        MatchEngine({"text": -5})
    with pytest.raises(ValueError):
        MatchEngine({"service_mismatch": 5})


def test_weights_per_call_override_the_table_by_name():
    built = engine(supplier(1, item("Токарные станки", hs=["845811"])), buyer(2, item("Станки", hs=["845811"])))
    only_codes = built.suppliers_for_buyer(2, weights={"text": 0, "concepts": 0, "nace_codes": 0})[0]
    assert only_codes.reasons[0].feature == "hs_codes"
    assert only_codes.score != built.suppliers_for_buyer(2)[0].score


def test_unknown_ids_raise_key_error():
    built = engine(supplier(1, LATHES), buyer(2, NEED_LATHES))
    for call in (built.suppliers_for_buyer, built.buyers_for_supplier, built.suppliers_for_niche,
                 built.buyers_for_niche, built.remove_profile, built.remove_niche):
        with pytest.raises(KeyError):
            call(424242)
    with pytest.raises(KeyError):
        built.score_pair(1, 424242)


def test_same_company_is_never_matched_with_itself():
    both = supplier(1, LATHES, roles=("supplier", "buyer"))
    both = both.__class__(**{**{f: getattr(both, f) for f in both.__slots__}, "needs": (NEED_LATHES,)})
    built = engine(both)
    assert all(m.company_id != 1 for m in built.suppliers_for_buyer(1))
    assert built.score_pair(1, 1) is None


def test_pairs_are_excluded_when_the_supplier_or_buyer_lacks_the_role():
    built = engine(supplier(1, LATHES, roles=("buyer",)), buyer(2, NEED_LATHES), supplier(3, LATHES))
    assert [m.company_id for m in built.suppliers_for_buyer(2, min_score=15)] == [3]
    assert built.score_pair(1, 2) is None
    assert engine(supplier(1, LATHES), buyer(2, NEED_LATHES, roles=("supplier",))).suppliers_for_buyer(2) == []


def test_a_buyer_described_only_in_words_finds_the_right_supplier():
    built = engine(supplier(1, HARVESTERS), supplier(3, LATHES),
                   supplier(4, item("Машины для переработки молока", "Сепараторы", ["843420"])),
                   buyer(2, item("Нужна техника для заготовки леса", "Харвестеры для сортиментной заготовки")))
    assert built.suppliers_for_buyer(2)[0].company_id == 1


def test_incremental_upsert_and_remove_change_the_results():
    built = engine(supplier(1, LATHES), buyer(2, NEED_LATHES))
    assert [m.company_id for m in built.suppliers_for_buyer(2, min_score=15)] == [1]
    built.upsert_profile(supplier(3, item("Токарные станки с ЧПУ", "Станки", ["845811"], ["28.41"])))
    assert {m.company_id for m in built.suppliers_for_buyer(2, min_score=15)} == {1, 3}
    built.upsert_profile(supplier(1, HARVESTERS))                       # 1 now sells something else
    assert built.suppliers_for_buyer(2)[0].company_id == 3
    built.remove_profile(3)
    assert 3 not in {m.company_id for m in built.suppliers_for_buyer(2)}
    assert len(built) == len(built._store.profiles)


def test_many_upserts_compact_the_index_and_keep_answers():
    built = engine(buyer(2, NEED_LATHES), background=False)
    for round_ in range(30):
        built.upsert_profile(supplier(1, *[item(f"Токарные станки {k}", hs=["845811"]) for k in range(60)]))
    assert built._store.offers.size < 30 * 60            # tombstones were compacted away
    assert built.suppliers_for_buyer(2)[0].company_id == 1


def test_niche_bonus_names_the_departed_firm_and_niches_can_be_removed():
    ponsse = Niche(7, item("Лесозаготовительная техника", "Харвестеры, форвардеры, запчасти"), "Ponsse (2022)", "RU-PER")
    built = engine(supplier(1, HARVESTERS), buyer(2, item("Харвестеры", hs=["843680"])), niches=(ponsse,))
    match = built.suppliers_for_buyer(2)[0]
    assert any(r.feature == "niche" and r.detail == "fills the niche left by Ponsse (2022)" for r in match.reasons)
    assert built.suppliers_for_niche(7)[0].company_id == 1
    assert built.buyers_for_niche(7)[0].company_id == 2
    assert built.suppliers_for_niche(7)[0].pairs[0].need_id == 7
    built.remove_niche(7)
    assert not any(r.feature == "niche" for r in built.suppliers_for_buyer(2)[0].reasons)


def test_a_niche_in_another_region_gives_no_bonus():
    ponsse = Niche(7, item("Харвестеры"), "Ponsse (2022)", "RU-KHA")
    built = engine(supplier(1, HARVESTERS), buyer(2, item("Харвестеры")), niches=(ponsse,))
    assert not any(r.feature == "niche" for r in built.suppliers_for_buyer(2)[0].reasons)


def test_score_pair_matches_the_ranked_list_and_names_the_best_pairs():
    built = engine(supplier(1, LATHES, HARVESTERS), buyer(2, NEED_LATHES))
    ranked = built.suppliers_for_buyer(2)[0]
    paired = built.score_pair(1, 2)
    assert paired == ranked
    assert paired.pairs[0].offer_id == LATHES.id and paired.pairs[0].need_id == NEED_LATHES.id
    assert built.buyers_for_supplier(1)[0].score == ranked.score


def test_limit_and_min_score_cut_the_list():
    built = engine(supplier(1, LATHES), supplier(3, item("Станки", "универсальные")), buyer(2, NEED_LATHES))
    assert len(built.suppliers_for_buyer(2, limit=1)) == 1
    top = built.suppliers_for_buyer(2)[0].score
    assert all(m.score >= top for m in built.suppliers_for_buyer(2, min_score=top))


def test_reads_stay_consistent_while_another_thread_upserts():
    built = engine(supplier(1, LATHES), buyer(2, NEED_LATHES))
    errors: list[BaseException] = []

    def writer():
        for k in range(40):
            built.upsert_profile(supplier(100 + k % 5, item(f"Токарные станки серия {k}", hs=["845811"])))

    def reader():
        try:
            for _ in range(40):
                assert built.suppliers_for_buyer(2)[0].score > 0
        except BaseException as exc:            # pragma: no cover - reported below
            errors.append(exc)
    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
