"""One error format for everything under /api: domain errors, HTTP errors, database faults."""
from __future__ import annotations

from flask import Flask, request
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from matcher.api.problem import problem
from matcher.db import db
from matcher.errors import DomainError


def _is_api_request() -> bool:
    return request.path.startswith("/api/")


def install(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        if _is_api_request():
            return problem(exc.status, exc.title, exc.detail, exc.errors)
        raise exc

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if not _is_api_request():
            return exc
        headers = {"Allow": ", ".join(exc.valid_methods)} if getattr(exc, "valid_methods", None) else {}
        if exc.code == 429 and getattr(exc, "retry_after", None):
            headers["Retry-After"] = str(exc.retry_after)
        return problem(exc.code or 500, exc.name, exc.description or exc.name, headers=headers)

    @app.errorhandler(OperationalError)
    def _database_down(exc: OperationalError):
        db.session.rollback()
        if not _is_api_request():
            return "The database is unavailable; please retry shortly.", 503, {"Retry-After": "5"}
        return problem(503, "Service unavailable", "The database is unavailable; retry shortly.",
                       headers={"Retry-After": "5"})

    @app.errorhandler(DBAPIError)
    def _database_error(exc: DBAPIError):
        db.session.rollback()
        if exc.connection_invalidated:
            return problem(503, "Service unavailable", "The database connection was lost; retry.",
                           headers={"Retry-After": "5"})
        return problem(409, "Conflict", "The write conflicts with stored data.")
