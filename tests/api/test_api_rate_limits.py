"""Rate limits per token and per address, with the standard headers, in memory or in Redis."""
from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def tight_limits(app, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "3/minute")
    monkeypatch.setitem(app.config, "API_IP_RATE_LIMIT", "5/minute")


def test_answers_carry_the_rate_limit_headers(client, admin, tight_limits):
    response = client.get("/api/v1/companies", headers=admin)
    assert response.headers["X-RateLimit-Limit"] == "3"
    assert response.headers["X-RateLimit-Remaining"] == "2"
    assert int(response.headers["X-RateLimit-Reset"]) > 0
    assert "Retry-After" not in response.headers  # it means something only on 429 and 503


def test_a_token_over_its_budget_gets_429_problem_with_retry_after(client, admin, tight_limits):
    statuses = [client.get("/api/v1/niches", headers=admin).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/companies", headers=admin)  # the budget is shared by all endpoints
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert 0 < int(response.headers["Retry-After"]) <= 60


def test_the_per_address_budget_catches_a_client_that_rotates_tokens(client, token_for, tight_limits):
    statuses = [client.get("/api/v1/niches", headers=token_for("company", f"c{n}@example.by")).status_code
                for n in range(6)]
    assert statuses == [200] * 5 + [429]


def test_another_token_has_its_own_budget(client, admin, organizer, app, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "2/minute")
    for _ in range(2):
        client.get("/api/v1/niches", headers=admin)
    assert client.get("/api/v1/niches", headers=admin).status_code == 429
    assert client.get("/api/v1/niches", headers=organizer).status_code == 200


def test_health_is_never_rate_limited(client, tight_limits):
    assert {client.get("/api/v1/health").status_code for _ in range(10)} == {200}


def test_limits_are_kept_in_redis_when_configured(app, database_url):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"  # a database of its own: nothing else's limits are touched
    server = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    from matcher import create_app
    from matcher.db import db
    from matcher.extensions import limiter
    from matcher.services.accounts import create_token, get_or_create_user, hash_secret

    user = get_or_create_user(f"redis-{uuid.uuid4().hex}@example.org", "admin")
    plain, _ = create_token(user)
    db.session.commit()
    headers = {"Authorization": f"Bearer {plain}"}
    worker = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                         "RATELIMIT_STORAGE_URI": url,
                         "API_RATE_LIMIT": "2/minute", "API_IP_RATE_LIMIT": "100/minute"})
    try:
        client = worker.test_client()
        assert [client.get("/api/v1/niches", headers=headers).status_code for _ in range(3)] == [200, 200, 429]
        token_key = f"token:{hash_secret(plain)[:32]}".encode()
        assert any(token_key in key for key in server.scan_iter("LIMITS*"))
    finally:
        limiter.init_app(app)  # the limiter is process-wide: give the other tests their memory storage back
