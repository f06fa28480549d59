"""A company's logo (re-encoded, as served) and a pending request to delete an account or its company."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from matcher.db import db, utcnow

DELETION_SCOPES = ("company", "account")  # the company only, or the account with its company


class CompanyLogo(db.Model):
    """The logo as the server re-encoded it (PNG, metadata stripped); the upload itself is never kept."""

    __tablename__ = "company_logo"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_type: Mapped[str] = mapped_column(String(40))
    width_px: Mapped[int] = mapped_column(Integer)
    height_px: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))  # the ETag
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AccountDeletion(db.Model):
    """A deletion asked for by the account's owner; carried out when `due_at` has passed, unless cancelled."""

    __tablename__ = "account_deletion"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
