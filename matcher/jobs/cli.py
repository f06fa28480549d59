"""flask worker, flask outbox retry, flask notify digests: the jobs from the command line."""
from __future__ import annotations

import click
from flask import Flask

from matcher.jobs.worker import register_worker_cli


def register_jobs_cli(app: Flask) -> None:
    register_worker_cli(app)

    outbox = click.Group("outbox", help="Mail waiting in the outbox.")

    @outbox.command("retry")
    def retry():
        """Try now every waiting mail whose turn has come (inline mode has no worker to do it)."""
        from matcher.services.outbox import deliver_due

        counts = deliver_due()
        click.echo(", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) or "nothing to send")

    app.cli.add_command(outbox)

    notify = click.Group("notify", help="Notifications sent on a timetable.")

    @notify.command("digests")
    def digests():
        """Send the daily and weekly digests that are due (the worker's scheduler does this hourly)."""
        from matcher.services.notifications import send_due_digests

        click.echo(f"{send_due_digests()} digest(s) sent")

    app.cli.add_command(notify)
