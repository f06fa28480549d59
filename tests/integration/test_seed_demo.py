"""The demo corridor loads through the same validation as user input, once."""
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Company, Niche


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_loads_the_corridor_and_a_second_run_adds_nothing(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    companies, niches = _count(Company), _count(Niche)
    assert companies >= 88 and niches >= 12
    suppliers = db.session.scalar(select(func.count()).where(Company.is_supplier, Company.country == "BY"))
    buyers = db.session.scalar(select(func.count()).where(Company.is_buyer, Company.region == "RU-PER"))
    assert suppliers >= 40 and buyers >= 40
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "0 added" in second.output
    assert (_count(Company), _count(Niche)) == (companies, niches)
