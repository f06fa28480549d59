"""Idempotency-Key on POST: a retried request gets the first answer and creates nothing.

The key row is inserted and committed *before* the work starts, so the database's unique
constraint on (user, key) decides which of two concurrent tries runs; the other waits for
the answer and replays it, or gets 409 if the first is still running after
IDEMPOTENCY_WAIT_SECONDS. Only successes are stored: a failed try frees the key, so the
client can fix the request and retry with the same key.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from datetime import timedelta
from functools import wraps
from typing import Callable

from flask import Response, current_app, request
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from matcher import sqlite_tuning
from matcher.api.arguments import BadRequest
from matcher.api.auth import current_user
from matcher.api.openapi import doc_of
from matcher.db import db, utcnow
from matcher.errors import Conflict, ValidationFailed
from matcher.models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_PATTERN = re.compile(r"^[!-~]{1,200}$")  # visible ASCII: storable and loggable as is
STALE_SECONDS = 60  # a try unfinished after this long died with its worker; the key is free again
POLL_SECONDS = 0.05

log = logging.getLogger(__name__)


class RequestInProgress(Conflict):
    title = "Request in progress"

    def __init__(self):
        super().__init__(f"A request with this {HEADER} is still being processed; retry shortly")
        self.headers = {"Retry-After": "1"}


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
            stored = _claim(current_user().id, key, _fingerprint())
            if isinstance(stored, IdempotentRequest):
                return _replay(stored, replay_headers)
            try:
                response = current_app.make_response(view(*args, **kwargs))
            except BaseException:
                _release(stored)
                raise
            if 200 <= response.status_code < 300:
                _complete(stored, response)
            else:
                _release(stored)
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


def _claim(user_id: int, key: str, fingerprint: str) -> int | IdempotentRequest:
    """The id of our freshly inserted key row, or the finished row of an earlier identical try."""
    deadline = time.monotonic() + float(current_app.config["IDEMPOTENCY_WAIT_SECONDS"])
    while True:
        row = IdempotentRequest(user_id=user_id, key=key, method=request.method, path=request.path,
                                request_hash=fingerprint)
        db.session.execute(delete(IdempotentRequest).where(
            IdempotentRequest.user_id == user_id, IdempotentRequest.created_at < _expiry_cutoff()))
        db.session.add(row)
        try:
            db.session.flush()
            row_id = row.id  # read before the commit expires it: no new transaction (or lock) after
            db.session.commit()
            return row_id
        except IntegrityError:
            db.session.rollback()
        existing = _wait_for_first_try(user_id, key, fingerprint, deadline)
        if existing is None:
            continue  # the first try failed and freed the key, or it was stale: claim it ourselves
        if (existing.method, existing.path, existing.request_hash) != (request.method, request.path, fingerprint):
            raise ValidationFailed(
                f"This {HEADER} was used for a different request; use a new key for a new request",
                {HEADER: ["already used with another body or endpoint"]})
        return existing


def _wait_for_first_try(user_id: int, key: str, fingerprint: str, deadline: float) -> IdempotentRequest | None:
    """The earlier try's row once it finished (or at once if it was another request); None if it is gone."""
    intends_to_write = sqlite_tuning.write_intent()
    sqlite_tuning.set_write_intent(False)  # looking must not take SQLite's write lock from the first try
    try:
        while True:
            existing = db.session.scalar(select(IdempotentRequest).where(
                IdempotentRequest.user_id == user_id, IdempotentRequest.key == key))
            if existing is None or existing.status_code is not None or existing.request_hash != fingerprint:
                return existing
            if _age_seconds(existing) > STALE_SECONDS:
                db.session.rollback()
                with sqlite_tuning.writing():
                    db.session.execute(delete(IdempotentRequest).where(
                        IdempotentRequest.id == existing.id, IdempotentRequest.status_code.is_(None)))
                    db.session.commit()
                return None
            db.session.rollback()  # end the snapshot so the next look sees the other try's commit
            if time.monotonic() >= deadline:
                raise RequestInProgress()
            time.sleep(POLL_SECONDS)
    finally:
        sqlite_tuning.set_write_intent(intends_to_write)


def _complete(row_id: int, response: Response) -> None:
    db.session.rollback()
    db.session.execute(update(IdempotentRequest).where(IdempotentRequest.id == row_id).values(
        status_code=response.status_code, response_body=response.get_data(as_text=True),
        location=response.headers.get("Location")))
    db.session.commit()


def _release(row_id: int) -> None:
    try:
        db.session.rollback()
        db.session.execute(delete(IdempotentRequest).where(IdempotentRequest.id == row_id))
        db.session.commit()
    except Exception:  # never hide the error that made us release the key
        db.session.rollback()
        log.exception("could not free idempotency key row %s", row_id)


def _replay(row: IdempotentRequest, replay_headers: Callable[[dict], dict] | None) -> Response:
    response = Response(row.response_body, status=row.status_code, mimetype="application/json")
    if row.location:
        response.headers["Location"] = row.location
    if replay_headers and row.response_body:
        response.headers.update(replay_headers(json.loads(row.response_body)))
    response.headers[REPLAYED_HEADER] = "true"
    return response


def _expiry_cutoff():
    return utcnow() - timedelta(seconds=int(current_app.config["IDEMPOTENCY_TTL_SECONDS"]))


def _age_seconds(row: IdempotentRequest) -> float:
    created = row.created_at
    now = utcnow()
    if created.tzinfo is None:  # SQLite hands back naive UTC
        created = created.replace(tzinfo=now.tzinfo)
    return (now - created).total_seconds()
