"""Login limits with 4 gunicorn workers and no Redis: the workers count together through the database."""
from __future__ import annotations

import pytest
from live_helpers import LiveServer
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import RateLimitCounter

LOGIN_LIMIT_PER_EMAIL = 10  # per minute, see matcher/web/auth.py


@pytest.fixture(scope="session")
def live_without_redis(migrated_app, database_url, tmp_path_factory):
    """gunicorn (production profile, 4 workers) with RATELIMIT_STORAGE_URI=memory://: no Redis at all."""
    server = LiveServer(database_url, tmp_path_factory.mktemp("gunicorn-no-redis") / "gunicorn.log",
                        "memory://").start()
    yield server
    server.stop()


@pytest.fixture
def no_redis(app, live_without_redis):
    live_without_redis.new_log()
    db.session.commit()  # hold no SQLite lock the server would wait for
    yield live_without_redis
    live_without_redis.assert_log_clean()


def test_the_eleventh_bad_login_is_a_429_although_four_workers_count_without_redis(no_redis, user_with_password):
    user_with_password("victim@reliability.example")
    user_with_password("bystander@reliability.example")
    first_line = no_redis.access_count()
    # A new connection per attempt, as a guessing script would open: the kernel spreads them
    # over the workers, so only a counter they share can stop the guesses.
    statuses = [no_redis.browser().log_in("victim@reliability.example", f"guess-guess-{n}").status
                for n in range(LOGIN_LIMIT_PER_EMAIL)]
    assert statuses == [401] * LOGIN_LIMIT_PER_EMAIL
    blocked = no_redis.browser().log_in("victim@reliability.example", "correct-horse-42")  # the 11th, even right
    assert blocked.status == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert "Слишком много попыток входа" in blocked.text
    assert no_redis.browser().log_in("bystander@reliability.example", "correct-horse-42").status == 302
    assert len(no_redis.workers_that_served(first_line, "/login")) >= 2, "the attempts all reached one worker"
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(RateLimitCounter)) >= 2  # the counters are rows


def test_sixty_quick_guesses_get_ten_401s_and_then_only_429s(no_redis, user_with_password):
    user_with_password("olga@reliability.example")
    statuses = [no_redis.browser().log_in("olga@reliability.example", f"guess-{n:04d}-x").status for n in range(30)]
    assert statuses.count(401) == LOGIN_LIMIT_PER_EMAIL and statuses[LOGIN_LIMIT_PER_EMAIL:] == [429] * 20
