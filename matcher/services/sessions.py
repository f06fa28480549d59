"""Server-side browser sessions: the cookie carries a random token, the database only its hash."""
from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select, update
from sqlalchemy.exc import SQLAlchemyError

from matcher.db import db, utcnow
from matcher.models import User, UserSession
from matcher.services.accounts import hash_secret
from matcher.sqlite_tuning import write_intent, writing

log = logging.getLogger(__name__)
IDLE_LIMIT = timedelta(days=14)  # a browser unused this long must sign in again
_TOUCH_EVERY = timedelta(minutes=5)  # last_seen_at precision: a write per request is not worth it


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes even for timezone-aware columns; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def start_session(user: User) -> str:
    """A new session row for `user`; the plain token goes into the cookie and is never stored."""
    plain = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=hash_secret(plain)))
    db.session.commit()
    return plain


def signed_in_user(plain: str | None) -> User | None:
    """`user_for_session`, but nobody while the database is down: an error page must still render."""
    try:
        return user_for_session(plain)
    except SQLAlchemyError as exc:
        log.warning("session lookup failed, answering as signed out: %s", exc)
        db.session.rollback()
        return None


def user_for_session(plain: str | None) -> User | None:
    """The signed-in user of a session token, or None when the session ended or went idle."""
    if not plain or not isinstance(plain, str):
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.token_hash == hash_secret(plain)))
    if row is None:
        return None
    now = utcnow()
    idle = now - _aware(row.last_seen_at)
    if idle > IDLE_LIMIT:
        _write_aside(delete(UserSession).where(UserSession.id == row.id))
        return None
    if idle > _TOUCH_EVERY:
        _write_aside(update(UserSession).where(UserSession.id == row.id).values(last_seen_at=now))
    return db.session.get(User, row.user_id)


def _write_aside(statement) -> None:
    """Bookkeeping a page view does: inside a request that writes anyway, in its transaction;
    inside a read, in a short write transaction of its own — upgrading the read's SQLite snapshot
    to a write fails at once with "database is locked" when another worker committed meanwhile."""
    if write_intent():
        db.session.execute(statement)
        db.session.commit()
        return
    with writing(), db.engine.begin() as connection:
        connection.execute(statement)


def end_session(plain: str | None) -> None:
    """Log this browser out on the server side: a copied cookie stops working."""
    if plain and isinstance(plain, str):
        db.session.execute(delete(UserSession).where(UserSession.token_hash == hash_secret(plain)))
        db.session.commit()


def end_other_sessions(user: User, keep_plain: str | None) -> int:
    """End every session of `user` except the one holding `keep_plain`; returns how many ended."""
    query = delete(UserSession).where(UserSession.user_id == user.id)
    if keep_plain:
        query = query.where(UserSession.token_hash != hash_secret(keep_plain))
    count = db.session.execute(query).rowcount or 0
    db.session.commit()
    return count


def active_session_count(user: User) -> int:
    return len(db.session.scalars(select(UserSession.id).where(UserSession.user_id == user.id)).all())
