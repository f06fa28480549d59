"""flask commands (kebab-case), each a thin call into the services."""
from __future__ import annotations

import click
from flask import Flask

from matcher.errors import DomainError
from matcher.messages import files as F
from matcher.messages import say_in
from matcher.settings import SETTINGS


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
        from matcher.services.accounts import token_for

        try:
            user, plain = token_for(email, role, name)
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
    register_match_cli(app)
    from matcher.cli_index import register_index_cli

    register_index_cli(app)
    from matcher.cli_missions import register_mission_cli

    register_mission_cli(app)
    from matcher.cli_users import register_users_cli

    register_users_cli(app)
    from matcher.jobs.cli import register_jobs_cli

    register_jobs_cli(app)
    from matcher.cli_feedback import register_feedback_cli  # issue 15: `flask eval feedback`

    register_feedback_cli(app)


def company_language(company) -> str:
    """The first of our languages the company's profile says it works in (Russian, then English), else Russian."""
    return SETTINGS.language_spoken_by(company.languages)


def register_match_cli(app: Flask) -> None:
    @app.cli.command("match")
    @click.argument("company_id", type=int)
    @click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
    @click.option("--as", "as_role", type=click.Choice(["buyer", "supplier"]), default=None,
                  help="Side to look from, for a company that is both.")
    def match(company_id: int, limit: int, as_role: str | None):
        """Print a company's ranked partners with the reasons behind each score."""
        from matcher.services.companies import get_company
        from matcher.services.matching import matches_for_company, resolve_side

        try:
            company = get_company(company_id)
            side = resolve_side(company, as_role)
            items = matches_for_company(company_id, as_role=side, limit=limit, lang=company_language(company))
        except DomainError as exc:
            raise click.ClickException(exc.detail) from None
        lang = company_language(company)
        looks_for = F.LOOKS_FOR_SUPPLIERS() if side == "buyer" else F.LOOKS_FOR_BUYERS()
        click.echo(say_in(F.BEST_PARTNERS(name=company.name, side=looks_for), lang))
        if not items:
            click.echo(say_in(F.NO_PARTNERS(), lang))
        for rank, item in enumerate(items, start=1):
            partner = item["company"]
            place = " · ".join(filter(None, [partner["country"], partner["region"], partner.get("city")]))
            score = f"{say_in(F.SCORE_WORD(), lang)} {item['score']:.1f}"
            click.echo(f"\n{rank:>2}. {partner['name']} [{partner['id']}] {place} — {score}")
            for reason in item["reasons"]:
                click.echo(f"    {reason['contribution']:>5.1f}  {reason['feature']:<16} {reason['detail']}")
