"""The periodic jobs are registered with RQ's own cron scheduler (rq.cron), hourly digests first."""
from __future__ import annotations

from redis import Redis
from rq.cron import CronScheduler

from matcher.jobs.cron import (
    DIGEST_CRON, OVERDUE_MAIL_INTERVAL_S, PROJECTS_CRON, PURGE_CRON, register_periodic_jobs,
)


def test_digests_run_hourly_and_lost_mail_is_looked_for_every_five_minutes_on_the_apps_queue():
    scheduler = CronScheduler(connection=Redis())  # nothing is sent to Redis until it starts
    register_periodic_jobs(scheduler, "matcher-test")
    jobs = {job.func_name: job for job in scheduler.get_jobs()}
    assert jobs["matcher.jobs.tasks.send_due_digests"].cron == DIGEST_CRON == "0 * * * *"
    assert jobs["matcher.jobs.tasks.requeue_overdue_mail"].interval == OVERDUE_MAIL_INTERVAL_S == 300
    assert jobs["matcher.jobs.tasks.purge_due_deletions"].cron == PURGE_CRON == "30 * * * *"
    assert jobs["matcher.jobs.tasks.close_expired_projects"].cron == PROJECTS_CRON == "15 * * * *"
    assert {job.queue_name for job in jobs.values()} == {"matcher-test"}
