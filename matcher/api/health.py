"""GET /api/v1/health: is the service up and can it reach its database."""
from __future__ import annotations

from sqlalchemy import text

from matcher.api import api
from matcher.db import db


@api.get("/health")
def health():
    """Liveness and database reachability."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means the same thing to a load balancer
        db.session.rollback()
        return {"status": "degraded", "database": "unavailable"}, 503, {"Retry-After": "5"}
    return {"status": "ok", "database": "ok"}
