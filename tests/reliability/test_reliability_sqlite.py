"""SQLite as a server database for several workers: WAL, a busy timeout, writes that take the lock
up front — and page views that record something (token last use, session last seen) without ever
meeting "database is locked". The 4-worker version of the same promise is every live-server test:
their gunicorn log must not contain "database is locked"."""
from __future__ import annotations

from datetime import timedelta

import pytest
from live_helpers import CSRF_FIELD
from sqlalchemy import create_engine, event, select, text, update
from sqlalchemy.pool import NullPool

from matcher.db import db, utcnow
from matcher.models import ApiToken, UserSession
from matcher.services import accounts, sessions

PASSWORD = "correct-horse-42"


@pytest.fixture
def sqlite_only(database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("about SQLite's locking; PostgreSQL locks rows, not the database")


@pytest.fixture
def another_worker(database_url):
    """Commits a write through a connection of its own, as another gunicorn worker would."""
    engine = create_engine(database_url, poolclass=NullPool)

    def commit_a_write() -> None:
        with engine.begin() as connection:
            connection.execute(text("UPDATE niche SET title = title"))
            connection.execute(text("INSERT INTO change_log (entity, entity_id, created_at) "
                                    "VALUES ('niche', 0, CURRENT_TIMESTAMP)"))

    yield commit_a_write
    engine.dispose()


def test_every_connection_runs_in_wal_with_a_busy_timeout_and_foreign_keys(app, sqlite_only):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_requests_that_write_lock_up_front_and_reads_do_not(app, bearer, sqlite_only, company_payload):
    admin = bearer("admin")
    client = app.test_client()
    client.get("/api/v1/companies", headers=admin)  # the token's first use is recorded (a write of its own)
    db.session.commit()
    begun: list[str] = []

    def remember_begin(_conn, _cursor, statement, *_args):
        if statement.startswith("BEGIN"):
            begun.append(statement)

    event.listen(db.engine, "before_cursor_execute", remember_begin)
    try:
        client.get("/api/v1/companies", headers=admin)
        reads, begun[:] = list(begun), []
        client.post("/api/v1/companies", headers=admin, json=company_payload())
        writes = list(begun)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember_begin)
    assert reads and set(reads) == {"BEGIN"}
    assert writes and set(writes) == {"BEGIN IMMEDIATE"}


def _signed_in_client(app, user_with_password):
    user_with_password("olga@reliability.example")
    client = app.test_client()
    token = CSRF_FIELD.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"email": "olga@reliability.example", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
    db.session.rollback()
    return client


def test_a_page_view_that_refreshes_the_session_survives_a_write_committed_meanwhile(
        app, user_with_password, another_worker, monkeypatch):
    client = _signed_in_client(app, user_with_password)
    long_ago = utcnow() - timedelta(hours=1)
    db.session.execute(update(UserSession).values(last_seen_at=long_ago))
    db.session.commit()
    clock = sessions.utcnow

    def another_worker_writes_first():
        another_worker()  # after this request read its session row, before it records the visit
        return clock()

    monkeypatch.setattr(sessions, "utcnow", another_worker_writes_first)
    response = client.get("/account")
    assert response.status_code == 200, "the visitor was treated as signed out"
    db.session.rollback()
    seen = db.session.scalar(select(UserSession.last_seen_at))
    assert sessions._aware(seen) > sessions._aware(long_ago)


def test_an_api_read_that_records_token_use_survives_a_write_committed_meanwhile(
        app, bearer, another_worker, monkeypatch):
    admin = bearer("admin")
    db.session.execute(update(ApiToken).values(last_used_at=None))
    db.session.commit()
    clock = accounts.utcnow

    def another_worker_writes_first():
        another_worker()
        return clock()

    monkeypatch.setattr(accounts, "utcnow", another_worker_writes_first)
    response = app.test_client().get("/api/v1/companies", headers=admin)
    assert response.status_code == 200
    db.session.rollback()
    assert db.session.scalar(select(ApiToken.last_used_at)) is not None
