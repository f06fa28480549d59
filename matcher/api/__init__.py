"""JSON API v1 (/api/v1) on flask-smorest: thin views over the services, problem+json errors.

Adding a resource (e.g. /api/v1/projects):

1. Its schemas in `matcher/api/<noun>_schemas.py`, named by role: `ProjectOutSchema` (what a GET
   answers), `ProjectSchema` (the POST body), `ProjectUpdateSchema` (PATCH), `ProjectQueryArgsSchema`.
2. Its routes in `matcher/api/<noun>.py`, each one view over one service call, decorated top to bottom:

       @api.patch("/projects/<id:project_id>")
       @allow_roles("admin", "company")                 # matcher.api.auth; no decorator: any role
       @api.etag                                        # single resources: ETag and If-Match
       @api.arguments(ProjectUpdateSchema, location="body")   # -> payload; "query" -> args,
       @tag("projects")                                  #    "json" (loaded) -> payload, "multipart" -> form
       @api.response(200, ProjectOutSchema, description="The project after the change", headers=("ETag",))
       def update_project(project_id: int, payload: dict):
           # its docstring: the first line is the OpenAPI summary, the rest the description
           project = projects.get_project(project_id, current_user())
           version = api.check_etag(Version("project", project["id"], project["version"]))
           project = projects.update_project(project_id, payload, current_user(), expected_version=version)
           api.set_etag(Version("project", project["id"], project["version"]))
           return project

   A POST that creates takes `@idempotent(...)` under `@allow_roles`; `@problems(409)` documents the
   failures the service can raise beyond those the decorators imply. Ids in paths use `<id:…>`.
3. Import the module in `register_api` below. The OpenAPI document, the /api/docs page, auth,
   rate limits and problem+json answers follow from the decorators; views never commit, roll back,
   or import `matcher.models` / `matcher.db` (tests/unit/test_api_layer_direction.py checks).
"""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from matcher.api.blueprint import ApiBlueprint, ProblemApi

api = ApiBlueprint("api", __name__, url_prefix="/api/v1")
# The human-readable reference lives beside the versioned API, not inside it.
api_docs = ApiBlueprint("api_docs", __name__, url_prefix="/api", template_folder="templates")

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
    from matcher.services.api_requests import end_transaction

    end_transaction()


@api.teardown_request
def _end_transaction(_exc=None) -> None:
    """No API request leaves a transaction open (the read after a commit would hold SQLite's lock)."""
    from matcher.services.api_requests import end_transaction

    end_transaction()


def register_api(app: Flask) -> None:
    from matcher.api import (  # noqa: F401  (routes register on import)
        auth, codes, companies, errors, health, matches, missions, niches, openapi, ratelimit, reference,
    )
    from matcher.api import interested, jobs  # noqa: F401  (issue 12: interest lists, background jobs)
    from matcher.api import conversations, meeting_requests, mission_registrations  # noqa: F401  (issue 13)
    from matcher.api import projects, stats  # noqa: F401  (issue 15: projects, corridor figures)
    from matcher.extensions import csrf

    app.url_map.converters["id"] = IdConverter  # before the rules that use it are added
    for key, value in DEFAULT_SETTINGS.items():
        app.config.setdefault(key, value)
    csrf.exempt(api)
    csrf.exempt(api_docs)
    smorest = ProblemApi(app, spec_kwargs=openapi.spec_options())
    smorest.register_blueprint(api)
    smorest.register_blueprint(api_docs)
    errors.install(app)
    ratelimit.install(app)
