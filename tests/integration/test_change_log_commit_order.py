"""A change reaches every worker's index even when its transaction commits after a later-numbered one
(PostgreSQL hands out change-log ids at insert, not at commit)."""
from __future__ import annotations

import pytest
from match_registry import supplier_payload
from sqlalchemy import insert, update

from matcher.db import db
from matcher.models import ChangeLog, Company
from matcher.services import match_index, match_snapshots
from matcher.services.companies import create_company, update_company
from matcher.services.in_flight import Position


@pytest.fixture
def postgres_only(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: no commit out of change-log order")


def test_a_change_committed_after_a_later_numbered_one_still_reaches_the_index(app, postgres_only):
    first, second = create_company(supplier_payload(0)).id, create_company(supplier_payload(1)).id
    db.session.commit()
    state = match_index.holder(app)
    match_index.catch_up(state)

    with db.engine.connect() as slow:          # e.g. a delegation import: one transaction, many rows
        writing = slow.begin()
        slow.execute(update(Company).where(Company.id == first).values(name="Renamed while importing"))
        slow.execute(insert(ChangeLog).values(entity="company", entity_id=first))
        update_company(second, {"description": "Saved meanwhile"})     # commits a later change-log id
        match_index.catch_up(state)                                     # this worker replays it
        writing.commit()
    match_index.catch_up(state)

    assert state.engine._store.profiles[second].description == "Saved meanwhile"
    assert state.engine._store.profiles[first].name == "Renamed while importing"


@pytest.fixture
def own_index_dir(app, tmp_path):
    before = app.config["MATCH_INDEX_DIR"]
    app.config["MATCH_INDEX_DIR"] = str(tmp_path / "index")
    yield
    app.config["MATCH_INDEX_DIR"] = before


def test_a_change_in_flight_while_a_snapshot_is_built_reaches_the_worker_that_maps_it(app, postgres_only,
                                                                                      own_index_dir):
    first = create_company(supplier_payload(0)).id
    db.session.commit()

    with db.engine.connect() as slow:
        writing = slow.begin()
        slow.execute(update(Company).where(Company.id == first).values(name="Renamed while building"))
        slow.execute(insert(ChangeLog).values(entity="company", entity_id=first))
        create_company(supplier_payload(1))                 # a later id, committed before the build
        db.session.commit()
        found = match_snapshots.build_snapshot(app)         # its rows are past the snapshot; this one is not
        writing.commit()

    assert found.position.xmin is not None and found.position.covers == match_snapshots.last_change_id()
    state = match_index.load_or_build(app)

    assert state.engine._store.profiles[first].name == "Renamed while building"


def test_a_position_round_trips_through_a_snapshot_manifest():
    position = Position(41, 7_000_123, frozenset({39, 41}))

    assert Position.from_meta(position.as_meta()) == position
    assert Position.from_meta({"covers_change": 12}) == Position(12)     # a snapshot written before txids


def test_a_transaction_left_open_for_long_does_not_keep_every_read_fetching_what_came_since(
        app, postgres_only, monkeypatch):
    from matcher.services import in_flight
    monkeypatch.setattr(in_flight, "MAX_RECENT", 2)
    first = create_company(supplier_payload(0)).id
    db.session.commit()
    state = match_index.holder(app)
    match_index.catch_up(state)

    with db.engine.connect() as idle:               # a session that wrote and then sat idle in its transaction
        holding = idle.begin()
        idle.execute(insert(ChangeLog).values(entity="company", entity_id=first))
        for n in range(1, 4):
            update_company(first, {"description": f"Saved {n}"})
        match_index.catch_up(state)
        assert state.position == in_flight.Position(state.covers_change)     # over the bound: the window closed
        holding.rollback()
    assert state.engine._store.profiles[first].description == "Saved 3"
