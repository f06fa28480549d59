"""What participants of a mission do themselves: register, ask each other for meetings, write to each other."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matcher.db import db, utcnow

REGISTRATION_STATES = ("pending", "approved", "declined", "cancelled")
MISSION_ROLES = ("supplier", "buyer")
REQUEST_STATES = ("requested", "accepted", "declined", "cancelled")


class MissionParticipationSettings(db.Model):
    """How participants take part in a mission: registration, request limits, online meetings; no row: closed."""

    __tablename__ = "mission_participation_settings"

    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True)
    is_open: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline: Mapped[date | None] = mapped_column(Date)  # the last day registrations are taken
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=True)
    slots: Mapped[int] = mapped_column(Integer, default=8)  # the slots a registrant chooses from
    max_requests: Mapped[int | None] = mapped_column(Integer)  # meeting requests one participant may send
    hybrid: Mapped[bool] = mapped_column(Boolean, default=False)  # meetings may carry a video link
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class MissionRegistration(db.Model):
    """A company asking to take part in a mission; approved, it becomes a participant."""

    __tablename__ = "mission_registration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(8))
    available_slots: Mapped[list[int] | None] = mapped_column(JSON)  # None: present all day
    status: Mapped[str] = mapped_column(String(10), default="pending")
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("mission_id", "company_id"),)


class MeetingRequest(db.Model):
    """One participant asking another for a meeting; accepted, the scheduler places it first."""

    __tablename__ = "meeting_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    from_company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    to_company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(Integer)  # the pair as the scheduler sees it
    buyer_id: Mapped[int] = mapped_column(Integer)
    message: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(10), default="requested")
    reason: Mapped[str | None] = mapped_column(String(500))
    move_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    video_link: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    # One request per pair and mission, whoever asked first; a declined one can be asked again by reopening it.
    __table_args__ = (UniqueConstraint("mission_id", "supplier_id", "buyer_id"),)


class CompanyMessage(db.Model):
    """One message of the thread between two companies (text only, cleaned and size-limited on input)."""

    __tablename__ = "company_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    mission_id: Mapped[int | None] = mapped_column(ForeignKey("mission.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
