"""After a tail, a refresh of the niche memberships gives a fresh build's, while queries go on."""
from __future__ import annotations

import threading

from matcher.scoring import MatchEngine, Profile, memberships
from tests.evaluation.corpus import load
from tests.unit.scoring.helpers import tail_of

PROFILES, NICHES, _ = load()


def _after_a_tail() -> tuple[MatchEngine, MatchEngine, dict[int, Profile]]:
    """An engine given a tail one upsert at a time, a fresh build of the same registry, its profiles."""
    upserts, removed = tail_of(PROFILES)
    engine = MatchEngine()
    engine.build(PROFILES, NICHES)
    for company_id in removed:
        engine.remove_profile(company_id)
    for profile in upserts:
        engine.upsert_profile(profile)
    final = {p.id: p for p in PROFILES if p.id not in removed} | {p.id: p for p in upserts}
    fresh = MatchEngine()
    fresh.build(final.values(), NICHES)
    return engine, fresh, final


def _niches(engine: MatchEngine, ids) -> dict[int, dict[int, float]]:
    return {company_id: engine.niches_of_company(company_id) for company_id in ids}


def _a_buyer(engine: MatchEngine) -> int:
    return next(p.id for p in PROFILES if "buyer" in p.roles and p.id in engine)


def test_a_refresh_scoring_a_few_candidates_per_step_gives_the_memberships_and_lists_of_a_fresh_build(monkeypatch):
    engine, fresh, ids = _after_a_tail()
    assert _niches(engine, ids) != _niches(fresh, ids)          # the tail left fits of arrival behind
    monkeypatch.setattr(memberships, "FIT_CHUNK", 3)
    assert engine.refresh_niches() is True
    assert _niches(engine, ids) == _niches(fresh, ids)
    for company_id in ids:
        assert engine.suppliers_for_buyer(company_id) == fresh.suppliers_for_buyer(company_id)
        assert engine.buyers_for_supplier(company_id) == fresh.buyers_for_supplier(company_id)


def test_queries_are_answered_while_a_refresh_scores_the_niches_and_see_the_old_memberships_until_the_swap(
        monkeypatch):
    engine, fresh, _ = _after_a_tail()
    buyer = _a_buyer(engine)
    before, answered_meanwhile = engine.suppliers_for_buyer(buyer), []
    score = memberships.fits_among

    def score_with_a_query_alongside(*args):
        query = threading.Thread(target=lambda: answered_meanwhile.append(engine.suppliers_for_buyer(buyer)))
        query.start()
        query.join(timeout=30)          # the refresh holds a read lock here: the query must not wait for it
        assert not query.is_alive(), "a query waited for the refresh"
        return score(*args)

    monkeypatch.setattr(memberships, "fits_among", score_with_a_query_alongside)
    assert engine.refresh_niches() is True
    assert answered_meanwhile and all(answer == before for answer in answered_meanwhile)
    assert engine.suppliers_for_buyer(buyer) == fresh.suppliers_for_buyer(buyer)


def test_a_write_that_lands_during_a_refresh_makes_it_install_nothing_and_say_so(monkeypatch):
    engine, fresh, final = _after_a_tail()
    upserted_meanwhile = final[PROFILES[0].id]                  # saved again, unchanged
    others = [company_id for company_id in final if company_id != upserted_meanwhile.id]
    stale = _niches(engine, others)
    tables = memberships.tables

    def tables_after_a_write(*args):    # the fits are all scored, the swap is still to come
        engine.upsert_profile(upserted_meanwhile)
        return tables(*args)

    monkeypatch.setattr(memberships, "tables", tables_after_a_write)
    assert engine.refresh_niches() is False
    assert _niches(engine, others) == stale != _niches(fresh, others)
    monkeypatch.setattr(memberships, "tables", tables)
    assert engine.refresh_niches() is True
    assert _niches(engine, final) == _niches(fresh, final)


def test_a_refresh_while_a_reader_thread_queries_without_pause_gives_no_error():
    engine, fresh, _ = _after_a_tail()
    buyer, done, answers, errors = _a_buyer(engine), threading.Event(), [], []

    def reader():
        while not done.is_set():
            try:
                answers.append(engine.suppliers_for_buyer(buyer))
            except Exception as exc:    # noqa: BLE001 - the test reports it
                errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert all(engine.refresh_niches() for _ in range(5))
    finally:
        done.set()
        thread.join(timeout=30)
    assert not errors and answers
    assert answers[-1] == fresh.suppliers_for_buyer(buyer)
