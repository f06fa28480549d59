"""Account limits counted in the database (no Redis), the client address behind proxies, Redis outages."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from web_helpers import WebClient

from matcher import create_app
from matcher.db import db
from matcher.extensions import limiter
from matcher.models import RateLimitCounter
from matcher.ratelimit_storage import DatabaseStorage

THREADS = 8


def _rows() -> int:
    return db.session.scalar(select(func.count()).select_from(RateLimitCounter))


def test_the_database_counts_a_window_then_starts_a_new_one(app, monkeypatch):
    storage, now = DatabaseStorage(), [1_000_000.0]
    monkeypatch.setattr("matcher.ratelimit_storage.time.time", lambda: now[0])
    assert [storage.incr("login:email:olga@example.by", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("login:email:olga@example.by") == 3 and storage.get_expiry("login:email:olga@example.by") == now[0] + 60
    now[0] += 61
    assert storage.get("login:email:olga@example.by") == 0
    assert storage.incr("login:email:olga@example.by", 60) == 1  # the old window is over: counting starts again
    storage.clear("login:email:olga@example.by")
    assert _rows() == 0


def test_the_table_keeps_no_email_or_address_only_a_hash(app):
    DatabaseStorage().incr("login:email:olga@example.by", 60)
    [key] = db.session.scalars(select(RateLimitCounter.key)).all()
    assert len(key) == 64 and "olga" not in key


def test_hits_from_many_threads_at_once_are_all_counted(app, migrated_app):
    db.session.commit()
    barrier, counts, failures = threading.Barrier(THREADS), [], []

    def hit():
        with migrated_app.app_context():
            barrier.wait()
            try:
                counts.append(DatabaseStorage().incr("login:address:203.0.113.7", 60))
            except Exception as exc:  # noqa: BLE001 - any failure here would be a 500 on the login form
                failures.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=hit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == [] and sorted(counts) == list(range(1, THREADS + 1))


def test_a_forged_x_forwarded_for_does_not_escape_the_per_address_limit(web):
    for number in range(30):
        answer = web.post("/login", {"email": f"user{number}@example.by", "password": "wrong-password"},
                          headers={"X-Forwarded-For": f"198.51.100.{number}"})
        assert answer.status_code == 401
    blocked = web.post("/login", {"email": "one-more@example.by", "password": "wrong-password"},
                       headers={"X-Forwarded-For": "198.51.100.250"})
    assert blocked.status_code == 429


@pytest.fixture
def other_app(app, database_url):
    """Factory: an app over the same database with settings of its own; the process-wide
    Flask-Limiter is handed back to the tests' app afterwards."""
    made = []

    def build(**settings):
        made.append(create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url,
                                "RATELIMIT_STORAGE_URI": "memory://", **settings}))
        db.session.commit()
        return made[-1]

    yield build
    for built in made:
        with built.app_context():
            db.session.remove()
    limiter.init_app(app)


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(other_app):
    browser = WebClient(other_app(PROXY_FIX_X_FOR=1).test_client())
    for number in range(30):
        # The client forges a first entry; the proxy appends the address it really saw.
        answer = browser.post("/login", {"email": f"user{number}@example.by", "password": "wrong-password"},
                              headers={"X-Forwarded-For": f"10.0.0.{number}, 203.0.113.7"})
        assert answer.status_code == 401
    same_client = browser.post("/login", {"email": "more@example.by", "password": "wrong-password"},
                               headers={"X-Forwarded-For": "203.0.113.7"})
    assert same_client.status_code == 429
    other_client = browser.post("/login", {"email": "more@example.by", "password": "wrong-password"},
                                headers={"X-Forwarded-For": "192.0.2.44"})
    assert other_client.status_code == 401


def test_a_redis_that_does_not_answer_leaves_the_counting_to_the_database(other_app, signed_up):
    signed_up("olga@example.by")
    browser = WebClient(other_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0").test_client())
    statuses = [browser.post("/login", {"email": "olga@example.by", "password": "wrong-password"}).status_code
                for _ in range(11)]
    assert statuses == [401] * 10 + [429]
    assert _rows() >= 1


def test_proxy_fix_x_for_is_read_from_the_environment(monkeypatch):
    from config import load_settings

    assert load_settings("testing")["PROXY_FIX_X_FOR"] == 0
    monkeypatch.setenv("PROXY_FIX_X_FOR", "2")
    assert load_settings("testing")["PROXY_FIX_X_FOR"] == 2
