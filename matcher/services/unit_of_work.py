"""One use case, one transaction: commit when the work succeeds, roll back when it raises.

A service function that changes data runs its work inside `unit_of_work()` (or is decorated
with `@use_case`); web views, API views and CLI commands then never commit or roll back. A use
case that calls another one nests: only the outermost block commits or rolls back, so the inner
one's writes become part of the caller's transaction instead of being committed half-way.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import wraps
from typing import Iterator

from matcher.db import db

_DEPTH_KEY = "unit_of_work_depth"


@contextmanager
def unit_of_work() -> Iterator[None]:
    """The block's writes are committed together when it ends, or all rolled back if it raises."""
    session = db.session()
    depth = session.info.get(_DEPTH_KEY, 0)
    session.info[_DEPTH_KEY] = depth + 1
    try:
        yield
        if depth == 0:
            db.session.commit()
    except BaseException:
        if depth == 0:
            db.session.rollback()
        raise
    finally:
        session.info[_DEPTH_KEY] = depth


def use_case(func):
    """Run the decorated service function as one unit of work."""

    @wraps(func)
    def run(*args, **kwargs):
        with unit_of_work():
            return func(*args, **kwargs)

    return run


def discard_failed_work() -> None:
    """Roll back whatever a failed request left in the session (the error handlers, at the request's end)."""
    db.session.rollback()
