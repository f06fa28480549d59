"""The feature registry is the one list of features, and pair_total the one place a score is added up."""
import numpy as np

from matcher.scoring import DEFAULT_WEIGHTS, MatchEngine, registry, snapshot, weights

from .helpers import buyer, engine, item, supplier


def test_every_feature_is_named_once_and_the_weight_table_is_the_registry():
    names = [f.name for f in registry.FEATURES]
    assert len(names) == len(set(names))
    assert weights.FEATURES == tuple(names) and list(DEFAULT_WEIGHTS) == names
    assert {f.kind for f in registry.FEATURES} <= {registry.PRODUCT, registry.PAIR, registry.PLACE,
                                                   registry.COMPANY, registry.PENALTY}
    assert all(f.weight <= 0 for f in registry.PENALTY_FEATURES)
    assert sum(f.weight for f in registry.FEATURES if f.kind != registry.PENALTY) == 100


def test_every_feature_says_what_it_detects():
    for f in registry.FEATURES:
        assert f.summary and f.summary != f.name, f.name
    assert all(f.facet and f.niche for f in registry.COMPANY_FEATURES)
    assert all(f.detail for f in registry.FEATURES if f.kind != registry.COMPANY)


def test_context_counts_only_as_far_as_the_product_fits_and_a_penalty_never_takes_a_pair_below_zero():
    product, fit = np.array([[40.0, 2.0, 90.0]]), np.array([[0.8, 0.1, 1.0]])
    gate, penalty, total = registry.pair_total(product, fit, np.array([[10.0, 10.0, 10.0]]),
                                               np.array([[0.0, -12.0, 0.0]]), np.array([[3.0, 3.0, 3.0]]))
    assert gate.tolist() == [[1.0, 0.2, 1.0]]
    assert total[0, 0] == 53.0                       # 40 + 10 + 3, the gate fully open
    assert penalty[0, 1] == -(2.0 + 0.2 * 13.0) and total[0, 1] == 0.0
    assert total[0, 2] == 100.0                      # capped


def test_the_total_without_company_points_is_a_lower_bound_of_the_total_with_them():
    rng = np.random.default_rng(7)
    product, fit = rng.uniform(0, 95, (4, 50)), rng.uniform(0, 1, (4, 50))
    context, penalty, company = rng.uniform(0, 12, (4, 50)), -12.0 * (rng.uniform(0, 1, (4, 50)) > 0.7), \
        rng.uniform(0, 3, (4, 50))
    _, _, without = registry.pair_total(product, fit, context, penalty)
    _, _, with_company = registry.pair_total(product, fit, context, penalty, company)
    assert (without <= with_company + 1e-12).all() and (with_company <= without + company + 1e-12).all()


def _corridor() -> MatchEngine:
    return engine(
        supplier(1, item("Форвардеры и харвестеры", "лесозаготовительная техника", ["843680"]),
                 languages=("ru", "en"), certifications=("ISO 9001",)),
        supplier(3, item("Колёсные погрузчики", "фронтальные погрузчики для карьеров", ["842951"]),
                 languages=("ru",)),
        buyer(2, item("Харвестеры", "техника для лесозаготовки в Пермском крае", ["843680"]),
              languages=("ru",), certifications=("iso 9001",)),
    )


def test_the_reasons_of_a_match_add_up_to_its_score_in_registry_features():
    found = _corridor().suppliers_for_buyer(2)
    assert found and found[0].company_id == 1
    for match in found:
        assert round(sum(r.contribution for r in match.reasons), 1) == match.score
        assert {r.feature for r in match.reasons} <= set(registry.NAMES)
    assert {"hs_codes", "certifications", "languages", "geography"} <= {r.feature for r in found[0].reasons}


def test_a_snapshot_that_kept_no_facet_for_a_company_feature_derives_it_from_the_stored_profiles(tmp_path):
    built = _corridor()
    built.write_snapshot(tmp_path, {})
    store, _ = snapshot.load(tmp_path)
    store.facets.pop("languages")                    # as if the feature had been added after the snapshot
    mapped = MatchEngine.over(store)
    assert mapped.suppliers_for_buyer(2) == built.suppliers_for_buyer(2)
    assert store.languages[store.slot_of[1]] == frozenset({"ru", "en"})
