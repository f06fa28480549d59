"""Projects a buyer or a public body publishes (a housing block, a sawmill line), and suppliers' interest in them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.db import db, utcnow

PROJECT_STATES = ("open", "closed")
PROJECT_INTEREST_STATES = ("submitted", "shortlisted", "declined")


class Project(db.Model):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(String(24), index=True)
    region: Mapped[str | None] = mapped_column(String(6), index=True)
    budget_min_usd: Mapped[int | None] = mapped_column(BigInteger)
    budget_max_usd: Mapped[int | None] = mapped_column(BigInteger)
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    hs_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    nace_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    cooperation_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    document_links: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    owner_company = relationship("Company")
    interests: Mapped[list[ProjectInterest]] = relationship(
        cascade="all, delete-orphan", back_populates="project", order_by="ProjectInterest.id")

    __mapper_args__ = {"version_id_col": version}


class ProjectInterest(db.Model):
    """A supplier's short proposal for a project; the owner shortlists or declines it."""

    __tablename__ = "project_interest"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    proposal: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="submitted")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship(back_populates="interests")
    company = relationship("Company")

    # One proposal per supplier and project: a second one replaces the text.
    __table_args__ = (UniqueConstraint("project_id", "company_id"),)
