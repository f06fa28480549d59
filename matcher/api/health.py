"""GET /api/v1/health: is the service up and can it reach its database."""
from __future__ import annotations

from flask import jsonify
from sqlalchemy import text

from matcher.api import api
from matcher.api.auth import public
from matcher.api.openapi import responds, tag
from matcher.api.ratelimit import exempt_from_rate_limits
from matcher.api.schemas import HealthSchema
from matcher.db import db


@api.get("/health")
@public
@exempt_from_rate_limits
@tag("service")
@responds(200, HealthSchema, description='`{"status": "ok", "database": "ok"}`')
@responds(503, HealthSchema, description='`"database": "unavailable"` when the database cannot be reached',
          headers=("Retry-After",))
def health():
    """Liveness and database reachability (no token needed, not rate-limited)."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means the same thing to a load balancer
        db.session.rollback()
        response = jsonify(status="degraded", database="unavailable")
        response.status_code = 503
        response.headers["Retry-After"] = response.own_retry_after = "5"
        return response
    return {"status": "ok", "database": "ok"}
