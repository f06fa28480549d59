"""GET /api/v1/health: is the service up, can it reach its database, is its match index ready."""
from __future__ import annotations

from flask import current_app, jsonify

from matcher.api import api
from matcher.api.auth import public
from matcher.api.blueprint import HEADERS
from matcher.api.openapi import tag
from matcher.api.ratelimit import exempt_from_rate_limits
from matcher.api.schemas import HealthSchema
from matcher.services import api_requests
from matcher.services.index_readiness import RETRY_AFTER_SECONDS


@api.get("/health")
@public
@exempt_from_rate_limits
@tag("service")
@api.response(200, HealthSchema, description='`{"status": "ok", "database": "ok", "index": {"ready": true, '
                                             '"covers_change": 4812, "behind": 0}}`')
@api.alt_response(503, schema=HealthSchema, headers={"Retry-After": HEADERS["Retry-After"]},
                  description='`"database": "unavailable"` when the database cannot be reached; '
                              '`"status": "starting"` while this worker\'s match index loads')
def health():
    """Liveness, database reachability and this worker's match-index readiness (no token needed,
    not rate-limited). `index.behind` counts change-log rows this worker has not applied yet."""
    index = api_requests.index_status_if_database_up(current_app)
    if index is None:
        response = jsonify(status="degraded", database="unavailable")
        response.status_code = 503
        response.headers["Retry-After"] = response.own_retry_after = "5"
        return response
    if not index["ready"]:           # this worker cannot answer match requests yet: route elsewhere
        response = jsonify(status="starting", database="ok", index=index)
        response.status_code = 503
        response.headers["Retry-After"] = response.own_retry_after = RETRY_AFTER_SECONDS
        return response
    return {"status": "ok", "database": "ok", "index": index}
