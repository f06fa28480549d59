"""flask mission …: schedule a mission's meetings, import a delegation, write the template."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from matcher.errors import DomainError
from matcher.settings import SETTINGS


def _fail(exc: DomainError) -> click.ClickException:
    lines = [f"  {path}: {' '.join(msgs)}" for path, msgs in sorted(exc.errors.items()) if msgs != [exc.detail]]
    return click.ClickException("\n".join([exc.detail, *lines]))


def register_mission_cli(app: Flask) -> None:
    mission = click.Group("mission", help="Trade missions: schedules, delegations.")

    @mission.command("schedule")
    @click.argument("mission_id", type=int)
    @click.option("--slots", type=click.IntRange(1, 48), default=8, show_default=True)
    @click.option("--tables", type=click.IntRange(1, 500), default=10, show_default=True)
    @click.option("--slot-minutes", type=click.IntRange(5, 240), default=20, show_default=True)
    @click.option("--starts-at", help="ISO time with its offset, e.g. 2027-09-14T10:00:00+05:00 "
                                      "[default: 10:00 local on the mission's first day, Perm time]")
    @click.option("--min-score", type=click.FloatRange(0, 100), default=SETTINGS.meeting_min_score, show_default=True)
    @click.option("--per-company", type=click.IntRange(1, 100), default=SETTINGS.mission_pairs_per_company,
                  show_default=True)
    @click.option("--max-meetings", type=click.IntRange(0, 48), default=None, help="cap for every company")
    @click.option("--time-limit", type=click.FloatRange(1, 50), default=30.0, show_default=True,
                  help="seconds the scheduler may search")
    def schedule(mission_id: int, slots: int, tables: int, slot_minutes: int, starts_at: str | None,
                 min_score: float, per_company: int, max_meetings: int | None, time_limit: float):
        """Build a new meeting schedule (locked meetings stay) and print its value against the bound."""
        from matcher.services.mission_schedules import schedule_mission
        from matcher.services.missions import CLI_OPERATOR, get_mission

        try:
            if starts_at is None:
                first_day = get_mission(mission_id, CLI_OPERATOR)["starts_on"]
                if first_day is None:
                    raise click.UsageError("the mission has no dates: give --starts-at")
                starts_at = f"{first_day}T10:00:00+05:00"
            params = {"slots": slots, "tables": tables, "slot_minutes": slot_minutes, "starts_at": starts_at,
                      "min_score": min_score, "per_company": per_company, "max_meetings": max_meetings,
                      "time_limit_s": time_limit}
            with click.progressbar(length=100, label="scheduling", show_eta=False) as bar:
                def progress(done: int, total: int) -> None:
                    bar.update(done * 100 // total - bar.pos)

                result = schedule_mission(mission_id, CLI_OPERATOR, params, progress=progress)
        except DomainError as exc:
            raise _fail(exc) from None
        ratio = result["value_ratio"] * 100
        click.echo(f"schedule {result['id']}: {len(result['meetings'])} meetings, "
                   f"{len(result['unscheduled'])} pairs left out")
        click.echo(f"value {result['total_value']:.1f} of at most {result['upper_bound']:.1f} "
                   f"({ratio:.1f}% of the bound) in {result['stats'].get('elapsed_s', 0):.1f} s")
        click.echo(f"{result['companies_met']} of {result['companies_with_partner']} companies with a worthwhile "
                   "partner have a meeting")

    @mission.command("import")
    @click.argument("mission_id", type=int)
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--valid-rows", is_flag=True, help="import the clean rows even if others have errors")
    @click.option("--dry-run", is_flag=True, help="check and report, write nothing")
    def import_file(mission_id: int, path: Path, valid_rows: bool, dry_run: bool):
        """Import a delegation (CSV or XLSX) into a mission's participants."""
        from matcher.services.delegation_import import import_delegation
        from matcher.services.missions import CLI_OPERATOR
        from matcher.text_safety import clean_text

        try:
            report = import_delegation(mission_id, path.read_bytes(), path.name, CLI_OPERATOR,
                                       mode="valid_rows" if valid_rows else "all_or_nothing", dry_run=dry_run)
        except DomainError as exc:
            raise _fail(exc) from None
        file = report["file"]
        click.echo(f"{file['rows']} rows read from {file['format'].upper()}"
                   + (f" ({file['encoding']})" if file["encoding"] else ""))
        for item in report["recognised"]:  # names stored before cleaning may hold terminal escapes
            click.echo(f"  row {item['row']}: «{item['name_in_file']}» is known company {item['company_id']} "
                       f"«{clean_text(item['name'])}» (by {item['by']})")
        for item in report["created"]:
            click.echo(f"  row {item['row']}: created company {item['company_id']} «{item['name']}»")
        for path_, messages in sorted(report["errors"].items()):
            click.echo(f"  {path_}: {' '.join(messages)}", err=True)
        if dry_run:
            click.echo(f"dry run: would link {len(report['recognised'])} known and create "
                       f"{len(report['to_create'])} new companies")
        else:
            click.echo(f"added {report['participants_added']} participants")

    @mission.command("template")
    @click.option("--format", "file_format", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True)
    @click.option("--lang", type=click.Choice(SETTINGS.languages), default=SETTINGS.default_language, show_default=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
    def template(file_format: str, lang: str, output: Path):
        """Write a blank delegation table to fill in."""
        from matcher.services.delegation_files import delegation_template

        output.write_bytes(delegation_template(file_format, lang))
        click.echo(f"wrote {output}")

    app.cli.add_command(mission)
