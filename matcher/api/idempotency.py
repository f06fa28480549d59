"""Idempotency-Key on POST: a retried request gets the first answer and creates nothing.

This is the HTTP side (the header, the request's fingerprint, the replayed answer); the keys,
the waiting and the one transaction of work and answer are `matcher.services.idempotency_keys`.
A retry of a try still running waits up to IDEMPOTENCY_WAIT_SECONDS, then gets a 409; the same
key with another body is a 422; a failed try frees the key, so the client can fix the request
and retry with the same key.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import wraps
from typing import Callable

from flask import Response, current_app, request

from matcher.api.arguments import BadRequest
from matcher.api.auth import current_user
from matcher.api.blueprint import doc_of
from matcher.services import idempotency_keys as keys
from matcher.services.idempotency_keys import HEADER

REPLAYED_HEADER = "Idempotent-Replayed"
KEY_PATTERN = re.compile(r"^[!-~]{1,200}$")  # visible ASCII: storable and loggable as is


def idempotent(replay_headers: Callable[[dict], dict] | None = None):
    """Honour Idempotency-Key on the view; `replay_headers(body)` rebuilds headers such as ETag."""

    def decorate(view):
        doc_of(view)["idempotent"] = True

        @wraps(view)
        def wrapper(*args, **kwargs):
            key = request.headers.get(HEADER)
            if key is None:
                return view(*args, **kwargs)
            if not KEY_PATTERN.match(key):
                raise BadRequest(f"{HEADER} must be 1 to 200 visible ASCII characters",
                                 {HEADER: ["1 to 200 visible ASCII characters, no spaces"]})
            fingerprint = _fingerprint()
            user_id = current_user().id
            keys.forget_expired_keys(user_id, int(current_app.config["IDEMPOTENCY_TTL_SECONDS"]))
            stored = keys.claim(user_id, key, request.method, request.path, fingerprint,
                                float(current_app.config["IDEMPOTENCY_WAIT_SECONDS"]))
            if not isinstance(stored, int):
                return _replay(stored, replay_headers)
            try:
                with keys.commits_held_back():
                    response = current_app.make_response(view(*args, **kwargs))
                    succeeded = 200 <= response.status_code < 300
                    if succeeded:
                        keys.store_answer(stored, response.status_code, response.get_data(as_text=True),
                                          response.headers.get("Location"))
                if succeeded:
                    keys.commit_work_and_answer()
                    return response
            except BaseException:
                keys.release(stored)
                raise
            keys.release(stored)
            return response

        return wrapper

    return decorate


def _fingerprint() -> str:
    """SHA-256 of method, path and body; JSON bodies are compared by content, not by spacing."""
    raw = request.get_data(cache=True)
    try:
        body = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        body = raw
    return hashlib.sha256(f"{request.method} {request.path}\n".encode() + body).hexdigest()


def _replay(row, replay_headers: Callable[[dict], dict] | None) -> Response:
    """The stored answer of the first try (`row` is its IdempotentRequest)."""
    response = Response(row.response_body, status=row.status_code, mimetype="application/json")
    if row.location:
        response.headers["Location"] = row.location
    if replay_headers and row.response_body:
        response.headers.update(replay_headers(json.loads(row.response_body)))
    response.headers[REPLAYED_HEADER] = "true"
    return response
