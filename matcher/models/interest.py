"""What a company said about a suggested partner: interested, or not relevant."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matcher.db import db, utcnow

INTEREST_STATES = ("interested", "not_relevant")


class MatchInterest(db.Model):
    __tablename__ = "match_interest"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    # One opinion per (company, partner): concurrent clicks update, never duplicate.
    __table_args__ = (UniqueConstraint("company_id", "partner_id"),)
