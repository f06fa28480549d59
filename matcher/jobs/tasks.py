"""The job functions RQ runs (by import path): each is a thin call into a service, in an app context.

A worker started by `flask worker` already has an app context; one started as a bare `rq worker`
builds the app once from the environment. Inline (no Redis) a job runs inside its caller's
context and session, like any other function call.
"""
from __future__ import annotations

from functools import wraps

from flask import has_app_context
from rq import get_current_job

from matcher.db import db

_app = None


def _worker_app():
    global _app
    if _app is None:
        from matcher import create_app

        _app = create_app()
    return _app


def job(func):
    """Run `func` in an app context; in a worker, each job ends with a fresh database session."""

    @wraps(func)
    def run(*args, **kwargs):
        if has_app_context() and get_current_job() is None:  # inline: part of the caller's work
            return func(*args, **kwargs)
        if has_app_context():
            try:
                return func(*args, **kwargs)
            finally:
                db.session.remove()
        with _worker_app().app_context():
            try:
                return func(*args, **kwargs)
            finally:
                db.session.remove()

    return run


@job
def deliver_outbox_mail(outbox_id: int) -> str:
    """Send one outbox message; a failure raises, so RQ retries it with backoff."""
    from matcher.mail import MailError
    from matcher.services.outbox import deliver_now

    outcome = deliver_now(outbox_id)
    if outcome == "retry" and get_current_job() is not None:
        raise MailError(f"outbox mail {outbox_id} not delivered yet; RQ tries again after its interval")
    return outcome


@job
def requeue_overdue_mail() -> int:
    """Queue again the mail whose retry was lost (Redis restarted, a worker died)."""
    from matcher.services.outbox import requeue_overdue

    return requeue_overdue()


@job
def send_due_digests() -> int:
    """The daily and weekly digests of new good matches that are due now."""
    from matcher.services.notifications import send_due_digests as send

    return send()


@job
def purge_due_deletions() -> dict:
    """The account and company deletions whose grace period is over (issue 17)."""
    from matcher.services.account_data import purge_due_deletions as purge

    return purge()


@job
def close_expired_projects() -> int:
    """Projects past their deadline, written down as closed (reads treat them as closed already)."""
    from matcher.services.projects import close_expired

    return close_expired()


@job
def notify_schedule_published(schedule_id: int) -> int:
    """Mail each participant of a new schedule its agenda with the .ics attached."""
    from matcher.services.notifications import schedule_published

    return schedule_published(schedule_id)


@job
def run_schedule_job(job_run_id: int, params: dict, budget_s: float | None = None) -> None:
    """Build a mission's schedule (on a worker without the web's time cap), progress on the job row."""
    from matcher.services.background import run_schedule

    run_schedule(job_run_id, params, budget_s)


@job
def run_import_job(job_run_id: int, data: bytes, filename: str | None, mode: str, dry_run: bool) -> None:
    """Import a big delegation file through the import service, keeping the report on the job row."""
    from matcher.services.background import run_import

    run_import(job_run_id, data, filename, mode, dry_run)
