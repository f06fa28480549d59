"""flask-smorest, fitted to this API's contract: problem+json everywhere, version ETags, answers as the services build them.

`ApiBlueprint` is flask-smorest's Blueprint with four differences, each kept because the contract
(../shared/API.md, tests/api) says so:
- `response(status, Schema)` documents the answer but does not dump it: the services build the
  contract's dicts (one builder for the API, the web and the exports), and a second pass through
  the schema would drop or re-format fields.
- ETags are the row's version (`"company-7-v3"`), not a hash of the body; `check_etag` compares
  If-Match (`*`, or the tag, weak or strong) and returns the version the write must still find;
  without If-Match a write is unconditional (no 428) and a GET never answers 304.
- Every failure is documented as a `Problem{status}` response, derived from what the view
  declares (its arguments, roles, ETag, Idempotency-Key, path ids), as the errors are rendered
  by `matcher.api.errors`, never by flask-smorest's own handler.
- The operation's id, summary, description and tag come from the view (its name, docstring,
  roles and `@tag`).
"""
from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import NamedTuple

from flask import request
from flask_smorest import Api, Blueprint

from matcher.api.arguments import RequestParser
from matcher.errors import PreconditionFailed

PROBLEM_MEDIA_TYPE = "application/problem+json"

PROBLEMS = {
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

HEADERS = {
    "Location": {"description": "URL of the created resource", "schema": {"type": "string"}},
    "ETag": {"description": "Current version of the resource, for If-Match", "schema": {"type": "string"}},
    "Retry-After": {"description": "Seconds to wait before retrying", "schema": {"type": "string"}},
    "Idempotent-Replayed": {"description": "`true` when this is the stored answer to an earlier try",
                            "schema": {"type": "string"}},
}

IF_MATCH = {"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
            "description": "The ETag you read, or `*`; the write happens only if it still matches"}
IDEMPOTENCY_KEY = {"in": "header", "name": "Idempotency-Key", "required": False,
                   "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"^[!-~]+$"},
                   "description": "Any unique string; retries with it return the first answer"}

_BODY_LOCATIONS = ("body", "json")


class Version(NamedTuple):
    """What an ETag is made of: the kind of resource, its id, and its row version."""

    kind: str
    id: int
    version: int

    @property
    def tag(self) -> str:
        return f'"{self.kind}-{self.id}-v{self.version}"'


def doc_of(view) -> dict:
    """What a view declares about itself beyond flask-smorest's decorators (tag, problems, flags)."""
    return view.__dict__.setdefault("api_doc", {})


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = RequestParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {
        **Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
        "body": "application/json", "multipart": "multipart/form-data",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.append(self._prepare_problem_doc)

    # -- answers -----------------------------------------------------------------------------------

    def response(self, status_code, schema=None, *, headers: tuple[str, ...] = (), **kwargs):
        """flask-smorest's `response`; `schema` documents the answer, `headers` names entries of HEADERS."""
        decorate = super().response(status_code, headers={name: HEADERS[name] for name in headers} or None,
                                    **kwargs)

        def decorator(func):
            wrapper = decorate(func)
            if schema is not None:
                wrapper._apidoc["response"]["responses"][status_code][-1]["schema"] = (
                    schema() if isinstance(schema, type) else schema)
            return wrapper

        return decorator

    # -- ETags -------------------------------------------------------------------------------------

    @staticmethod
    def _generate_etag(etag_data, extra_data=None):
        return etag_data.tag.strip('"')  # werkzeug quotes it again when it sets the header

    def _check_precondition(self):
        """Without If-Match a write is unconditional (the contract's rule), so no 428."""

    def _check_not_modified(self, etag):
        """No 304: a GET always answers with the resource."""

    def check_etag(self, etag_data: Version, etag_schema=None) -> int | None:
        """The version a conditional write must still find, or None when the request has no If-Match.

        A mismatch is a 412 carrying the current ETag. Weak tags (`W/"…"`) are compared by their
        opaque part, because proxies that compress responses weaken the tags they pass on.
        """
        header = request.headers.get("If-Match")
        if header is None:
            return None
        tags = {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
        if "*" in tags or etag_data.tag in tags:
            return etag_data.version
        failure = PreconditionFailed(
            f"The resource changed since you read it; its ETag is now {etag_data.tag}. Read it again and retry.")
        failure.headers = {"ETag": etag_data.tag}
        raise failure

    def _verify_check_etag(self):
        """A view that fails before its If-Match check raises; one that returns has checked."""

    def _set_etag_in_response(self, response):
        from flask_smorest.etag import _get_etag_ctx

        etag = _get_etag_ctx().get("etag")
        if etag is not None and request.method in self.METHODS_ALLOWING_SET_ETAG:
            response.set_etag(etag)

    def _prepare_etag_doc(self, doc, doc_info, *, method, **kwargs):
        if doc_info.get("etag") and method.upper() in self.METHODS_NEEDING_CHECK_ETAG:
            doc.setdefault("parameters", []).append(dict(IF_MATCH))
        return doc

    # -- documentation -----------------------------------------------------------------------------

    def add_url_rule(self, rule, endpoint=None, view_func=None, provide_automatic_options=None, *,
                     parameters=None, tags=None, **options):
        if view_func is not None:
            declared = doc_of(view_func)
            apidoc = getattr(view_func, "_apidoc", {})
            view_func._apidoc = {**apidoc, "matcher": {
                "locations": [p["in"] for p in apidoc.get("arguments", {}).get("parameters", ())],
                **declared, "operation_id": view_func.__name__, "docstring": view_func.__doc__,
                "path_parameters": "<" in rule, "public": getattr(view_func, "api_public", False),
                "roles": getattr(view_func, "api_roles", None),
                "rate_limited": not getattr(view_func, "api_rate_limit_exempt", False),
            }}
            tags = tags or [declared.get("tag", "service")]
        super().add_url_rule(rule, endpoint, view_func, provide_automatic_options, parameters=parameters,
                             tags=tags, **options)

    @staticmethod
    def _prepare_problem_doc(doc, doc_info, *, method, **kwargs):
        """Id, summary and description from the view; a Problem response for every failure it can answer."""
        info = doc_info.get("matcher", {})
        summary, _, description = inspect.cleandoc(info.get("docstring") or info["operation_id"]).partition("\n")
        if info.get("roles"):
            description = (description.strip() + f"\n\nRoles: {', '.join(info['roles'])}.").strip()
        doc_info["docstring"] = {"summary": summary.strip(), **({"description": description.strip()}
                                                                 if description.strip() else {})}
        doc["operationId"] = info["operation_id"]
        if info.get("public"):
            doc["security"] = []
        statuses = set(info.get("problems", ()))
        statuses |= set() if info.get("public") else {401, 403}
        statuses |= {429} if info.get("rate_limited") else set()
        statuses |= set() if info.get("no_database") else {503}
        statuses |= {404} if info.get("path_parameters") else set()
        locations = set(info.get("locations", ()))
        if "query" in locations:
            statuses.add(400)
        if locations & set(_BODY_LOCATIONS):
            statuses |= {400, 413, 415, 422}
        if "multipart" in locations:
            statuses |= {413, 415, 422}
        if doc_info.get("etag") and method.upper() in ApiBlueprint.METHODS_NEEDING_CHECK_ETAG:
            statuses.add(412)
        if info.get("idempotent"):
            doc.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
            statuses |= {400, 409, 422}
        answers = {int(status): answer for status, answer in doc.get("responses", {}).items()
                   if isinstance(answer, Mapping)}  # flask-smorest's own error references go
        for status in statuses:
            answers.setdefault(status, f"Problem{status}")
        doc["responses"] = {str(status): answers[status] for status in sorted(answers)} or \
            {"200": {"description": "Success"}}
        return doc


class ProblemApi(Api):
    """flask-smorest's Api without its error handler and error schema: errors are problem+json."""

    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self):
        """`matcher.api.errors` renders every error under /api; flask-smorest's format must not leak."""

    def _register_pagination_header(self):
        """Pages are `{"items", "total", "page", "per_page"}` bodies, not X-Pagination headers."""

    def _register_responses(self):
        from matcher.api.schemas import ProblemSchema

        self.spec.components.schema("Problem", schema=ProblemSchema)
        for status, description in PROBLEMS.items():
            self.spec.components.response(f"Problem{status}", {
                "description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": "Problem"}}})
