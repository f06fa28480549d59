"""`flask index build|status`: the match-index snapshot of this machine, built outside any request."""
from __future__ import annotations

import json
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext


def register_index_cli(app: Flask) -> None:
    group = click.Group("index", help="Build and inspect the match-index snapshot workers map.")

    @group.command("build")
    @click.option("--if-stale", is_flag=True,
                  help="Do nothing when a usable snapshot exists (what `make run` calls before serving).")
    @click.option("--incremental", is_flag=True,
                  help="Replay the change log past the newest usable snapshot instead of building afresh "
                       "(a fresh build when there is none or the tail is long); nothing when nothing is past it.")
    @click.option("--processes", type=click.IntRange(min=1), default=None,
                  help="Processes a full build prepares items in (default MATCH_INDEX_BUILD_PROCESSES, "
                       "else every CPU).")
    @with_appcontext
    def build(if_stale: bool, incremental: bool, processes: int | None):
        """Build a snapshot of the whole index into MATCH_INDEX_DIR (default instance/index/)."""
        from matcher.services import match_snapshots

        app = current_app._get_current_object()
        before = match_snapshots.newest_snapshot(app)
        if if_stale and before is not None:
            click.echo(f"snapshot {before.path.name} is usable (change {before.covers_change}); nothing to do")
            return
        started = time.monotonic()
        found = match_snapshots.build_snapshot(app, incremental=incremental, processes=processes)
        if before is not None and found.path == before.path:
            click.echo(f"snapshot {found.path.name} covers the whole change log (change {found.covers_change}); "
                       "nothing to do")
            return
        how = f"replayed onto {found.manifest['replayed_onto']}" if found.manifest.get("replayed_onto") else "built afresh"
        click.echo(f"snapshot {found.path.name}: {found.manifest['profiles']} companies, "
                   f"change {found.covers_change}, {how}, {time.monotonic() - started:.1f} s")

    @group.command("status")
    @with_appcontext
    def status():
        """The newest usable snapshot and how far the change log has moved past it (JSON)."""
        from matcher.services import match_snapshots

        found = match_snapshots.newest_snapshot(current_app._get_current_object())
        click.echo(json.dumps({
            "directory": str(match_snapshots.index_dir(current_app)),
            "snapshot": found.path.name if found else None,
            "covers_change": found.covers_change if found else None,
            "behind": match_snapshots.changes_after(found.covers_change if found else 0),
        }, ensure_ascii=False))

    app.cli.add_command(group)
