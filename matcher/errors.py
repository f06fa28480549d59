"""Domain errors: each carries an HTTP status; the API and the web render them their own way."""
from __future__ import annotations


class DomainError(Exception):
    status = 400
    title = "Bad request"

    def __init__(self, detail: str = "", errors: dict[str, list[str]] | None = None):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors or {}


class ValidationFailed(DomainError):
    """Input that breaks a rule; `errors` maps field paths ("offers.0.hs_codes.1") to messages."""

    status = 422
    title = "Invalid input"


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class PreconditionFailed(DomainError):
    """The resource changed since the client read it (version / ETag mismatch)."""

    status = 412
    title = "Precondition failed"


class Unavailable(DomainError):
    status = 503
    title = "Service unavailable"


def flatten_errors(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested {"offers": {0: {"hs_codes": {1: [...]}}}} -> {"offers.0.hs_codes.1": [...]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema":
                path = prefix or "_schema"
            for sub_path, msgs in flatten_errors(value, path).items():
                flat.setdefault(sub_path, []).extend(msgs)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        flat[prefix or "_schema"] = list(messages)
    elif isinstance(messages, list):
        for item in messages:
            for sub_path, msgs in flatten_errors(item, prefix).items():
                flat.setdefault(sub_path, []).extend(msgs)
    else:
        flat[prefix or "_schema"] = [str(messages)]
    return flat
