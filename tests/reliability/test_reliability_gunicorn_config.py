"""config/gunicorn.conf.py: workers from the CPU count, timeouts, an access log, graceful restarts,
and no database connection of the master inherited by a worker."""
from __future__ import annotations

import runpy
import sys
import types
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.conf.py"
OVERRIDES = ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_GRACEFUL_TIMEOUT",
             "GUNICORN_ACCESSLOG")


def load(monkeypatch, **env) -> dict:
    for name in OVERRIDES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_workers_follow_the_cpus_this_process_may_use(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert load(monkeypatch)["workers"] == 5  # 2 × CPUs + 1
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: set(range(64)), raising=False)
    assert load(monkeypatch)["workers"] == 8  # capped: more workers only mean more connections
    assert load(monkeypatch, WEB_CONCURRENCY="3")["workers"] == 3


def test_timeouts_logs_and_recycling_are_set_and_overridable(monkeypatch):
    settings = load(monkeypatch)
    assert settings["timeout"] == 60 and settings["graceful_timeout"] == 30 and settings["keepalive"] > 0
    assert settings["accesslog"] == "-" and settings["errorlog"] == "-"
    assert settings["max_requests"] > 0 and settings["max_requests_jitter"] > 0
    assert load(monkeypatch, GUNICORN_ACCESSLOG="")["accesslog"] is None  # empty turns it off, not a crash
    assert load(monkeypatch, GUNICORN_TIMEOUT="120", GUNICORN_GRACEFUL_TIMEOUT="10")["graceful_timeout"] == 10


def test_the_app_is_not_preloaded_so_no_connection_crosses_a_fork(monkeypatch):
    assert load(monkeypatch)["preload_app"] is False


def test_with_preload_forced_a_worker_drops_the_connections_it_inherited(monkeypatch, database_url):
    """post_fork: should someone add --preload, the master's pooled connections are forgotten in
    the child (closing them there would close the master's socket too)."""
    from matcher import create_app
    from matcher.db import db

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        with db.engine.connect() as connection:  # the master touched the database before forking
            connection.exec_driver_sql("SELECT 1")
        pool = db.engine.pool
    monkeypatch.setitem(sys.modules, "wsgi", types.SimpleNamespace(app=app))
    load(monkeypatch)["post_fork"](server=None, worker=None)
    with app.app_context():
        assert db.engine.pool is not pool, "the worker would reuse the master's connections"


def test_a_graceful_reload_under_traffic_drops_no_request(live, bearer):
    """SIGHUP: gunicorn boots new workers and lets the old ones finish what they hold."""
    import os
    import signal
    import threading
    import time

    from matcher.db import db

    admin = bearer("admin")
    db.session.commit()
    booted_before = live.log().count("Booting worker")
    answers, stop = [], threading.Event()

    def traffic():
        while not stop.is_set():
            try:
                answers.append(live.browser().get("/api/v1/companies", headers=admin).status)
            except OSError as exc:
                answers.append(type(exc).__name__)

    clients = [threading.Thread(target=traffic, daemon=True) for _ in range(4)]
    for client in clients:
        client.start()
    try:
        time.sleep(0.5)
        os.kill(live.process.pid, signal.SIGHUP)
        deadline = time.monotonic() + 30
        while live.log().count("Booting worker") < booted_before + 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # traffic to the new generation too
    finally:
        stop.set()
        for client in clients:
            client.join(30)
    assert live.log().count("Booting worker") >= booted_before + 4, "no new generation of workers"
    assert len(answers) > 20 and set(answers) == {200}, {a for a in answers if a != 200}
