"""A small corridor written straight through the services: companies by sector, interest, a past mission, outcomes."""
from __future__ import annotations

from datetime import date

from matcher.db import db
from matcher.models import MatchInterest, Meeting, Mission, MissionSchedule
from matcher.services.companies import create_company
from matcher.services.outcomes import store_outcome


def company(name, roles, country="BY", **item):
    key = "offers" if roles == ["supplier"] else "needs"
    return create_company({"name": name, "country": country, "roles": roles,
                           key: [{"title": name, **item}] if item else []})


def small_corridor() -> dict:
    """Two forestry suppliers, a machine-tool supplier, two Perm buyers; one mutual pair, one met pair,
    one signed contract worth 2 M$ in September 2026."""
    saw = company("Пилорама", ["supplier"], hs_codes=["440711"])
    forest = company("Лесхоз", ["supplier"], nace_codes=["02.40"])
    lathe = company("Станкозавод", ["supplier"], hs_codes=["845811"])
    mill = company("Пермский ЛПК", ["buyer"], country="RU", hs_codes=["4407"])
    plant = company("Пермский завод", ["buyer"], country="RU", hs_codes=["8458"])
    for a, b in ((saw.id, mill.id), (mill.id, saw.id), (forest.id, mill.id)):
        db.session.add(MatchInterest(company_id=a, partner_id=b, state="interested"))
    mission = Mission(name="Лесной форум", city="Пермь", starts_on=date(2026, 9, 14), ends_on=date(2026, 9, 15))
    db.session.add(mission)
    db.session.flush()
    schedule = MissionSchedule(mission_id=mission.id, params={})
    db.session.add(schedule)
    db.session.flush()
    db.session.add(Meeting(schedule_id=schedule.id, slot=1, table_no=1, supplier_id=lathe.id, buyer_id=plant.id,
                           score=70.0))
    store_outcome(lathe.id, plant.id, {"state": "contract_signed", "contract_value_usd": 2_000_000,
                                       "contract_year": 2026, "contract_month": 9}, mission_id=mission.id)
    store_outcome(saw.id, mill.id, {"state": "talks"})
    db.session.commit()
    return {"saw": saw, "forest": forest, "lathe": lathe, "mill": mill, "plant": plant, "mission": mission}
