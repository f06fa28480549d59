"""The stored side of Idempotency-Key (matcher.api.idempotency is the HTTP side).

The database's unique constraint on (user, key) decides which of two concurrent tries runs;
the other waits for the answer and replays it, or gets 409 if the first is still running
after the wait. Only successes are stored: a failed try frees the key.

The work and its stored answer commit in one transaction (the use case's own commits are held
back until the answer is written), so a crash or a lost database connection between the two
can never leave created rows without an answer — which a retry would create a second time.
On PostgreSQL the key row is part of that transaction too: a try that dies takes its key with
it and the retry runs at once, while a live try makes the retry wait on the key's index entry.
SQLite has one writer at a time, so there the key is committed on its own first, so that
waiting retries do not hold the write lock.
"""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from matcher import sqlite_tuning
from matcher.db import db, utcnow
from matcher.errors import Conflict, ValidationFailed
from matcher.models import IdempotentRequest

HEADER = "Idempotency-Key"
STALE_SECONDS = 60  # a try unfinished after this long died with its worker; the key is free again
POLL_SECONDS = 0.05

log = logging.getLogger(__name__)


class RequestInProgress(Conflict):
    title = "Request in progress"

    def __init__(self):
        super().__init__(f"A request with this {HEADER} is still being processed; retry shortly")
        self.headers = {"Retry-After": "1"}


def forget_expired_keys(user_id: int, ttl_seconds: int) -> None:
    """Delete the user's keys older than `ttl_seconds`, in a short transaction of its own."""
    cutoff = utcnow() - timedelta(seconds=ttl_seconds)
    db.session.execute(delete(IdempotentRequest).where(
        IdempotentRequest.user_id == user_id, IdempotentRequest.created_at < cutoff))
    db.session.commit()


def _claim_commits_first() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def claim(user_id: int, key: str, method: str, path: str, fingerprint: str,
          wait_seconds: float) -> int | IdempotentRequest:
    """The id of our freshly inserted key row, or the finished row of an earlier identical try."""
    deadline = time.monotonic() + wait_seconds
    commits_first = _claim_commits_first()
    while True:
        row = IdempotentRequest(user_id=user_id, key=key, method=method, path=path, request_hash=fingerprint)
        try:
            if not commits_first:
                # A live try holds the key's index entry until it commits: wait for it, but not forever.
                remaining_ms = max(int((deadline - time.monotonic()) * 1000), 1)
                db.session.execute(text(f"SET LOCAL lock_timeout = {remaining_ms}"))
            db.session.add(row)
            db.session.flush()
            row_id = row.id  # read before the commit expires it: no new transaction (or lock) after
            if commits_first:
                db.session.commit()
            else:
                db.session.execute(text("SET LOCAL lock_timeout = DEFAULT"))
            return row_id
        except IntegrityError:
            db.session.rollback()
        except OperationalError as exc:
            db.session.rollback()
            if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_not_available: still running
                raise RequestInProgress() from None
            raise
        existing = _wait_for_first_try(user_id, key, fingerprint, deadline)
        if existing is None:
            continue  # the first try failed and freed the key, or it was stale: claim it ourselves
        if (existing.method, existing.path, existing.request_hash) != (method, path, fingerprint):
            raise ValidationFailed(
                f"This {HEADER} was used for a different request; use a new key for a new request",
                {HEADER: ["already used with another body or endpoint"]})
        return existing


def _wait_for_first_try(user_id: int, key: str, fingerprint: str, deadline: float) -> IdempotentRequest | None:
    """The earlier try's row once it finished (or at once if it was another request); None if it is gone."""
    intends_to_write = sqlite_tuning.write_intent()
    sqlite_tuning.set_write_intent(False)  # looking must not take SQLite's write lock from the first try
    try:
        while True:
            existing = db.session.scalar(select(IdempotentRequest).where(
                IdempotentRequest.user_id == user_id, IdempotentRequest.key == key))
            if existing is None or existing.status_code is not None or existing.request_hash != fingerprint:
                return existing
            if _age_seconds(existing) > STALE_SECONDS:
                db.session.rollback()
                with sqlite_tuning.writing():
                    db.session.execute(delete(IdempotentRequest).where(
                        IdempotentRequest.id == existing.id, IdempotentRequest.status_code.is_(None)))
                    db.session.commit()
                return None
            db.session.rollback()  # end the snapshot so the next look sees the other try's commit
            if time.monotonic() >= deadline:
                raise RequestInProgress()
            time.sleep(POLL_SECONDS)
    finally:
        sqlite_tuning.set_write_intent(intends_to_write)


@contextmanager
def commits_held_back():
    """Inside the block the session's commit() only flushes and expires (as a commit would), so
    everything the use case writes stays in one transaction with the answer stored after it."""
    session = db.session()

    def flush_instead_of_commit() -> None:
        session.flush()
        session.expire_all()

    session.commit = flush_instead_of_commit
    try:
        yield
    finally:
        del session.commit


def store_answer(row_id: int, status_code: int, body: str, location: str | None) -> None:
    """Write the answer into our key row, in the transaction that holds the use case's work."""
    stored = db.session.execute(update(IdempotentRequest).where(IdempotentRequest.id == row_id).values(
        status_code=status_code, response_body=body, location=location))
    if stored.rowcount != 1:  # the use case rolled our key row back: committing would allow a double
        raise RuntimeError(f"idempotency key row {row_id} vanished during the request")


def commit_work_and_answer() -> None:
    db.session.commit()


def release(row_id: int) -> None:
    """Undo the failed try's work and free its key; a key that already holds a committed answer stays.

    On PostgreSQL the key row was part of the failed transaction and is gone with it already.
    """
    try:
        db.session.rollback()
        if _claim_commits_first():
            db.session.execute(delete(IdempotentRequest).where(
                IdempotentRequest.id == row_id, IdempotentRequest.status_code.is_(None)))
            db.session.commit()
    except SQLAlchemyError as exc:  # the database failed us again: the key frees itself once stale
        db.session.rollback()
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        log.warning("could not free idempotency key row %s: %s", row_id, reason)


def _age_seconds(row: IdempotentRequest) -> float:
    created = row.created_at
    now = utcnow()
    if created.tzinfo is None:  # SQLite hands back naive UTC
        created = created.replace(tzinfo=now.tzinfo)
    return (now - created).total_seconds()
