"""The database going away: a 503 the client can act on (problem+json with Retry-After on /api,
a friendly page on the web), never a 500 with a trace; and the pool recovers on its own."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from matcher import create_app
from matcher.db import db
from matcher.services import companies


@pytest.fixture
def postgres_admin(database_url):
    """A connection of its own to the test database, to terminate the app's connections with."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no server connection to lose; see the unreachable-file test")
    engine = create_engine(database_url, poolclass=NullPool)
    yield engine
    engine.dispose()


def _terminate(admin_engine, pid: int | None = None) -> int:
    """End one backend (or all of this database's but our own), as an operator or a crash would."""
    with admin_engine.connect() as connection:
        where = "pid = :pid" if pid else "datname = current_database() AND pid <> pg_backend_pid()"
        ended = connection.execute(text(f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                        f"WHERE {where}"), {"pid": pid}).scalar()
        connection.commit()
    return ended


def _dies_mid_request(monkeypatch, admin_engine) -> None:
    """The next company list request loses its connection after it began using the database."""
    original = companies.list_companies

    def list_after_losing_the_connection(*args, **kwargs):
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        assert _terminate(admin_engine, pid) == 1
        return original(*args, **kwargs)

    monkeypatch.setattr(companies, "list_companies", list_after_losing_the_connection)


def test_a_connection_lost_mid_request_is_a_503_problem_with_retry_after(app, bearer, postgres_admin, monkeypatch):
    admin = bearer("admin")
    client = app.test_client()
    _dies_mid_request(monkeypatch, postgres_admin)
    response = client.get("/api/v1/companies", headers=admin)
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert int(response.headers["Retry-After"]) > 0
    assert "Traceback" not in response.get_data(as_text=True)
    monkeypatch.undo()
    assert client.get("/api/v1/companies", headers=admin).status_code == 200  # the next request reconnects


def test_a_connection_lost_mid_request_is_a_friendly_503_page_on_the_web(app, postgres_admin, monkeypatch):
    client = app.test_client()
    _dies_mid_request(monkeypatch, postgres_admin)
    response = client.get("/companies", headers={"Accept-Language": "ru"})
    assert response.status_code == 503 and response.mimetype == "text/html"
    assert int(response.headers["Retry-After"]) > 0
    assert "Сервис временно недоступен" in response.get_data(as_text=True)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    monkeypatch.undo()
    assert client.get("/companies").status_code == 200


def test_connections_killed_while_idle_are_replaced_before_use(app, bearer, postgres_admin):
    """pool_pre_ping: a pooled connection the server dropped (restart, failover, idle timeout) is
    noticed at checkout, so the request that gets it still succeeds."""
    admin = bearer("admin")
    client = app.test_client()
    assert client.get("/api/v1/companies", headers=admin).status_code == 200
    db.session.remove()  # the connection goes back to the pool, idle
    assert _terminate(postgres_admin) >= 1
    assert client.get("/api/v1/companies", headers=admin).status_code == 200


def test_every_worker_of_the_live_server_recovers_when_its_connections_are_killed(postgres_admin, live, bearer):
    admin = bearer("admin")
    db.session.commit()
    for _ in range(12):  # warm the pools of all workers
        assert live.browser().get("/api/v1/companies", headers=admin).status == 200
    db.session.remove()
    assert _terminate(postgres_admin) >= 1
    answers = [live.browser().get("/api/v1/companies", headers=admin).status for _ in range(24)]
    assert set(answers) == {200}


@pytest.mark.parametrize("path, mimetype", [("/api/v1/companies", "application/problem+json"),
                                            ("/companies", "text/html")])
def test_an_unreachable_database_file_is_a_503_in_the_surfaces_own_format(tmp_path, path, mimetype):
    broken = create_app({"TESTING": True, "SECRET_KEY": "x",
                         "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gone' / 'matcher.sqlite3'}"})
    response = broken.test_client().get(path, headers={"Authorization": "Bearer mt_whatever"})
    assert response.status_code == 503 and response.mimetype == mimetype
    assert int(response.headers["Retry-After"]) > 0
