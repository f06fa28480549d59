"""RFC 9457 problem+json responses."""
from __future__ import annotations

import json

from flask import Response

PROBLEM_TYPE_BASE = "https://matcher.example/problems/"


def problem(status: int, title: str, detail: str = "", errors: dict | None = None,
            type_: str | None = None, headers: dict | None = None, extensions: dict | None = None) -> Response:
    """The problem document; `extensions` adds members of the problem type (RFC 9457 §3.2)."""
    body = {
        "type": PROBLEM_TYPE_BASE + (type_ or title.lower().replace(" ", "-")),
        "title": title,
        "status": status,
        "detail": detail or title,
    }
    if errors:
        body["errors"] = errors
    for key, value in (extensions or {}).items():
        body.setdefault(key, value)
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        mimetype="application/problem+json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    if "Retry-After" in response.headers:
        response.own_retry_after = response.headers["Retry-After"]  # see api.ratelimit
    return response
