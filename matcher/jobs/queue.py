"""The RQ queue of this app, or none (inline mode), and `enqueue` that works either way."""
from __future__ import annotations

import logging

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry

log = logging.getLogger(__name__)

DEFAULT_QUEUE = "matcher"


def jobs_redis_url() -> str | None:
    """JOBS_REDIS_URL (else REDIS_URL, read by config); empty means jobs run inline."""
    return (current_app.config.get("JOBS_REDIS_URL") or "").strip() or None


def queued_jobs_enabled() -> bool:
    return jobs_redis_url() is not None


def jobs_queue() -> Queue | None:
    """The app's queue (one Redis connection pool per app), or None in inline mode."""
    url = jobs_redis_url()
    if url is None:
        return None
    queues = current_app.extensions.setdefault("jobs_queues", {})
    name = current_app.config.get("JOBS_QUEUE") or DEFAULT_QUEUE
    if (url, name) not in queues:
        queues[(url, name)] = Queue(name, connection=Redis.from_url(url))
    return queues[(url, name)]


def enqueue(func, *args, retry_intervals: list[int] | None = None, timeout_s: int | None = None,
            inline_if_down: bool = True, **kwargs) -> str | None:
    """Queue `func(*args, **kwargs)` and return the RQ job id; without a queue run it now (None).

    When Redis is configured but unreachable, the job runs inline (`inline_if_down`) rather than
    being lost; callers whose work must not run inside a web request pass False and get the error.
    """
    queue = jobs_queue()
    if queue is not None:
        retry = Retry(max=len(retry_intervals), interval=retry_intervals) if retry_intervals else None
        try:
            job = queue.enqueue(func, args=args, kwargs=kwargs, retry=retry, job_timeout=timeout_s,
                                failure_ttl=7 * 24 * 3600)
            return job.id
        except RedisError as exc:
            if not inline_if_down:
                raise
            log.warning("Redis unreachable (%s): running %s inline", exc, func.__name__)
    func(*args, **kwargs)
    return None
