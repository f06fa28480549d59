"""The corridor's figures: by the seed's sectors and by month, against the $0.5 bn target."""
from __future__ import annotations

from datetime import date

from corridor_data import small_corridor

from matcher.taxonomy.sectors import sector_of_codes, sector_of_company
from matcher.services.corridor_stats import corridor_stats


def test_codes_fall_in_the_seeds_sectors():
    assert sector_of_codes(["845710"], []) == "machine_tools"
    assert sector_of_codes(["441114"], []) == "forestry"
    assert sector_of_codes(["060290"], []) == "forestry"      # seedlings: reforestation, not food
    assert sector_of_codes(["252329"], []) == "building_materials"
    assert sector_of_codes(["040690"], []) == "food"
    assert sector_of_codes([], ["41.20"]) == "construction"
    assert sector_of_codes(["870193"], ["29.10"]) is None
    assert sector_of_company([([], []), (["870193"], [])]) == "other"


def test_the_figures_count_each_measure_in_the_suppliers_sector(app):
    small_corridor()
    stats = corridor_stats(on=date(2026, 12, 1))
    sectors = {row["sector"]: row for row in stats["by_sector"]}
    assert [row["sector"] for row in stats["by_sector"]] == [
        "machine_tools", "forestry", "construction", "building_materials", "food", "other"]
    assert sectors["forestry"]["companies"] == 3 and sectors["machine_tools"]["companies"] == 2
    assert sectors["forestry"]["mutual_interest"] == 1            # the one-sided interest does not count
    assert sectors["machine_tools"]["meetings"] == 1
    assert sectors["machine_tools"]["contracts_usd"] == 2_000_000 and sectors["forestry"]["contracts_usd"] == 0
    assert stats["target_usd"] == 500_000_000 and stats["contracts_usd"] == 2_000_000
    assert stats["share_of_target"] == 0.004
    september = next(m for m in stats["by_month"] if m["month"] == "2026-09")
    assert (september["meetings"], september["contracts_usd"]) == (1, 2_000_000)


def test_meetings_of_a_mission_not_yet_begun_are_not_held(app):
    small_corridor()
    assert corridor_stats(on=date(2026, 9, 13))["totals"]["meetings"] == 0


def test_the_demo_corridor_fills_the_dashboard_once(app):
    from sqlalchemy import func, select

    from matcher.db import db
    from matcher.models import Offer, Outcome, Project

    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    stats = corridor_stats(on=date(2026, 12, 4))
    titles = set(db.session.scalars(select(Project.title)))
    assert any("Жилой дом" in t for t in titles) and any("Школа" in t for t in titles)
    assert any("Лесопильная линия" in t for t in titles) and any("ЧПУ" in t for t in titles)
    assert stats["contracts_usd"] == 17_500_000 and stats["totals"]["meetings"] == 5
    assert stats["totals"]["mutual_interest"] == 7
    assert all(row["companies"] for row in stats["by_sector"])
    assert sum(1 for o in db.session.scalars(select(Offer)) if "training" in o.cooperation_types) == 3
    counts = (db.session.scalar(select(func.count(Project.id))), db.session.scalar(select(func.count(Outcome.id))))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert (db.session.scalar(select(func.count(Project.id))), db.session.scalar(select(func.count(Outcome.id)))) \
        == counts == (4, 7)
