"""Limits on account forms (log in, sign up) that every worker and machine counts together.

Flask-Limiter counts in one storage for the whole app; with memory:// (no Redis configured) that
is each worker's own memory, and four workers let four times the guesses through. These limits
count in Redis when RATELIMIT_STORAGE_URI names one, and otherwise in the app's database
(matcher.ratelimit_storage) — never per worker. A Redis that stops answering falls back to the
database too, so a login form is never a 500 and never unlimited.
"""
from __future__ import annotations

import math
import time
from functools import wraps
from typing import Callable

from flask import Flask, current_app, request
from limits import parse
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from matcher.ratelimit_storage import DatabaseStorage

KEY_PREFIX = "account"


class AccountLimiter:
    """Created unbound; `init_app` picks the storage from the app's settings."""

    def __init__(self) -> None:
        self._database = FixedWindowRateLimiter(DatabaseStorage())

    def init_app(self, app: Flask) -> None:
        uri = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
        shared: Storage | None = None if uri.startswith("memory://") else storage_from_string(uri)
        app.extensions["account_limiter"] = FixedWindowRateLimiter(shared) if shared is not None else None

    def hit(self, limit: str, key: str) -> float | None:
        """Count one attempt against `limit` for `key`; seconds to wait when it is over the limit, else None."""
        item = parse(limit)
        for strategy in self._strategies():
            try:
                if strategy.hit(item, KEY_PREFIX, key):
                    return None
                reset_at = strategy.get_window_stats(item, KEY_PREFIX, key).reset_time
                return max(1, math.ceil(reset_at - time.time()))
            except strategy.storage.base_exceptions as exc:
                if strategy is self._database:
                    raise
                current_app.logger.warning("rate-limit storage failed, counting in the database: %s", exc)
        return None

    def _strategies(self) -> list[FixedWindowRateLimiter]:
        shared = current_app.extensions.get("account_limiter")
        return [shared, self._database] if shared is not None else [self._database]

    def limit(self, limit: str, key_func: Callable[[], str], message: Callable[[], str], methods=("POST",)):
        """Refuse a request past `limit` (e.g. "10 per minute") for its `key_func()` with a 429
        carrying `message()` and Retry-After; other methods pass uncounted."""

        def decorate(view):
            @wraps(view)
            def wrapper(*args, **kwargs):
                if request.method in methods and current_app.config.get("RATELIMIT_ENABLED", True):
                    wait_s = self.hit(limit, f"{view.__name__}:{key_func()}")
                    if wait_s is not None:
                        raise TooManyRequests(description=message(), retry_after=int(wait_s))
                return view(*args, **kwargs)

            return wrapper

        return decorate
