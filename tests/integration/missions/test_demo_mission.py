"""A realistic mission: forty companies of the demo corridor, eight slots — on each backend."""
import time

from sqlalchemy import select

from matcher.db import db
from matcher.models import Company
from matcher.scheduling import Candidate, Placement, Problem, Schedule, rule_violations
from matcher.services.demo import load_demo_corridor
from matcher.services.mission_matches import mission_match_list
from matcher.services.mission_schedules import schedule_mission


def test_forty_company_mission_is_scheduled_in_seconds_close_to_the_bound(organizer, mission_of):
    load_demo_corridor()
    sellers = db.session.scalars(select(Company).where(Company.country == "BY", Company.is_supplier.is_(True))
                                 .order_by(Company.id).limit(20))
    buyers = db.session.scalars(select(Company).where(Company.country == "RU", Company.is_buyer.is_(True))
                                .order_by(Company.id).limit(20))
    companies = [*sellers, *buyers]
    assert len(companies) == 40
    mission = mission_of(companies)
    started = time.monotonic()
    result = schedule_mission(mission["id"], organizer, {
        "slots": 8, "tables": 10, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 10})
    elapsed = time.monotonic() - started
    assert elapsed < 30
    print(f"40 companies × 8 slots: {len(result['meetings'])} meetings in {elapsed:.1f} s, "
          f"value/bound {result['value_ratio']:.4f}, met {result['companies_met']}/{result['companies_with_partner']}")
    assert len(result["meetings"]) >= 20 and result["value_ratio"] >= 0.9
    assert result["companies_met"] == result["companies_with_partner"]
    items = mission_match_list(mission["id"], organizer)["items"]
    problem = Problem(slots=8, tables=10, candidates=tuple(
        Candidate(i["supplier"]["id"], i["buyer"]["id"], i["score"]) for i in items))
    stored = Schedule(
        meetings=tuple(Placement(m["slot"], m["table"], m["supplier_id"], m["buyer_id"], m["score"])
                       for m in result["meetings"]),
        unscheduled=(), total_value=result["total_value"], upper_bound=result["upper_bound"],
        companies_met=0, companies_with_partner=0)
    assert rule_violations(problem, stored) == []
