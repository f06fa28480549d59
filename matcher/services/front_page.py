"""What the home page shows: the directory's live figures, the largest niches, the suggested pairs."""
from __future__ import annotations

from sqlalchemy import func, select

from matcher.db import db
from matcher.errors import Unavailable
from matcher.models import ChangeLog, Company, Niche


def last_change_id() -> int:
    """The change log's position: figures computed at the same position are still right."""
    return db.session.scalar(select(func.max(ChangeLog.id))) or 0


def directory_figures() -> dict[str, int]:
    return {
        "companies": db.session.scalar(select(func.count(Company.id))) or 0,
        "suppliers": db.session.scalar(select(func.count(Company.id)).where(Company.is_supplier.is_(True))) or 0,
        "buyers": db.session.scalar(select(func.count(Company.id)).where(Company.is_buyer.is_(True))) or 0,
        "niches": db.session.scalar(select(func.count(Niche.id))) or 0,
    }


def largest_niches(limit: int = 6) -> list[Niche]:
    return list(db.session.scalars(
        select(Niche).order_by(Niche.est_annual_volume_usd.desc().nulls_last(), Niche.id).limit(limit)))


def suggested_pair_count(min_score: float) -> int | None:
    """Supplier–buyer pairs the engine suggests (score ≥ `min_score`); None while this worker's index loads."""
    from matcher.services.matching import match_engine  # the engine is heavy: only when counted

    try:
        engine = match_engine(force_refresh=True)  # counted at most once a minute: worth being exact
    except Unavailable:                             # this worker's index is still loading
        return None
    count = 0
    for buyer_id in db.session.scalars(select(Company.id).where(Company.is_buyer.is_(True))).all():
        try:
            count += len(engine.suppliers_for_buyer(buyer_id, limit=100, min_score=min_score, explain=0))
        except KeyError:  # written a moment ago; counted on the next refresh
            continue
    return count
