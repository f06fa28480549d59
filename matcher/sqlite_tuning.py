"""SQLite as a server database: WAL, a busy timeout, enforced foreign keys, and write
transactions that take the write lock up front (BEGIN IMMEDIATE).

A deferred transaction that reads and then writes can fail at once with "database is locked"
when another worker committed in between (the busy timeout cannot help a stale snapshot), so
requests that intend to write begin IMMEDIATE and wait their turn instead; reads stay deferred
so they never queue behind writers (WAL lets them run alongside).
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 30_000
_write_intent: ContextVar[bool] = ContextVar("sqlite_write_intent", default=True)


def set_write_intent(intends_to_write: bool) -> None:
    """Say whether transactions begun from here on (this request, this thread) will write."""
    _write_intent.set(intends_to_write)


def write_intent() -> bool:
    return _write_intent.get()


@contextmanager
def writing():
    """Transactions begun inside the block take the write lock up front."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


@event.listens_for(Engine, "connect")
def _configure_connection(dbapi_connection, _record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None  # the driver must not BEGIN by itself; see _begin
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")
