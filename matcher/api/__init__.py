"""JSON API v1 (/api/v1): thin views over the services, problem+json errors.

A resource is one module that adds routes to `api` with the decorators of `auth`,
`openapi` and `idempotency`; importing it in `register_api` is all the wiring it needs.
"""
from __future__ import annotations

from flask import Blueprint, Flask
from werkzeug.routing import IntegerConverter

api = Blueprint("api", __name__, url_prefix="/api/v1")
# The human-readable reference lives beside the versioned API, not inside it.
api_docs = Blueprint("api_docs", __name__, url_prefix="/api", template_folder="templates")

DEFAULT_SETTINGS = {
    "API_RATE_LIMIT": "600/minute",        # per bearer token (or per address without one)
    "API_IP_RATE_LIMIT": "1200/minute",    # per client address, whatever the token
    "IDEMPOTENCY_WAIT_SECONDS": 5.0,       # how long a retry waits for the first try to finish
    "IDEMPOTENCY_TTL_SECONDS": 24 * 3600,  # how long a key is remembered
}


MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger value would fail the query, not just find nothing


class IdConverter(IntegerConverter):
    """`<id:name>`: a row id, 1 to 2³¹−1; anything else cannot exist, so routing answers 404.

    The bound lives in the regex, not in `max`: werkzeug checks methods before converter
    bounds, so an id past `max` would get a 405 naming the methods of the route.
    """

    regex = (r"(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}"
             r"|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])")

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, min=1, max=MAX_ID)


@api.before_request
def _begin_clean() -> None:
    """Each request starts a transaction of its own, begun with its own write intent (see sqlite_tuning)."""
    from matcher.db import db

    db.session.rollback()


@api.teardown_request
def _end_transaction(_exc=None) -> None:
    """No API request leaves a transaction open (the read after a commit would hold SQLite's lock)."""
    from matcher.db import db

    db.session.rollback()


def register_api(app: Flask) -> None:
    from matcher.api import (  # noqa: F401  (routes register on import)
        auth, codes, companies, errors, health, matches, missions, niches, openapi, ratelimit, reference,
    )
    from matcher.api import interested, jobs  # noqa: F401  (issue 12: interest lists, background jobs)
    from matcher.api import projects, stats  # noqa: F401  (issue 15: projects, corridor figures)
    from matcher.extensions import csrf

    app.url_map.converters["id"] = IdConverter  # before the rules that use it are added
    for key, value in DEFAULT_SETTINGS.items():
        app.config.setdefault(key, value)
    csrf.exempt(api)
    csrf.exempt(api_docs)
    app.register_blueprint(api)
    app.register_blueprint(api_docs)
    errors.install(app)
    ratelimit.install(app)
