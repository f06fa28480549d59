"""Bookkeeping rows: the change log that keeps match indexes fresh, idempotent POSTs, rate-limit counters."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, FetchedValue, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matcher.db import db, utcnow


class ChangeLog(db.Model):
    """One row per write to a company or niche; each worker replays rows past its last id."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(16))  # "company" | "niche"
    entity_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # the writing transaction (PostgreSQL's pg_current_xact_id(), set by the database; empty on
    # SQLite): see services/in_flight.py
    txid: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True, server_default=FetchedValue())


class IdempotentRequest(db.Model):
    """The first answer to a POST with an Idempotency-Key, replayed for retries."""

    __tablename__ = "idempotent_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)  # None while the first try runs
    response_body: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "key"),)


class RateLimitCounter(db.Model):
    """A fixed-window counter of the account limits (logins, sign-ups), shared by every worker
    through the database when no Redis is configured (matcher.ratelimit_storage)."""

    __tablename__ = "rate_limit_counter"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the limit's key: no email stored
    hits: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float, index=True)  # Unix seconds, as the limits library counts
