"""Enterprise profiles: the company, what it offers and what it needs."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.db import db, utcnow


class Company(db.Model):
    __tablename__ = "company"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_en: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), index=True)
    region: Mapped[str | None] = mapped_column(String(6), index=True)
    city: Mapped[str | None] = mapped_column(String(120))
    is_supplier: Mapped[bool] = mapped_column(Boolean, default=False)
    is_buyer: Mapped[bool] = mapped_column(Boolean, default=False)
    tax_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    website: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Lower-cased name, description and offer/need titles: SQLite's LIKE folds only ASCII case,
    # so Cyrillic search goes through this column on both databases.
    search_text: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    offers: Mapped[list[Offer]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="Offer.id"
    )
    needs: Mapped[list[Need]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="Need.id"
    )
    codes: Mapped[list[CompanyCode]] = relationship(cascade="all, delete-orphan")
    owner = relationship("User", foreign_keys=[owner_id])

    # Optimistic locking: every UPDATE checks and bumps the version.
    __mapper_args__ = {"version_id_col": version}

    @property
    def roles(self) -> list[str]:
        return [r for r, on in (("supplier", self.is_supplier), ("buyer", self.is_buyer)) if on]


class _ItemColumns:
    """Columns that offers and needs share."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    hs_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    nace_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # issue 15: what kind of cooperation (supply, training, joint venture …; scoring/cooperation.py)
    cooperation_types: Mapped[list[str]] = mapped_column(JSON, default=list)


class Offer(_ItemColumns, db.Model):
    """What a supplier sells."""

    __tablename__ = "offer"
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    annual_capacity_usd: Mapped[int | None] = mapped_column(BigInteger)
    company: Mapped[Company] = relationship(back_populates="offers")


class Need(_ItemColumns, db.Model):
    """What a buyer wants to buy."""

    __tablename__ = "need"
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    annual_volume_usd: Mapped[int | None] = mapped_column(BigInteger)
    company: Mapped[Company] = relationship(back_populates="needs")


class CompanyCode(db.Model):
    """Every code a company's offers and needs carry, kept for prefix filters in lists."""

    __tablename__ = "company_code"
    company_id: Mapped[int] = mapped_column(
        ForeignKey("company.id", ondelete="CASCADE"), primary_key=True
    )
    scheme: Mapped[str] = mapped_column(String(4), primary_key=True)  # "hs" | "nace"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)

    __table_args__ = (Index("ix_company_code_scheme_code", "scheme", "code"),)
