"""A change reaches every worker's index even when its transaction commits after a later-numbered one
(PostgreSQL hands out change-log ids at insert, not at commit)."""
from __future__ import annotations

import pytest
from match_registry import supplier_payload
from sqlalchemy import insert, update

from matcher.db import db
from matcher.models import ChangeLog, Company
from matcher.services import match_index
from matcher.services.companies import create_company, update_company


@pytest.fixture
def postgres_only(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: no commit out of change-log order")


# change_tail.replay_tail moves a worker past every id it has seen; an id handed out earlier and
# committed later (a gap at the time) is never read again: helper B's files, reported, not fixed here
@pytest.mark.xfail(strict=True, reason="change-log gaps are skipped for good (review report, defect 3)")
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
