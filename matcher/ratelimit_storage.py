"""A `limits` storage kept in the app's own database, so every gunicorn worker counts together.

limits 5.8 ships memory, Redis (plain, cluster, sentinel), Memcached and MongoDB storages, none
over SQL. Without Redis each worker's memory:// counted alone: with 4 workers a password guesser
got 4 × the limit. This storage keeps one row per key and window (table rate_limit_counter) and
counts with one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING, on PostgreSQL and SQLite alike.
It serves the fixed-window strategy, which is all the account limits use.

It works in the request's own database session and commits at once: a hit must be recorded even
when the request later fails, and on SQLite a second connection would wait behind the request's
own write lock. Call it first in a view, before the view writes anything of its own.
"""
from __future__ import annotations

import hashlib
import random
import time

from limits.storage import Storage
from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from matcher.db import db
from matcher.models import RateLimitCounter

PURGE_ONE_IN = 200  # hits between sweeps of expired rows, on average (rows of forgotten keys pile up otherwise)
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _row_key(key: str) -> str:
    """Keys hold emails and addresses; the table keeps only their SHA-256, of a fixed size."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class DatabaseStorage(Storage):
    """Fixed-window counters in the rate_limit_counter table (scheme `database://`)."""

    STORAGE_SCHEME = ["database"]

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        table = RateLimitCounter.__table__
        insert = _INSERTS[db.session.get_bind().dialect.name](table)
        expired = table.c.expires_at <= now
        statement = insert.values(key=_row_key(key), hits=amount, expires_at=now + expiry).on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "hits": case((expired, amount), else_=table.c.hits + amount),
                "expires_at": case((expired, now + expiry), else_=table.c.expires_at),
            },
        ).returning(table.c.hits)
        try:
            hits = db.session.execute(statement).scalar_one()
            if random.randrange(PURGE_ONE_IN) == 0:  # noqa: S311 - spreading housekeeping, not a secret
                db.session.execute(delete(RateLimitCounter).where(RateLimitCounter.expires_at <= now))
            db.session.commit()
        except SQLAlchemyError:
            db.session.rollback()
            raise
        return hits

    def get(self, key: str) -> int:
        hits = db.session.scalar(select(RateLimitCounter.hits).where(
            RateLimitCounter.key == _row_key(key), RateLimitCounter.expires_at > time.time()))
        return hits or 0

    def get_expiry(self, key: str) -> float:
        expires = db.session.scalar(select(RateLimitCounter.expires_at).where(RateLimitCounter.key == _row_key(key)))
        return expires if expires is not None else time.time()

    def check(self) -> bool:
        try:
            db.session.execute(select(1))
            return True
        except SQLAlchemyError:
            db.session.rollback()
            return False

    def reset(self) -> int | None:
        count = db.session.execute(delete(RateLimitCounter)).rowcount
        db.session.commit()
        return count

    def clear(self, key: str) -> None:
        db.session.execute(delete(RateLimitCounter).where(RateLimitCounter.key == _row_key(key)))
        db.session.commit()
