"""Markets left by Western firms that departed, to be filled by new suppliers."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from matcher.db import db, utcnow


class Niche(db.Model):
    __tablename__ = "niche"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    departed_company: Mapped[str] = mapped_column(String(200))
    departed_country: Mapped[str | None] = mapped_column(String(2))
    exit_year: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(String(6), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    title_en: Mapped[str | None] = mapped_column(String(300))       # English pages; Russian is title
    description_en: Mapped[str | None] = mapped_column(Text)
    hs_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    nace_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    est_annual_volume_usd: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def title_in(self, lang: str) -> str:
        """The title in the page's language: English when there is an English one, else the Russian."""
        return (self.title_en if lang == "en" else None) or self.title

    def description_in(self, lang: str) -> str:
        return (self.description_en if lang == "en" else None) or self.description
