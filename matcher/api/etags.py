"""ETags of single resources and the If-Match check that guards PATCH and DELETE."""
from __future__ import annotations

from flask import request

from matcher.api.openapi import doc_of
from matcher.errors import PreconditionFailed


def etag(kind: str, resource_id: int, version: int) -> str:
    """A strong entity tag that changes with every write (the row's optimistic-lock version)."""
    return f'"{kind}-{resource_id}-v{version}"'


def if_match(view):
    """Document that the view honours If-Match; the view calls `checked_version`."""
    doc_of(view)["if_match"] = True
    return view


def checked_version(current_etag: str, version: int) -> int | None:
    """The version a conditional write must still find, or None when the request has no If-Match.

    A mismatch is a 412 carrying the current ETag. Weak tags (`W/"…"`) are compared by their
    opaque part, because proxies that compress responses weaken the tags they pass on.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
    if "*" in tags or current_etag in tags:
        return version
    failure = PreconditionFailed(
        f"The resource changed since you read it; its ETag is now {current_etag}. Read it again and retry.")
    failure.headers = {"ETag": current_etag}
    raise failure
