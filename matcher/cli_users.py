"""`flask users invite`: open an account for a colleague and mail (and print) a set-password link."""
from __future__ import annotations

import click
from flask import Flask

from matcher.errors import DomainError
from matcher.settings import SETTINGS


def register_users_cli(app: Flask) -> None:
    users = click.Group("users", help="Invite organisers and admins.")

    @users.command("invite")
    @click.argument("email")
    @click.option("--role", type=click.Choice(["organizer", "admin"]), required=True)
    @click.option("--lang", type=click.Choice(SETTINGS.languages), default=None,
                  help="Language of the mail when the account has none yet (default: Russian).")
    def invite(email: str, role: str, lang: str | None):
        """Create the user if missing, mail a set-password link and print it alone on the last line."""
        from matcher.services.account_mail import send_invitation
        from matcher.services.accounts import set_up_user

        try:
            user = set_up_user(email, role, lang)
        except DomainError as exc:
            raise click.ClickException(f"{exc.detail} {exc.errors}") from None
        link = send_invitation(user)
        click.echo(f"invited {user.email} ({user.role}); the set-password link was mailed and is:")
        click.echo(link)

    @users.command("purge-deleted")
    def purge_deleted():
        """Carry out the account and company deletions whose grace period is over (the worker's cron does it hourly)."""
        from matcher.services.account_data import purge_due_deletions

        done = purge_due_deletions()
        click.echo(f"deleted {done['companies']} companies and {done['accounts']} accounts")

    app.cli.add_command(users)
