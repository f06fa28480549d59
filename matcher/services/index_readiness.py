"""The answer when this worker's match index cannot answer yet: 503 with Retry-After.

Its own module so that the services asking the index (matching) and the one keeping it
(match_index) both raise it without importing each other."""
from __future__ import annotations

from matcher.errors import Unavailable

RETRY_AFTER_SECONDS = "5"
NOT_READY = "The match index of this server is still loading; retry in a few seconds."


def not_ready() -> Unavailable:
    exc = Unavailable(NOT_READY, {"index": ["not ready yet"]})
    exc.headers = {"Retry-After": RETRY_AFTER_SECONDS}
    exc.index_not_ready = True          # the web shows its own page for it
    return exc
