"""Reliability fixtures: a real gunicorn with 4 workers over each test database, users and tokens.

One server per backend for the whole run (starting one costs seconds). It shares the database
of the `app` fixture, so tests arrange data in-process, act over HTTP, and look at the rows.
"""
from __future__ import annotations

import os

import pytest
from live_helpers import LiveServer, keep_change_log_ids_rising

from matcher.db import db
from matcher.services.accounts import create_token, get_or_create_user, set_password

PASSWORD = "correct-horse-42"
REDIS_URL = os.environ.get("RELIABILITY_REDIS_URL", "redis://127.0.0.1:6379/13")  # a database of its own


def redis_or_none():
    """A client of the tests' Redis database, or None when no Redis answers on 127.0.0.1:6379."""
    try:
        import redis
    except ImportError:
        return None
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError:
        return None
    return client


@pytest.fixture(scope="session")
def redis_client():
    return redis_or_none()


@pytest.fixture(scope="session")
def live_server(migrated_app, database_url, redis_client, tmp_path_factory):
    """gunicorn (production profile, 4 workers) on a free loopback port; rate limits in Redis when it runs."""
    storage = REDIS_URL if redis_client is not None else "memory://"
    server = LiveServer(database_url, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", storage).start()
    yield server
    server.stop()


@pytest.fixture
def live(app, live_server, redis_client):
    """The live server with fresh rate-limit counters; the test fails if the server logged a fault."""
    if redis_client is not None:
        redis_client.flushdb()
    live_server.new_log()
    keep_change_log_ids_rising()
    _settle()
    yield live_server
    live_server.assert_log_clean()


def _settle() -> None:
    """End the test's own transaction so that it holds no SQLite lock the server would wait for."""
    db.session.commit()


@pytest.fixture
def user_with_password(app):
    """Factory: a user who can log in with PASSWORD."""

    def build(email: str, role: str = "company"):
        user = get_or_create_user(email, role)
        set_password(user, PASSWORD)
        db.session.commit()
        return user

    return build


@pytest.fixture
def bearer(app):
    """Factory: an Authorization header for a (new or existing) user of `role`."""

    def build(role: str = "admin", email: str | None = None) -> dict:
        user = get_or_create_user(email or f"{role}@reliability.example", role)
        plain, _ = create_token(user, "reliability")
        db.session.commit()
        return {"Authorization": f"Bearer {plain}"}

    return build
