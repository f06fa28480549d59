"""A build that prepares items in forked processes indexes exactly what a build in one process does."""
from __future__ import annotations

import filecmp

from matcher.scoring import MatchEngine
from matcher.scoring.forked import can_fork, forked_map
from tests.evaluation.corpus import load

PROFILES, NICHES, _ = load()


def _answers(engine: MatchEngine) -> dict:
    out = {}
    for p in PROFILES:
        out["s", p.id] = engine.suppliers_for_buyer(p.id, limit=20, lang="ru")
        out["b", p.id] = engine.buyers_for_supplier(p.id, limit=20)
        out["niches", p.id] = engine.niches_of_company(p.id)
    for n in NICHES:
        out["ns", n.id] = engine.suppliers_for_niche(n.id)
    return out


def test_a_build_in_two_forked_processes_gives_the_same_matches_and_the_same_snapshot_files(tmp_path):
    assert can_fork(), "these machines fork"
    alone, shared = MatchEngine(), MatchEngine()
    alone.build(PROFILES, NICHES)
    shared.build(PROFILES, NICHES, processes=2)
    assert _answers(shared) == _answers(alone)
    (tmp_path / "alone").mkdir()
    (tmp_path / "shared").mkdir()
    alone.write_snapshot(tmp_path / "alone", {"covers_change": 1})
    shared.write_snapshot(tmp_path / "shared", {"covers_change": 1})
    names = sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "shared").iterdir())
    _, differ, errors = filecmp.cmpfiles(tmp_path / "alone", tmp_path / "shared", names, shallow=False)
    assert (differ, errors) == ([], [])


def test_forked_work_comes_back_in_order_and_small_jobs_stay_in_the_caller():
    items = list(range(1000))
    assert list(forked_map(lambda x: x * x, items, processes=2, chunk=16)) == [x * x for x in items]
    assert list(forked_map(lambda x: -x, items[:20], processes=2, chunk=16)) == [-x for x in items[:20]]
