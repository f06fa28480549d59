"""Explanations re-prepare shown items from what the index kept, without asking the classifier again;
a bulk replay keeps what it added out of the garbage collector's full passes."""
from __future__ import annotations

import dataclasses
import gc

import pytest

from matcher.classifier import ranker
from matcher.scoring import MatchEngine, snapshot
from matcher.scoring.prepare import prepare
from matcher.scoring.replay import PREPARED_AT_ONCE
from tests.evaluation.corpus import load

PROFILES, NICHES, _ = load()


def _mapped(engine: MatchEngine, tmp_path) -> MatchEngine:
    target = tmp_path / "snap"
    target.mkdir()
    engine.write_snapshot(target, {"covers_change": 1})
    return MatchEngine.over(snapshot.load(target)[0])


@pytest.fixture(scope="module")
def built() -> MatchEngine:
    engine = MatchEngine()
    engine.build(PROFILES, NICHES)
    return engine


@pytest.mark.parametrize("where", ["in memory", "mapped"])
def test_an_item_prepared_from_the_codes_the_index_kept_equals_a_fresh_preparation(built, tmp_path, where):
    engine = built if where == "in memory" else _mapped(built, tmp_path)
    store = engine._store
    inferred_somewhere = False
    for side in (store.offers, store.needs, store.niche_side):
        for iid in range(side.size):
            item = side.items[iid]
            kept = side.inferred_of(iid)
            inferred_somewhere = inferred_somewhere or bool(kept)
            assert prepare(item, kept) == prepare(item), item
    assert inferred_somewhere, "the corpus should have items whose codes the classifier inferred"


@pytest.mark.parametrize("where", ["in memory", "mapped"])
def test_explaining_matches_never_asks_the_classifier_again(built, tmp_path, where):
    engine = built if where == "in memory" else _mapped(built, tmp_path)
    buyers = [p.id for p in PROFILES if "buyer" in p.roles and p.needs]
    ranker.infer.cache_clear()
    lists = engine.suppliers_for_buyers(buyers, limit=20)
    assert any(match.reasons for found in lists.values() for match in found)
    asked = ranker.infer.cache_info()
    assert asked.hits + asked.misses == 0


def test_a_bulk_replay_leaves_what_it_added_frozen_out_of_full_gc_passes(built, tmp_path):
    engine = _mapped(built, tmp_path)
    # copies of the corpus under new ids: a bulk change, more companies than one prepared batch
    bulk = [dataclasses.replace(p, id=p.id + shift) for shift in (100_000, 200_000) for p in PROFILES]
    assert len(bulk) > PREPARED_AT_ONCE
    gc.unfreeze()
    try:
        engine.replay(bulk)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert all(p.id in engine for p in bulk)
