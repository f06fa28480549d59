"""Periodic jobs, registered with RQ's own cron scheduler (rq.cron, RQ 2.x)."""
from __future__ import annotations

from redis import Redis
from rq.cron import CronScheduler

from matcher.jobs import tasks

DIGEST_CRON = "0 * * * *"        # hourly: each address's digest goes when its day or week is up
OVERDUE_MAIL_INTERVAL_S = 300
PURGE_CRON = "30 * * * *"        # hourly: deletions whose grace period is over
PROJECTS_CRON = "15 * * * *"     # hourly: projects past their deadline are written down as closed


def register_periodic_jobs(scheduler: CronScheduler, queue_name: str) -> None:
    scheduler.register(tasks.send_due_digests, queue_name, cron=DIGEST_CRON)
    scheduler.register(tasks.purge_due_deletions, queue_name, cron=PURGE_CRON)
    scheduler.register(tasks.close_expired_projects, queue_name, cron=PROJECTS_CRON)
    scheduler.register(tasks.requeue_overdue_mail, queue_name, interval=OVERDUE_MAIL_INTERVAL_S)


def run_cron_scheduler(redis_url: str, queue_name: str) -> None:
    """Enqueue the periodic jobs on time until stopped (runs in a process of its own)."""
    scheduler = CronScheduler(connection=Redis.from_url(redis_url))
    register_periodic_jobs(scheduler, queue_name)
    scheduler.start()
