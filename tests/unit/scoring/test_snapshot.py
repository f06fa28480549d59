"""A mapped snapshot answers exactly like the in-memory index it was written from, also after a tail."""
from __future__ import annotations

import json

import pytest

from matcher.scoring import MatchEngine
from matcher.scoring import snapshot
from tests.evaluation.corpus import load
from tests.unit.scoring.helpers import tail_of

PROFILES, NICHES, _ = load()


def _engine() -> MatchEngine:
    engine = MatchEngine()
    engine.build(PROFILES, NICHES)
    return engine


def _everything(engine: MatchEngine, lang: str = "en") -> dict:
    out = {}
    for p in PROFILES:
        if p.id not in engine:
            continue
        out[("s", p.id)] = engine.suppliers_for_buyer(p.id, limit=20, lang=lang)
        out[("b", p.id)] = engine.buyers_for_supplier(p.id, limit=20, lang=lang)
        out[("niches", p.id)] = engine.niches_of_company(p.id)
    for n in NICHES:
        out[("ns", n.id)] = engine.suppliers_for_niche(n.id, limit=20, lang=lang)
        out[("nb", n.id)] = engine.buyers_for_niche(n.id, limit=20, lang=lang)
    ids = [p.id for p in PROFILES[:40] if p.id in engine]
    out["among"] = engine.pairs_among(ids, min_score=10.0, lang=lang)
    return out


def _mapped(engine: MatchEngine, tmp_path) -> MatchEngine:
    target = tmp_path / "snap"
    target.mkdir()
    engine.write_snapshot(target, {"covers_change": 7})
    store, manifest = snapshot.load(target)
    assert manifest["covers_change"] == 7
    return MatchEngine.over(store)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_mapped_snapshot_gives_the_same_matches_reasons_and_niches_as_the_index_it_was_written_from(tmp_path, lang):
    built = _engine()
    mapped = _mapped(built, tmp_path)
    assert len(mapped) == len(built)
    assert _everything(mapped, lang) == _everything(built, lang)


def _tail():
    return tail_of(PROFILES)


def test_mapped_snapshot_with_a_replayed_tail_equals_a_fresh_build_of_the_same_registry(tmp_path):
    upserts, removed = _tail()
    mapped = _mapped(_engine(), tmp_path)
    mapped.replay(upserts, removed, refresh_niches=True)

    final = {p.id: p for p in PROFILES if p.id not in removed}
    final.update({p.id: p for p in upserts})
    fresh = MatchEngine()
    fresh.build(final.values(), NICHES)
    # A fresh build numbers items differently; every answer is in ids, so they must agree. Niche
    # fits are recomputed after the tail (without it, an untouched offer keeps the fit 0.4545 it had
    # on arrival, which the fresh build puts below the 0.45 line), so the niche feature agrees too.
    for p in final.values():
        assert mapped.suppliers_for_buyer(p.id) == fresh.suppliers_for_buyer(p.id)
        assert mapped.buyers_for_supplier(p.id) == fresh.buyers_for_supplier(p.id)
        assert mapped.niches_of_company(p.id) == fresh.niches_of_company(p.id)
    for n in NICHES:
        assert mapped.suppliers_for_niche(n.id) == fresh.suppliers_for_niche(n.id)
        assert mapped.buyers_for_niche(n.id) == fresh.buyers_for_niche(n.id)
    assert all(c not in mapped for c in removed)
    assert len(mapped) == len(final)


def test_mapped_snapshot_with_a_replayed_tail_answers_exactly_like_the_in_memory_index_after_the_same_tail(tmp_path):
    upserts, removed = _tail()
    in_memory = _engine()
    mapped = _mapped(in_memory, tmp_path)
    mapped.replay(upserts, removed)             # one chunk: the removals, then the upserts
    for company_id in removed:
        in_memory.remove_profile(company_id)
    for profile in upserts:
        in_memory.upsert_profile(profile)
    assert _everything(mapped) == _everything(in_memory)


def test_a_snapshot_written_again_after_a_tail_round_trips(tmp_path):
    upserts, removed = _tail()
    mapped = _mapped(_engine(), tmp_path)
    mapped.replay(upserts, removed)
    again = tmp_path / "again"
    again.mkdir()
    mapped.write_snapshot(again, {"covers_change": 9})
    reloaded = MatchEngine.over(snapshot.load(again)[0])
    for p in upserts:
        assert reloaded.suppliers_for_buyer(p.id) == mapped.suppliers_for_buyer(p.id)
        assert reloaded.buyers_for_supplier(p.id) == mapped.buyers_for_supplier(p.id)


def test_a_snapshot_written_after_the_niches_were_refreshed_maps_back_with_the_same_memberships(tmp_path):
    upserts, removed = _tail()
    mapped = _mapped(_engine(), tmp_path)
    mapped.replay(upserts, removed, refresh_niches=True)    # memberships now over arrays of its own
    again = tmp_path / "again"
    again.mkdir()
    mapped.write_snapshot(again, {"covers_change": 9})
    reloaded = MatchEngine.over(snapshot.load(again)[0])
    answers = _everything(mapped)
    assert any(answers["niches", p.id] for p in PROFILES if p.id in mapped)
    assert _everything(reloaded) == answers


def test_truncated_array_or_edited_blob_or_foreign_format_is_refused(tmp_path):
    built = _engine()
    target = tmp_path / "snap"
    target.mkdir()
    built.write_snapshot(target, {"covers_change": 1})
    biggest = max(target.glob("*.npy"), key=lambda p: p.stat().st_size)
    biggest.write_bytes(biggest.read_bytes()[:-100])
    with pytest.raises(snapshot.SnapshotError, match="bytes"):
        snapshot.load(target)

    other = tmp_path / "other"
    other.mkdir()
    built.write_snapshot(other, {"covers_change": 1})
    small = other / "store.small.json"
    small.write_text(small.read_text(encoding="utf-8").replace('"docs": ', '"docs": 1'), encoding="utf-8")
    with pytest.raises(snapshot.SnapshotError):
        snapshot.load(other)

    manifest = json.loads((other / "manifest.json").read_text())
    manifest["format"] = 0
    (other / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(snapshot.SnapshotError, match="format"):
        snapshot.read_manifest(other)
