"""Friendly HTML error pages in the reader's language for everything outside /api/."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from matcher.api.errors import RETRY_AFTER_DATABASE_SECONDS, log_database_error
from matcher.errors import DomainError
from matcher.services.unit_of_work import discard_failed_work
from matcher.web import web
from matcher.web.field_limits import form_max_megabytes
from matcher.messages import N_

ERROR_TEXTS = {
    400: (_l("The request could not be processed"),
          _l("The form may have expired or come from another site. Go back, reload the page and try again.")),
    403: (_l("Access denied"), _l("You do not have permission to open or change this page.")),
    404: (_l("Page not found"), _l("There is no such page. It may have been removed, or the address has a typo.")),
    405: (_l("Method not allowed"), _l("This address does not accept this kind of request.")),
    409: (_l("Conflict"), _l("The change conflicts with data already stored.")),
    412: (_l("The data has changed"), _l("Someone changed this data meanwhile. Reload the page and try again.")),
    413: (_l("Too much data"), _l("The form is too large to be accepted. Shorten it and try again.")),
    422: (_l("Invalid input"), _l("Some fields are filled in incorrectly.")),
    429: (_l("Too many attempts"), _l("Too many requests in a short time. Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("An unexpected error occurred on our side. Please try again later.")),
    503: (_l("Service temporarily unavailable"), _l("The service cannot reach its database right now. Please try again shortly.")),
}
TOO_LARGE_TEXT = N_("What you sent is larger than the %(megabytes)s MB the site accepts at once, so nothing was "
                    "saved. Go back to the form, shorten the longest texts (or choose a smaller file) and send it again.")

INDEX_NOT_READY_TEXT = _l("Matches are being prepared on this server. Please try again in a few seconds.")


def _is_api_request() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def render_error_page(status: int, headers: dict | None = None, text: str | None = None):
    title, default_text = ERROR_TEXTS.get(status, ERROR_TEXTS[500 if status >= 500 else 400])
    text = text or default_text
    try:
        body = render_template("web/error.html", status=status, title=title, text=text)
    except Exception:  # noqa: BLE001 - the last line of defence must not fail itself
        body = f"<!doctype html><title>{status}</title><h1>{status}</h1>"
    return body, status, headers or {}


def _http_headers(exc: HTTPException) -> dict:
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    retry_after = getattr(exc, "retry_after", None)
    if exc.code == 429 and retry_after and "Retry-After" not in headers:
        headers["Retry-After"] = str(retry_after)
    return headers


@web.errorhandler(DomainError)
def _domain_error(exc: DomainError):
    """A domain error no view turned into a form message: a page with its status."""
    discard_failed_work()
    if getattr(exc, "index_not_ready", False):     # a worker just started: matches in a few seconds
        return render_error_page(503, exc.headers, text=str(INDEX_NOT_READY_TEXT))
    return render_error_page(exc.status)


@web.errorhandler(DBAPIError)
def _database_error(exc: DBAPIError):
    """Database down or connection lost: 503 to retry; a write that collides with stored data: 409."""
    log_database_error(exc)
    discard_failed_work()
    if isinstance(exc, OperationalError) or exc.connection_invalidated:
        return render_error_page(503, {"Retry-After": RETRY_AFTER_DATABASE_SECONDS})
    return render_error_page(409)


def _too_large_text() -> str:
    """What a 413 means for the person who sent the form, with the limit it ran into."""
    return _(TOO_LARGE_TEXT, megabytes=form_max_megabytes())


def install(app: Flask) -> None:
    """Chain onto the app-wide HTTP error handler: /api/ keeps the API's own, the rest gets pages."""
    api_handler = app.error_handler_spec.get(None, {}).get(None, {}).get(HTTPException)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if _is_api_request():
            return api_handler(exc) if api_handler else exc
        if isinstance(exc, InternalServerError):
            discard_failed_work()
        # The web's rate limits carry a message written for people (see web/auth.py).
        text = exc.description if exc.code == 429 and request.blueprint == "web" else None
        if exc.code == 413:
            text = _too_large_text()
        return render_error_page(exc.code or 500, _http_headers(exc), text)

    # Database errors outside any blueprint's views (hooks, unrouted paths) get the page too.
    for exc_class in (OperationalError, DBAPIError):
        _chain_database_handler(app, exc_class)


def _chain_database_handler(app: Flask, exc_class: type[DBAPIError]) -> None:
    api_handler = app.error_handler_spec.get(None, {}).get(None, {}).get(exc_class)

    def _page_unless_api(exc: DBAPIError):
        if _is_api_request() and api_handler is not None:
            return api_handler(exc)
        return _database_error(exc)

    app.register_error_handler(exc_class, _page_unless_api)
