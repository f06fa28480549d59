"""Server-side browser sessions: the cookie carries a random token, the database only its hash."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select

from matcher.db import db, utcnow
from matcher.models import User, UserSession
from matcher.services.accounts import hash_secret

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
        db.session.delete(row)
        db.session.commit()
        return None
    if idle > _TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    return db.session.get(User, row.user_id)


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
