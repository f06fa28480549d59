"""`flask eval feedback` reports how today's scores rank what users did."""
from __future__ import annotations

import json

from corridor_data import small_corridor

from matcher.db import db
from matcher.models import MatchInterest
from matcher.services.feedback import collect_labels, evaluate


def test_labels_come_from_interest_not_relevant_meetings_and_outcomes(app):
    corridor = small_corridor()
    db.session.add(MatchInterest(company_id=corridor["plant"].id, partner_id=corridor["saw"].id, state="not_relevant"))
    db.session.commit()
    kinds = {(lb.actor_id, lb.supplier_id, lb.buyer_id): lb.kind for lb in collect_labels()}
    lathe, plant, saw, mill = (corridor[k].id for k in ("lathe", "plant", "saw", "mill"))
    assert kinds[(plant, lathe, plant)] == "contract" and kinds[(lathe, lathe, plant)] == "contract"
    assert kinds[(plant, saw, plant)] == "not_relevant"
    assert kinds[(mill, saw, mill)] == "talks" and kinds[(saw, saw, mill)] == "talks"


def test_the_report_scores_each_labelled_pair_with_the_given_scorer(app):
    corridor = small_corridor()
    db.session.add(MatchInterest(company_id=corridor["plant"].id, partner_id=corridor["saw"].id, state="not_relevant"))
    db.session.commit()
    good = {(corridor["lathe"].id, corridor["plant"].id): 80.0}
    report = evaluate(score_pair=lambda s, b: good.get((s, b), 5.0))
    assert report["auc"] > 0.5
    assert report["negatives"] == 1 and report["ndcg"] == 1.0
    backwards = evaluate(score_pair=lambda s, b: 100.0 - good.get((s, b), 5.0))
    assert backwards["ndcg"] < 1.0 and backwards["auc"] < report["auc"]


def test_the_command_prints_the_figures_as_json(app):
    small_corridor()
    result = app.test_cli_runner().invoke(args=["eval", "feedback", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["labels"] >= 4 and set(report) >= {"auc", "ndcg", "by_kind"}
