"""The OpenAPI 3 document, assembled from the URL map, the views' decorators and their marshmallow schemas.

Views describe themselves with decorators that both act and document (`query_args`,
`json_body`, `allow_roles`, `idempotent`, `if_match`) plus `responds` for what they return;
the document is assembled from the URL map, so a route cannot exist without appearing here.
"""
from __future__ import annotations

import inspect
import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app

from matcher.api import MAX_ID, api, api_docs
from matcher.api.auth import public

PROBLEM_MEDIA_TYPE = "application/problem+json"
PATH_PARAMETER = re.compile(r"<(?:(?P<converter>[a-z]+)(?:\([^)]*\))?:)?(?P<name>\w+)>")

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
}

_PROBLEMS = {
    400: "Malformed request: bad query parameter, invalid JSON or header",
    401: "No token, or an unknown or revoked one",
    403: "The token's role or account may not do this",
    404: "No such resource",
    409: "Conflicts with stored data (e.g. a tax id already registered), or the same "
         "Idempotency-Key is still being processed",
    412: "If-Match does not match the current ETag",
    413: "The body is larger than the server accepts",
    415: "The body is not JSON",
    422: "The body is well-formed but invalid; `errors` names every field path",
    429: "Rate limit exceeded; see Retry-After",
    503: "The database is unreachable; see Retry-After",
}


def doc_of(view) -> dict:
    """The documentation a view carries; decorators add to it, `functools.wraps` passes it outward."""
    return view.__dict__.setdefault("api_doc", {})


def responds(status: int, schema=None, *, description: str = "", headers: tuple[str, ...] = (),
             media_type: str = "application/json"):
    """Document a success response of the view; call again with another media type to add one
    (e.g. a list that is also served as text/csv)."""

    def decorate(view):
        response = doc_of(view).setdefault("responses", {}).setdefault(
            status, {"description": description, "headers": (), "content": {}})
        response["description"] = response["description"] or description
        response["headers"] = tuple(dict.fromkeys((*response["headers"], *headers)))
        if schema is not None:
            response["content"][media_type] = schema
        return view

    return decorate


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


_HEADERS = {
    "Location": {"description": "URL of the created resource", "schema": {"type": "string"}},
    "ETag": {"description": "Current version of the resource, for If-Match", "schema": {"type": "string"}},
    "Retry-After": {"description": "Seconds to wait before retrying", "schema": {"type": "string"}},
    "Idempotent-Replayed": {"description": "`true` when this is the stored answer to an earlier try",
                            "schema": {"type": "string"}},
}


def _component_name(schema) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    name = _COMPONENT_NAMES.get(cls.__name__, cls.__name__.removesuffix("Schema"))
    if not isinstance(schema, type) and getattr(schema, "partial", False) and not name.endswith("Update"):
        name += "Partial"
    return name


def build_spec(app) -> dict:
    spec = APISpec(
        title="matcher API", version="1.0.0", openapi_version="3.0.3",
        plugins=[MarshmallowPlugin(schema_name_resolver=_component_name)],
        info={"description": API_DESCRIPTION},
        security=[{"bearerAuth": []}],
        tags=[{"name": "companies", "description": "Company profiles: what they offer and need"},
              {"name": "matches", "description": "Ranked partners with the reasons behind each score"},
              {"name": "niches", "description": "Markets left by departed firms"},
              {"name": "missions", "description": "Trade missions: participants, match lists, meeting schedules"},
              {"name": "codes", "description": "HS and NACE codes found by words or proposed for an offer or need"},
              {"name": "projects", "description": "Projects buyers publish; suggested suppliers; proposals"},
              {"name": "stats", "description": "The corridor's figures against its $0.5 bn target"},
              {"name": "service", "description": "Health and this document"}],
    )
    spec.components.security_scheme("bearerAuth", {
        "type": "http", "scheme": "bearer",
        "description": "An API token from `flask tokens create EMAIL --role admin|organizer|company`",
    })
    from matcher.api.schemas import ProblemSchema

    spec.components.schema("Problem", schema=ProblemSchema)
    for status, description in _PROBLEMS.items():
        spec.components.response(_problem_ref(status), {
            "description": description,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": "Problem"}},
        })
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.split(".")[0] not in (api.name, api_docs.name) or rule.endpoint.endswith(".static"):
            continue
        view = app.view_functions[rule.endpoint]
        path, path_parameters = _openapi_path(rule.rule)
        operations = {method.lower(): _operation(view, bool(path_parameters))
                      for method in sorted(rule.methods - {"HEAD", "OPTIONS"})}
        spec.path(path=path, operations=operations, parameters=path_parameters)
    document = spec.to_dict()
    _describe_components(document)
    _list_weight_features(document)
    return document


def _openapi_path(rule: str) -> tuple[str, list[dict]]:
    parameters = []

    def replace(match: re.Match) -> str:
        kind = {"id": {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "int": {"type": "integer", "minimum": 0},
                "float": {"type": "number"}}.get(match["converter"], {"type": "string"})
        parameters.append({"in": "path", "name": match["name"], "required": True, "schema": kind})
        return "{" + match["name"] + "}"

    return PATH_PARAMETER.sub(replace, rule), parameters


def _operation(view, has_path_parameters: bool) -> dict:
    doc = doc_of(view)
    summary, _, description = inspect.cleandoc(view.__doc__ or view.__name__).partition("\n")
    operation = {"operationId": view.__name__, "summary": summary.strip(), "tags": [doc.get("tag", "service")]}
    roles = getattr(view, "api_roles", None)
    if roles:
        description = (description.strip() + f"\n\nRoles: {', '.join(roles)}.").strip()
    if description.strip():
        operation["description"] = description.strip()
    public = getattr(view, "api_public", False)
    if public:
        operation["security"] = []
    parameters = []
    statuses = set(doc.get("problems", ()))
    if not public:
        statuses |= {401, 403}
    if not getattr(view, "api_rate_limit_exempt", False):
        statuses.add(429)
    if not doc.get("no_database"):
        statuses.add(503)
    if has_path_parameters:
        statuses.add(404)
    if doc.get("query"):
        parameters.append({"in": "query", "schema": doc["query"]})
        statuses.add(400)
    if doc.get("body"):
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": doc["body"]}}}
        statuses |= {400, 413, 415, 422}
    if doc.get("form"):
        operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": doc["form"]}}}
        statuses |= {413, 415, 422}
    if doc.get("if_match"):
        parameters.append({"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
                           "description": "The ETag you read, or `*`; the write happens only if it still matches"})
        statuses.add(412)
    if doc.get("idempotent"):
        parameters.append({"in": "header", "name": "Idempotency-Key", "required": False,
                           "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"^[!-~]+$"},
                           "description": "Any unique string; retries with it return the first answer"})
        statuses |= {400, 409, 422}
    if parameters:
        operation["parameters"] = parameters
    responses = {}
    for status, documented in sorted(doc.get("responses", {}).items()):
        response = {"description": documented["description"] or "Success"}
        if documented["content"]:
            response["content"] = {media: {"schema": schema} for media, schema in documented["content"].items()}
        if documented["headers"]:
            response["headers"] = {name: _HEADERS.get(name, {"schema": {"type": "string"}})
                                   for name in documented["headers"]}
        responses[str(status)] = response
    for status in sorted(statuses):
        responses.setdefault(str(status), _problem_ref(status))
    operation["responses"] = responses or {"200": {"description": "Success"}}
    return operation


def _problem_ref(status: int) -> str:
    return f"Problem{status}"


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
        app.extensions["openapi_document"] = build_spec(app)
    return app.extensions["openapi_document"]


@api.get("/openapi.json")
@public
@without_database
@tag("service")
@responds(200, {"type": "object"}, description="This OpenAPI 3 document")
def openapi_json():
    """The OpenAPI 3 document of this API."""
    return openapi_document()

