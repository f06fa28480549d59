"""One error format for everything under /api: domain errors, HTTP errors, database faults."""
from __future__ import annotations

from flask import Flask, current_app, request
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from matcher.api.problem import problem
from matcher.errors import DomainError
from matcher.services.api_requests import end_transaction

RETRY_AFTER_DATABASE_SECONDS = "5"

# What werkzeug says is written for browsers; integrations get a sentence they can act on.
_HTTP_DETAILS = {
    404: "No such resource or endpoint; the reference is at /api/docs.",
    413: "The request body is larger than this server accepts.",
    415: "Send the body as JSON with the header Content-Type: application/json.",
    500: "The server failed to answer; the error is logged. Please retry later.",
}


def log_database_error(exc: DBAPIError) -> None:
    """Answered with a 503 or 409, but logged: operators must see "database is locked" or a lost server."""
    current_app.logger.warning("database error on %s %s: %s", request.method, request.path,
                               str(exc.orig).strip().splitlines()[0] if exc.orig else exc)


def _is_api_request() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def install(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        if _is_api_request():
            return problem(exc.status, exc.title, exc.detail, exc.errors,
                           headers=getattr(exc, "headers", None))
        raise exc

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if not _is_api_request():
            return exc
        status = exc.code or 500
        headers = {}
        if getattr(exc, "valid_methods", None):
            headers["Allow"] = ", ".join(sorted(exc.valid_methods))
        if status == 429:
            # Flask-Limiter replaces this with the exact reset time of the limit that was hit.
            headers["Retry-After"] = str(getattr(exc, "retry_after", None) or 1)
            detail = f"Too many requests: the limit is {exc.description}. Retry after Retry-After seconds."
        elif status == 405:
            detail = f"{request.method} is not allowed here; allowed: {headers.get('Allow', 'none')}."
        else:
            detail = _HTTP_DETAILS.get(status, exc.description or exc.name)
        return problem(status, exc.name, detail, headers=headers)

    @app.errorhandler(OperationalError)
    def _database_down(exc: OperationalError):
        log_database_error(exc)
        end_transaction()
        if not _is_api_request():
            return ("The database is unavailable; please retry shortly.", 503,
                    {"Retry-After": RETRY_AFTER_DATABASE_SECONDS})
        return problem(503, "Service unavailable", "The database is unavailable; retry shortly.",
                       headers={"Retry-After": RETRY_AFTER_DATABASE_SECONDS})

    @app.errorhandler(DBAPIError)
    def _database_error(exc: DBAPIError):
        log_database_error(exc)
        end_transaction()
        if exc.connection_invalidated:
            return problem(503, "Service unavailable", "The database connection was lost; retry.",
                           headers={"Retry-After": RETRY_AFTER_DATABASE_SECONDS})
        return problem(409, "Conflict", "The write conflicts with stored data.")
