"""Background jobs on RQ (Redis at JOBS_REDIS_URL / REDIS_URL); without Redis they run inline.

`enqueue(func, *args)` hands a job function (see matcher/jobs/tasks.py) to the queue, or runs it
at once in the calling process when no Redis is configured — so `make run` needs no worker.
`flask worker` runs the jobs (and RQ's cron scheduler for the periodic ones, matcher/jobs/cron.py).
"""
from matcher.jobs.queue import enqueue, jobs_queue, queued_jobs_enabled

__all__ = ["enqueue", "jobs_queue", "queued_jobs_enabled"]
