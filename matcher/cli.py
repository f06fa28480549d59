"""flask commands (kebab-case), each a thin call into the services."""
from __future__ import annotations

import click
from flask import Flask

from matcher.db import db
from matcher.errors import DomainError


def register_cli(app: Flask) -> None:
    @app.cli.command("seed-demo")
    def seed_demo():
        """Load the demo Belarus – Perm Krai corridor (idempotent)."""
        from matcher.services.demo import load_demo_corridor

        try:
            report = load_demo_corridor()
        except DomainError as exc:
            raise click.ClickException(f"{exc.detail} {exc.errors}") from None
        click.echo(
            f"companies: {report.companies_added} added, {report.companies_present} already present; "
            f"niches: {report.niches_added} added, {report.niches_present} already present"
        )

    tokens = click.Group("tokens", help="Create and revoke API tokens.")

    @tokens.command("create")
    @click.argument("email")
    @click.option("--role", type=click.Choice(["admin", "organizer", "company"]), default="company",
                  show_default=True)
    @click.option("--name", default="cli", help="A label to tell tokens apart.")
    def create_token(email: str, role: str, name: str):
        """Create the user if missing and print a new token alone on the last line."""
        from matcher.services.accounts import create_token as new_token, get_or_create_user

        try:
            user = get_or_create_user(email, role)
            plain, _ = new_token(user, name)
            db.session.commit()
        except DomainError as exc:
            raise click.ClickException(exc.detail) from None
        click.echo(f"token for {user.email} ({user.role}); store it now, it is not shown again:")
        click.echo(plain)

    @tokens.command("revoke")
    @click.argument("token_or_email")
    def revoke_token(token_or_email: str):
        """Revoke a token (its value or shown prefix), or every token of an email."""
        from matcher.services.accounts import revoke_tokens_by_prefix_or_email

        count = revoke_tokens_by_prefix_or_email(token_or_email)
        if count == 0:
            raise click.ClickException("no active token matched")
        click.echo(f"revoked {count} token(s)")

    app.cli.add_command(tokens)
