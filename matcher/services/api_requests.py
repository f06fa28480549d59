"""What the API layer needs from the database beyond the use cases: request-scoped transactions,
the health probe, and the companies an «interested» list names (the API imports no models or db)."""
from __future__ import annotations

from sqlalchemy import select, text

from matcher.db import db
from matcher.models import Company
from matcher.services.missions import iso_utc


def end_transaction() -> None:
    """Close whatever transaction the request holds: a read must not keep SQLite's lock, nor a
    failed write its half-done work (the use cases commit their own)."""
    db.session.rollback()


def index_status_if_database_up(app) -> dict | None:
    """This worker's match-index status, or None when the database cannot be reached (any driver
    error means the same thing to a load balancer)."""
    from matcher.services import match_index

    try:
        db.session.execute(text("SELECT 1"))
        return match_index.status(app)
    except Exception:
        db.session.rollback()
        return None


def interested_companies(parties: list[dict]) -> list[dict]:
    """`interests.interested_parties` rows as the API shows them: who, since when, and whether it is mutual."""
    ids = [party["company_id"] for party in parties]
    rows = {c.id: c for c in db.session.scalars(select(Company).where(Company.id.in_(ids)))} if ids else {}
    items = []
    for party in parties:
        other = rows.get(party["company_id"])
        if other is None:
            continue
        items.append({"company": {"id": other.id, "name": other.name, "name_en": other.name_en,
                                  "country": other.country, "region": other.region, "city": other.city},
                      "since": iso_utc(party["since"]), "mutual": party["mine"] == "interested"})
    return items
