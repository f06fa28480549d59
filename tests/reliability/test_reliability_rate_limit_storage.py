"""Rate-limit storage that fails neither under threads nor when Redis is gone."""
from __future__ import annotations

import threading
import time

from limits.storage import storage_from_string

from matcher import create_app
from matcher.extensions import ThreadSafeMemoryStorage, limiter

THREADS = 12


def with_slow_timer_handover(storage_class):
    """The storage, but each new expiry timer takes a moment to be stored: what a busy worker's
    thread switch does once in thousands of requests, made to happen every time."""

    class Slow(storage_class):
        @property
        def timer(self):
            return self.__dict__["_timer"]

        @timer.setter
        def timer(self, value):
            self.__dict__["_timer"] = value
            time.sleep(0.005)

    return Slow


def hit_at_once(storage) -> list[Exception]:
    time.sleep(0.05)  # the expiry timer of the start has run out: the next hit starts a new one
    barrier, failures = threading.Barrier(THREADS), []

    def hit():
        barrier.wait()
        try:
            storage.incr("login-email:olga@example.by", 60)
        except Exception as exc:  # noqa: BLE001 - any failure here would be a 500 in a view
            failures.append(exc)

    threads = [threading.Thread(target=hit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return failures


def test_memory_storage_is_the_thread_safe_one():
    assert isinstance(storage_from_string("memory://"), ThreadSafeMemoryStorage)


def test_threads_of_one_worker_hitting_a_limit_at_once_all_get_counted():
    storage = with_slow_timer_handover(ThreadSafeMemoryStorage)()
    assert hit_at_once(storage) == []
    assert storage.get("login-email:olga@example.by") == THREADS


def test_a_redis_outage_keeps_the_limits_in_memory_instead_of_failing_requests(app, database_url):
    unreachable = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url,
                              "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0", "API_RATE_LIMIT": "3/minute"})
    try:
        client = unreachable.test_client()
        statuses = [client.get("/api/v1/niches", headers={"Authorization": "Bearer mt_x"}).status_code
                    for _ in range(5)]
        assert statuses == [401, 401, 401, 429, 429]
    finally:
        limiter.init_app(app)  # the limiter is process-wide: give the other tests their storage back
