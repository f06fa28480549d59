"""The demo corridor's activity (issue 15): projects, mutual interest, a past mission with meetings and
outcomes from matcher/seed/demo_corridor.json, so the dashboard shows something on `make run`.

Idempotent like the companies: a project is known by its owner and title, a mission by its name, an
outcome by its pair; a second run adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from matcher.db import db, utcnow
from matcher.models import Company, MatchInterest, Meeting, Mission, MissionParticipant, MissionSchedule, Project
from matcher.schemas import load_or_raise
from matcher.schemas.project import OutcomeSchema, ProjectSchema
from matcher.services.outcomes import outcome_of, store_outcome


@dataclass(frozen=True)
class ActivityReport:
    projects_added: int
    interests_added: int
    meetings_added: int
    outcomes_added: int


def _ids_by_key(data: dict) -> dict[str, int]:
    ids = {}
    for raw in data["companies"]:
        found = db.session.scalar(select(Company.id).where(Company.name == raw["name"], Company.country == raw["country"]))
        if found is not None:
            ids[raw["key"]] = found
    return ids


def load_demo_activity(data: dict, today: date | None = None) -> ActivityReport:
    today = today or utcnow().date()
    ids = _ids_by_key(data)
    projects = interests = meetings = outcomes = 0
    for raw in data.get("projects", []):
        owner = ids.get(raw["owner"])
        if owner is None or db.session.scalar(select(Project.id).where(Project.owner_company_id == owner,
                                                                        Project.title == raw["title"])):
            continue
        payload = {k: v for k, v in raw.items() if k not in ("key", "owner", "deadline_in_days")}
        payload["deadline"] = (today + timedelta(days=raw["deadline_in_days"])).isoformat()
        fields = load_or_raise(ProjectSchema(), payload)
        fields.pop("owner_company_id", None)
        db.session.add(Project(owner_company_id=owner, **fields))
        projects += 1
    activity = data.get("activity", {})
    for a, b in activity.get("mutual_interest", []):
        for company_id, partner_id in ((ids.get(a), ids.get(b)), (ids.get(b), ids.get(a))):
            if company_id and partner_id and not db.session.scalar(select(MatchInterest.id).where(
                    MatchInterest.company_id == company_id, MatchInterest.partner_id == partner_id)):
                db.session.add(MatchInterest(company_id=company_id, partner_id=partner_id, state="interested"))
                interests += 1
    for actor, partner in activity.get("not_relevant", []):
        company_id, partner_id = ids.get(actor), ids.get(partner)
        if company_id and partner_id and not db.session.scalar(select(MatchInterest.id).where(
                MatchInterest.company_id == company_id, MatchInterest.partner_id == partner_id)):
            db.session.add(MatchInterest(company_id=company_id, partner_id=partner_id, state="not_relevant"))
            interests += 1
    raw_mission = activity.get("mission")
    mission_id = None
    if raw_mission:
        mission = db.session.scalar(select(Mission).where(Mission.name == raw_mission["name"]))
        if mission is None:
            pairs = [(ids[s], ids[b]) for s, b in raw_mission["meetings"] if s in ids and b in ids]
            mission = Mission(name=raw_mission["name"], city=raw_mission["city"],
                              starts_on=date.fromisoformat(raw_mission["starts_on"]),
                              ends_on=date.fromisoformat(raw_mission["ends_on"]))
            db.session.add(mission)
            db.session.flush()
            for company_id in sorted({c for pair in pairs for c in pair}):
                db.session.add(MissionParticipant(mission_id=mission.id, company_id=company_id))
            schedule = MissionSchedule(mission_id=mission.id, params={"slots": len(pairs), "tables": 1})
            db.session.add(schedule)
            db.session.flush()
            for slot, (supplier_id, buyer_id) in enumerate(pairs, start=1):
                db.session.add(Meeting(schedule_id=schedule.id, slot=slot, table_no=1, supplier_id=supplier_id,
                                       buyer_id=buyer_id, score=0.0))
                meetings += 1
        mission_id = mission.id
    for raw in activity.get("outcomes", []):
        supplier_id, buyer_id = ids.get(raw["supplier"]), ids.get(raw["buyer"])
        if not supplier_id or not buyer_id or outcome_of(supplier_id, buyer_id) is not None:
            continue
        fields = load_or_raise(OutcomeSchema(), {k: v for k, v in raw.items() if k not in ("supplier", "buyer")})
        met = any(ids.get(s) == supplier_id and ids.get(b) == buyer_id for s, b in (raw_mission or {}).get("meetings", []))
        store_outcome(supplier_id, buyer_id, fields, recorded_by=buyer_id, mission_id=mission_id if met else None)
        outcomes += 1
    db.session.commit()
    return ActivityReport(projects, interests, meetings, outcomes)
