"""`flask eval feedback`: how well today's scores rank the partners users acted on (issue 15)."""
from __future__ import annotations

import json

import click
from flask import Flask
from flask.cli import with_appcontext


def register_feedback_cli(app: Flask) -> None:
    group = click.Group("eval", help="Measure the ranking against what users did.")

    @group.command("feedback")
    @click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
    @with_appcontext
    def feedback(as_json: bool):
        """AUC and nDCG of today's scores over interest, not-relevant, meetings and outcomes."""
        from matcher.services.feedback import evaluate

        report = evaluate()
        if as_json:
            click.echo(json.dumps(report, ensure_ascii=False))
            return
        click.echo(f"labels: {report['labels']} ({report['positives']} positive, {report['negatives']} negative)")
        click.echo("by kind: " + ", ".join(f"{k} {n}" for k, n in report["by_kind"].items()))
        click.echo(f"AUC: {'n/a (needs positives and negatives)' if report['auc'] is None else report['auc']}")
        click.echo(f"nDCG over actions: {'n/a' if report['ndcg'] is None else report['ndcg']}"
                   f" ({report['actors_ranked']} companies with two or more labelled partners)")

    app.cli.add_command(group)
