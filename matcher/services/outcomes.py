"""Outcomes (issue 15): what came of a pair that met at a mission or said «interested» to each other."""
from __future__ import annotations

from sqlalchemy import func, select

from matcher.db import db, utcnow
from matcher.errors import Forbidden, NotFound, ValidationFailed
from matcher.messages import projects as M
from matcher.models import OUTCOME_STATES, Company, Meeting, Mission, MissionSchedule, Outcome, User  # noqa: F401 (OUTCOME_STATES: the web form lists them)
from matcher.policy import projects as policy
from matcher.policy.contacts import mutual_partners
from matcher.schemas import load_or_raise
from matcher.schemas.project import OutcomeSchema


def latest_schedule_ids():
    """Each mission's current schedule (its newest run), as a subquery of ids."""
    return select(func.max(MissionSchedule.id)).group_by(MissionSchedule.mission_id)


def met(supplier_id: int, buyer_id: int) -> int | None:
    """The mission at which the two had a meeting in its current schedule, if any."""
    return db.session.scalar(
        select(MissionSchedule.mission_id).join(Meeting, Meeting.schedule_id == MissionSchedule.id)
        .where(Meeting.supplier_id == supplier_id, Meeting.buyer_id == buyer_id,
               MissionSchedule.id.in_(latest_schedule_ids())).limit(1))


def pair_roles(mine: Company, partner: Company) -> tuple[int, int]:
    """(supplier id, buyer id) of a pair: the meeting's roles when they met, else by the companies' roles."""
    for supplier, buyer in ((mine, partner), (partner, mine)):
        if met(supplier.id, buyer.id) is not None:
            return supplier.id, buyer.id
    if mine.is_supplier and partner.is_buyer:
        return mine.id, partner.id
    return partner.id, mine.id


def outcome_of(supplier_id: int, buyer_id: int) -> Outcome | None:
    return db.session.scalar(select(Outcome).where(Outcome.supplier_id == supplier_id, Outcome.buyer_id == buyer_id))


def record_outcome(user: User, partner_id: int, payload: dict) -> Outcome:
    """The user's company records what came of its pair with `partner_id` (the newest word stands)."""
    mine = policy.own_company(user)
    partner = db.session.get(Company, partner_id)
    if partner is None:
        raise NotFound(f"No company with id {partner_id}")
    if mine is None:
        raise Forbidden(M.OUTCOME_NOT_YOURS())
    supplier_id, buyer_id = pair_roles(mine, partner)
    mission_id = met(supplier_id, buyer_id)
    if mission_id is None and partner.id not in mutual_partners(mine.id):
        raise ValidationFailed(M.OUTCOME_NOT_A_PAIR(), {"partner_id": [M.OUTCOME_NOT_A_PAIR()]})
    if not policy.may_record_outcome(user, supplier_id, buyer_id):
        raise Forbidden(M.OUTCOME_NOT_YOURS())
    data = load_or_raise(OutcomeSchema(), payload)
    outcome = store_outcome(supplier_id, buyer_id, data, recorded_by=mine.id, mission_id=mission_id)
    db.session.commit()
    return outcome


def store_outcome(supplier_id: int, buyer_id: int, data: dict, recorded_by: int | None = None,
                  mission_id: int | None = None) -> Outcome:
    """Write the outcome row in the caller's transaction (validated data)."""
    outcome = outcome_of(supplier_id, buyer_id)
    if outcome is None:
        outcome = Outcome(supplier_id=supplier_id, buyer_id=buyer_id)
        db.session.add(outcome)
    contract = data["state"] in ("contract_signed", "delivery_started")
    outcome.state = data["state"]
    outcome.contract_value_usd = data.get("contract_value_usd") if contract else None
    outcome.contract_year = data.get("contract_year") if contract else None
    outcome.contract_month = data.get("contract_month") if contract else None
    outcome.note = data.get("note") or ""
    outcome.recorded_by_company_id = recorded_by
    outcome.mission_id = mission_id if mission_id is not None else outcome.mission_id
    outcome.updated_at = utcnow()
    return outcome


def mission_outcomes(mission: Mission) -> list[Outcome]:
    """Outcomes of the pairs that met at the mission (its current schedule) or were recorded for it."""
    schedule = db.session.scalar(select(func.max(MissionSchedule.id)).where(MissionSchedule.mission_id == mission.id))
    pairs = set()
    if schedule is not None:
        pairs = {(r.supplier_id, r.buyer_id) for r in db.session.execute(
            select(Meeting.supplier_id, Meeting.buyer_id).where(Meeting.schedule_id == schedule))}
    rows = db.session.scalars(select(Outcome).order_by(Outcome.id))
    return [o for o in rows if o.mission_id == mission.id or (o.supplier_id, o.buyer_id) in pairs]


def outcome_to_dict(outcome: Outcome) -> dict:
    return {"supplier_id": outcome.supplier_id, "buyer_id": outcome.buyer_id, "mission_id": outcome.mission_id,
            "state": outcome.state, "contract_value_usd": outcome.contract_value_usd,
            "contract_year": outcome.contract_year, "contract_month": outcome.contract_month,
            "note": outcome.note}


def partners_to_report(company_id: int) -> list[int]:
    """Companies this one met (current schedules) or shares mutual interest with, by id."""
    met_rows = db.session.execute(
        select(Meeting.supplier_id, Meeting.buyer_id).where(
            Meeting.schedule_id.in_(latest_schedule_ids()),
            (Meeting.supplier_id == company_id) | (Meeting.buyer_id == company_id)))
    partners = {b if a == company_id else a for a, b in met_rows} | mutual_partners(company_id)
    return sorted(partners)


def outcomes_of_company(company_id: int) -> dict[int, Outcome]:
    """partner id -> the pair's outcome."""
    rows = db.session.scalars(select(Outcome).where((Outcome.supplier_id == company_id)
                                                    | (Outcome.buyer_id == company_id)))
    return {(o.buyer_id if o.supplier_id == company_id else o.supplier_id): o for o in rows}
