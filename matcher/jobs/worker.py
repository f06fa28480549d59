"""`flask worker`: an RQ worker in this app's context, plus the cron scheduler in a child process."""
from __future__ import annotations

import multiprocessing

import click
from flask import Flask
from rq import SimpleWorker

from matcher.jobs.cron import run_cron_scheduler
from matcher.jobs.queue import jobs_queue, jobs_redis_url


def register_worker_cli(app: Flask) -> None:
    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop when the queue is empty (tests, one-off runs).")
    @click.option("--no-cron", is_flag=True, help="Do not start the scheduler of periodic jobs (digests); "
                                                  "run it in exactly one process of a deployment.")
    def worker(burst: bool, no_cron: bool):
        """Run background jobs (mail, digests, schedules, imports) from the Redis queue."""
        queue = jobs_queue()
        if queue is None:
            raise click.ClickException("no queue: set JOBS_REDIS_URL or REDIS_URL (without them jobs run inline)")
        cron = None
        if not burst and not no_cron:
            # fork: the child only talks to Redis, never to the database connections it inherits
            cron = multiprocessing.get_context("fork").Process(
                target=run_cron_scheduler, args=(jobs_redis_url(), queue.name), name="matcher-cron", daemon=True)
            cron.start()
        try:
            # SimpleWorker runs each job in this process, inside the app context the command has;
            # the scheduler moves retries (mail backoff) back onto the queue when they are due.
            SimpleWorker([queue], connection=queue.connection).work(burst=burst, with_scheduler=True)
        finally:
            if cron is not None:
                cron.terminate()
                cron.join(5)
