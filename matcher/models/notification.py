"""Mail waiting to go out (the outbox) and what each address wants to be told about."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from matcher.db import db, utcnow

OUTBOX_STATES = ("pending", "sent", "failed")
DIGEST_FREQUENCIES = ("off", "daily", "weekly")


class OutboxMail(db.Model):
    """One message to send; `event_id` is unique, so the same event never makes a second mail."""

    __tablename__ = "outbox_mail"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    # text, html, headers and attachments (base64) as matcher.mail.Mail holds them
    message: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class NotificationPreference(db.Model):
    """Per address (an account's, or a participant's without an account): which mails it gets."""

    __tablename__ = "notification_preference"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    interest: Mapped[bool] = mapped_column(Boolean, default=True)  # «X is interested», mutual contacts
    missions: Mapped[bool] = mapped_column(Boolean, default=True)  # agendas of published schedules
    digest: Mapped[str] = mapped_column(String(8), default="weekly")  # off | daily | weekly
    digest_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    digest_seen: Mapped[list] = mapped_column(JSON, default=list)  # company ids already in a digest
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

