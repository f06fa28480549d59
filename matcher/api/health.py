"""GET /api/v1/health: is the service up, can it reach its database, is its match index ready."""
from __future__ import annotations

from flask import current_app, jsonify
from sqlalchemy import text

from matcher.api import api
from matcher.api.auth import public
from matcher.api.openapi import responds, tag
from matcher.api.ratelimit import exempt_from_rate_limits
from matcher.api.schemas import HealthSchema
from matcher.db import db
from matcher.services import match_index


@api.get("/health")
@public
@exempt_from_rate_limits
@tag("service")
@responds(200, HealthSchema, description='`{"status": "ok", "database": "ok", "index": {"ready": true, '
                                         '"covers_change": 4812, "behind": 0}}`')
@responds(503, HealthSchema, description='`"database": "unavailable"` when the database cannot be reached; '
                                         '`"status": "starting"` while this worker\'s match index loads',
          headers=("Retry-After",))
def health():
    """Liveness, database reachability and this worker's match-index readiness (no token needed,
    not rate-limited). `index.behind` counts change-log rows this worker has not applied yet."""
    try:
        db.session.execute(text("SELECT 1"))
        index = match_index.status(current_app)
    except Exception:  # any driver error means the same thing to a load balancer
        db.session.rollback()
        response = jsonify(status="degraded", database="unavailable")
        response.status_code = 503
        response.headers["Retry-After"] = response.own_retry_after = "5"
        return response
    if not index["ready"]:           # this worker cannot answer match requests yet: route elsewhere
        response = jsonify(status="starting", database="ok", index=index)
        response.status_code = 503
        response.headers["Retry-After"] = response.own_retry_after = match_index.RETRY_AFTER_SECONDS
        return response
    return {"status": "ok", "database": "ok", "index": index}
