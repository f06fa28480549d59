"""Trade missions: participants, and the meeting schedules built for them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.db import db, utcnow


class Mission(db.Model):
    __tablename__ = "mission"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(120))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    hs_prefixes: Mapped[list[str]] = mapped_column(JSON, default=list)
    nace_prefixes: Mapped[list[str]] = mapped_column(JSON, default=list)
    organizer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    participants: Mapped[list[MissionParticipant]] = relationship(
        cascade="all, delete-orphan", back_populates="mission", order_by="MissionParticipant.company_id"
    )

    __mapper_args__ = {"version_id_col": version}


class MissionParticipant(db.Model):
    __tablename__ = "mission_participant"

    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    available_slots: Mapped[list[int] | None] = mapped_column(JSON)  # None: present all day
    max_meetings: Mapped[int | None] = mapped_column(Integer)

    mission: Mapped[Mission] = relationship(back_populates="participants")
    company = relationship("Company")


class MissionSchedule(db.Model):
    """One run of the scheduler; the newest is the mission's current schedule."""

    __tablename__ = "mission_schedule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    total_value: Mapped[float] = mapped_column(Float, default=0.0)
    upper_bound: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    meetings: Mapped[list[Meeting]] = relationship(cascade="all, delete-orphan", order_by="(Meeting.slot, Meeting.table_no)")


class Meeting(db.Model):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("mission_schedule.id", ondelete="CASCADE"))
    slot: Mapped[int] = mapped_column(Integer)
    table_no: Mapped[int] = mapped_column(Integer)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)

    # The database itself refuses a double-booked table or person in one slot.
    __table_args__ = (
        UniqueConstraint("schedule_id", "slot", "table_no"),
        UniqueConstraint("schedule_id", "slot", "supplier_id"),
        UniqueConstraint("schedule_id", "slot", "buyer_id"),
    )
