"""What came of a pair that met or became mutually interested: talks, a contract, deliveries."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matcher.db import db, utcnow

OUTCOME_STATES = ("no_contact", "talks", "contract_signed", "delivery_started")
CONTRACT_STATES = ("contract_signed", "delivery_started")  # the states that carry a value and a year


class Outcome(db.Model):
    """One record per supplier–buyer pair; either side updates it, the newest word stands."""

    __tablename__ = "outcome"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    mission_id: Mapped[int | None] = mapped_column(ForeignKey("mission.id", ondelete="SET NULL"), index=True)
    state: Mapped[str] = mapped_column(String(20))
    contract_value_usd: Mapped[int | None] = mapped_column(BigInteger)
    contract_year: Mapped[int | None] = mapped_column(Integer)
    contract_month: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("supplier_id", "buyer_id"),)
