"""The OpenAPI 3 document: flask-smorest's, from the routes and their decorators, plus this API's prose.

flask-smorest (see `matcher.api.blueprint`) documents each route from `@api.arguments`,
`@api.response` and `@api.etag`; this module adds what no decorator says (the description,
tags, the notes on recurring fields) and serves the result at /api/v1/openapi.json.
"""
from __future__ import annotations

import inspect
import re

from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app

from matcher.api import api
from matcher.api.auth import public
from matcher.api.blueprint import doc_of

API_DESCRIPTION = """\
Partner matching for the Belarus ↔ Perm Krai trade corridor: company profiles, ranked
supplier–buyer matches with their reasons, and niches left by departed firms.

**Authentication.** Every endpoint except `GET /api/v1/health`, `GET /api/v1/openapi.json`
and `GET /api/docs` needs `Authorization: Bearer <token>` (`flask tokens create EMAIL --role ROLE`).
A missing, unknown or revoked token is a 401 with `WWW-Authenticate: Bearer`; a valid token
without the right is a 403.

**Roles.** `admin`: everything. `organizer`: missions, niches (create, change, delete) and every
company with all its fields. `company`: creates one company, which becomes its own, changes or
deletes only that one, reads only that company's matches, and sees other companies' public fields.

**Trade missions.** Organisers and admins create missions and read all of them; only a
mission's own organiser or an admin changes it, imports a delegation into it, schedules its
meetings, locks meetings or deletes it. A company account reads only the missions its company
takes part in (any other is a 404) and sees only its own company's pairs, meetings and agenda.
Match lists, templates and schedules also come as CSV / XLSX files and agendas as .ics, with
labels in `lang` (ru or en; by default from Accept-Language, else ru). Over HTTP a scheduling
run searches at most 30 s (`time_limit_s`) and ends within 50 s, inside the server's 60 s timeout.

**Codes.** `GET /api/v1/codes?q=…` finds HS / TN VED and NACE codes by words (Russian or English,
as people type them) and `POST /api/v1/codes/suggest` proposes them for an offer's or need's title
and description; both answer `{"items": [{scheme, code, label, confidence, evidence}]}`, best first,
for any role. Proposals are never stored: a person accepts them. Bad input to either, query
parameters included, is a 422 naming the field (`q`, `scheme`, `lang`, `limit`, `title`, …).

**Public fields.** Of a company that is not theirs, a company account sees every field except
`email` and `phone`, which are left out of the body until both companies have said they are
interested in each other (mutual interest, on the web). `tax_id` (UNP, INN, OGRN) is public
registry data and is always there.

**Errors.** `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail`, and for
invalid input `errors: {field_path: [message, ...]}` — body paths like `offers.0.hs_codes.1`,
query parameters by name (400), body fields (422).

**Lists.** `{"items": [...], "total": N, "page": P, "per_page": K}`; `page` ≥ 1, `per_page` 1..200.

**Concurrency.** Single resources carry a strong `ETag`; `PATCH` and `DELETE` honour `If-Match`
(`*` or the ETag; a mismatch is 412; without the header the write is unconditional).

**Retries.** A `POST` that creates something accepts `Idempotency-Key` (1–200 visible ASCII characters, unique per token
owner for 24 hours): a retry with the same key and body returns the first success (status, body,
`Location`, marked `Idempotent-Replayed: true`) and creates nothing; the same key with another
body is a 422; a retry while the first is still running waits briefly, then gets 409.

**Rate limits.** Per token and per client address; every answer carries `X-RateLimit-Limit`,
`X-RateLimit-Remaining`, `X-RateLimit-Reset`; beyond the limit a 429 with `Retry-After`.

Cyrillic is returned as is, not `\\u`-escaped.
"""

# Class names in code follow the house style; names in the document say what a client holds.
_COMPONENT_NAMES = {
    "CompanyOutSchema": "Company", "CompanySchema": "CompanyCreate",
    "NicheOutSchema": "Niche", "NicheSchema": "NicheCreate",
    "MissionOutSchema": "Mission", "MissionSchema": "MissionCreate",
    "HttpScheduleRequestSchema": "ScheduleRequest", "ParticipantSchema": "ParticipantSettings",
    "ProjectOutSchema": "Project", "ProjectSchema": "ProjectCreate",  # issue 15
    "ProjectInterestOutSchema": "ProjectInterest", "ProjectInterestSchema": "ProjectInterestCreate",
    "StatsOutSchema": "Stats",
}

def problems(*statuses: int):
    """Document failures the view's services can raise beyond those its decorators imply."""

    def decorate(view):
        doc_of(view).setdefault("problems", set()).update(statuses)
        return view

    return decorate


def without_database(view):
    """The view never touches the database, so it cannot answer 503."""
    doc_of(view)["no_database"] = True
    return view


def tag(name: str):
    def decorate(view):
        doc_of(view)["tag"] = name
        return view

    return decorate


def _component_name(schema) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    name = _COMPONENT_NAMES.get(cls.__name__, cls.__name__.removesuffix("Schema"))
    if not isinstance(schema, type) and getattr(schema, "partial", False) and not name.endswith("Update"):
        name += "Partial"
    return name


TAGS = [
    {"name": "companies", "description": "Company profiles: what they offer and need"},
    {"name": "matches", "description": "Ranked partners with the reasons behind each score"},
    {"name": "niches", "description": "Markets left by departed firms"},
    {"name": "missions", "description": "Trade missions: participants, match lists, meeting schedules"},
    {"name": "codes", "description": "HS and NACE codes found by words or proposed for an offer or need"},
    {"name": "messages", "description": "Conversations between two companies, one thread per pair"},
    {"name": "projects", "description": "Projects buyers publish; suggested suppliers; proposals"},
    {"name": "stats", "description": "The corridor's figures against its $0.5 bn target"},
    {"name": "service", "description": "Health and this document"},
]


def spec_options() -> dict:
    """What flask-smorest's Api passes to apispec: titles, the security scheme, schema names by role."""
    return {
        "title": "matcher API", "version": "1.0.0", "openapi_version": "3.0.3",
        "marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=_component_name),
        "info": {"description": API_DESCRIPTION}, "security": [{"bearerAuth": []}], "tags": list(TAGS),
        "components": {"securitySchemes": {"bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "An API token from `flask tokens create EMAIL --role admin|organizer|company`",
        }}},
    }


# Meanings of fields that recur across schemas, for properties the schemas leave undescribed.
_FIELD_NOTES = {
    "country": "ISO 3166-1 alpha-2, e.g. BY or RU",
    "departed_country": "ISO 3166-1 alpha-2 of the firm that left, e.g. FI",
    "region": "ISO 3166-2 code that belongs to the country, e.g. BY-HM or RU-PER",
    "roles": "Non-empty subset of supplier, buyer",
    "tax_id": "UNP for BY (9 characters with a check digit); INN (10/12 digits) or OGRN (13/15) for RU. "
              "Public registry data: shown to every reader",
    "email": "Left out for company accounts reading a company that is not theirs, until the interest is mutual",
    "phone": "Left out for company accounts reading a company that is not theirs, until the interest is mutual",
    "hs_codes": "HS / TN VED EAEU codes of 2 to 10 digits (spaces and dots ignored), e.g. 843680",
    "nace_codes": "NACE Rev. 2 / OKVED2 / OKED codes of 1 to 4 levels, e.g. 28.41",
    "offers": "What a supplier sells (suppliers only)",
    "needs": "What a buyer wants to buy (buyers only)",
    "languages": "ISO 639-1 codes, e.g. ru, en, be",
    "version": "Increases with every change; the ETag is built from it",
}
_COMPONENT_NOTES = {
    "Company": "A stored company. For a company account reading a company that is not its own, "
               "`email` and `phone` are left out until both companies said they are interested in each other; "
               "`tax_id` is public registry data and always present.",
    "CompanyCreate": "A company profile as clients write it (POST body).",
    "Niche": "A stored niche: a market left by a departed firm.",
    "NicheCreate": "A niche as clients write it (POST body).",
}


def _describe_components(document: dict) -> None:
    """Describe each schema component and its recurring fields (class docstring, notes above)."""
    from matcher.api import code_schemas, mission_schemas
    from matcher.api import schemas as api_schemas
    from matcher.schemas import company, mission, niche

    classes = {}
    for module in (company, niche, mission, api_schemas, mission_schemas, code_schemas):  # the API's own classes win a name
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and value.__doc__:
                classes[_component_name(value)] = value
    for name, component in document.get("components", {}).get("schemas", {}).items():
        cls = classes.get(name)
        if name in _COMPONENT_NOTES:
            component["description"] = _COMPONENT_NOTES[name]
        elif cls is not None and "description" not in component:
            component["description"] = inspect.cleandoc(cls.__doc__).split("\n\n")[0].replace("\n", " ")
        for field, body in component.get("properties", {}).items():
            if field in _FIELD_NOTES and "description" not in body:
                body["description"] = _FIELD_NOTES[field]


def _list_weight_features(document: dict) -> None:
    """Name the engine's features (and their default weights) where `weights` is a parameter."""
    from matcher.scoring.weights import DEFAULT_WEIGHTS

    table = ", ".join(f"`{name}` {weight:g}" for name, weight in DEFAULT_WEIGHTS.items())
    for item in document["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("name") == "weights" and parameter.get("in") == "query":
                    parameter["description"] += f". Features and default weights: {table}"


def openapi_document() -> dict:
    """This app's document, built once per app (routes do not change after start-up)."""
    app = current_app._get_current_object()
    if "openapi_document" not in app.extensions:
        document = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
        document["tags"] = [t for t in document.get("tags", []) if t in TAGS]  # not one per blueprint
        # Paths in the order of their URL rules, as the reference page lists them.
        document["paths"] = dict(sorted(document["paths"].items(),
                                        key=lambda item: re.sub(r"\{(\w+)\}", r"<id:\1>", item[0])))
        _describe_components(document)
        _list_weight_features(document)
        app.extensions["openapi_document"] = document
    return app.extensions["openapi_document"]


@api.get("/openapi.json")
@public
@without_database
@tag("service")
@api.response(200, {"type": "object"}, description="This OpenAPI 3 document")
def openapi_json():
    """The OpenAPI 3 document of this API."""
    return openapi_document()
