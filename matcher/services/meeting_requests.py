"""Meeting requests within a mission: ask, accept or decline, cancel, ask to move, share a video link.

Statuses are requested → accepted | declined, and cancelled by either side; an accepted request that
the current schedule holds reads as "scheduled". Accepted requests are placed first by the
scheduler and kept there like locked meetings (`place_accepted`), then it fills the rest by value.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from matcher.db import db, utcnow
from matcher.errors import Conflict, Forbidden, NotFound, ValidationFailed
from matcher.messages import missions as say
from matcher.models import Company, MeetingRequest, Mission, MissionRegistration
from matcher.policy import missions as policy
from matcher.scheduling import Candidate, LockedMeeting
from matcher.schemas import load_or_raise
from matcher.schemas.mission_participation import MeetingRequestSchema, MeetingRequestUpdateSchema
from matcher.services.mission_registrations import settings_of
from matcher.services.missions import company_summaries, iso_utc, load_mission


# -- reading ---------------------------------------------------------------------------------------
def request_to_dict(row: MeetingRequest, scheduled: set[tuple[int, int]], names: dict) -> dict:
    status = row.status
    if status == "accepted" and (row.supplier_id, row.buyer_id) in scheduled:
        status = "scheduled"
    return {
        "id": row.id, "mission_id": row.mission_id, "status": status,
        "from_company_id": row.from_company_id, "to_company_id": row.to_company_id,
        "from_company": names.get(row.from_company_id), "to_company": names.get(row.to_company_id),
        "supplier_id": row.supplier_id, "buyer_id": row.buyer_id, "message": row.message, "reason": row.reason,
        "move_requested": row.move_requested, "video_link": row.video_link,
        "created_at": iso_utc(row.created_at), "updated_at": iso_utc(row.updated_at),
    }


def list_requests(mission_id: int, user) -> dict:
    """Every request of the mission for organisers; a participant's own (sent or received) for a company."""
    mission = load_mission(mission_id, user)
    query = select(MeetingRequest).where(MeetingRequest.mission_id == mission_id)
    if not policy.is_organising(user):
        own = _participant(user, mission)
        query = query.where(or_(MeetingRequest.from_company_id == own, MeetingRequest.to_company_id == own))
    rows = list(db.session.scalars(query.order_by(MeetingRequest.id)))
    items = _dicts(mission_id, rows)
    return {"items": items, "total": len(items)}


def _dicts(mission_id: int, rows: list[MeetingRequest]) -> list[dict]:
    scheduled = scheduled_pairs(mission_id)
    names = company_summaries({c for r in rows for c in (r.from_company_id, r.to_company_id)})
    return [request_to_dict(r, scheduled, names) for r in rows]


def scheduled_pairs(mission_id: int) -> set[tuple[int, int]]:
    from matcher.services.stored_schedules import last_schedule

    schedule = last_schedule(mission_id)
    return {(m.supplier_id, m.buyer_id) for m in schedule.meetings} if schedule else set()


# -- writing ---------------------------------------------------------------------------------------
def send_request(mission_id: int, payload: dict, user) -> dict:
    """The user's company asks another participant for a meeting, within the organiser's limit."""
    mission = load_mission(mission_id, user)
    if policy.is_organising(user):
        raise Forbidden(say.STAFF_DO_NOT_REQUEST())
    own = _participant(user, mission)
    data = load_or_raise(MeetingRequestSchema(), payload)
    partner_id = data["company_id"]
    if partner_id == own:
        raise ValidationFailed(say.CANNOT_MEET_SELF(), {"company_id": [say.CANNOT_MEET_SELF()]})
    if not any(p.company_id == partner_id for p in mission.participants):
        message = say.PARTNER_NOT_IN_MISSION(company_id=partner_id)
        raise ValidationFailed(message, {"company_id": [message]})
    pair = _orient(mission, own, partner_id)
    if pair is None:
        raise ValidationFailed(say.NOT_A_PAIR(), {"company_id": [say.NOT_A_PAIR()]})
    existing = db.session.scalar(select(MeetingRequest).where(
        MeetingRequest.mission_id == mission_id, MeetingRequest.supplier_id == pair[0],
        MeetingRequest.buyer_id == pair[1]))
    if existing is not None and existing.status not in ("declined", "cancelled"):
        raise Conflict(say.REQUEST_EXISTS(status=existing.status))
    settings = settings_of(mission_id)
    if settings is not None and settings.max_requests is not None:
        sent = db.session.scalar(select(func.count()).select_from(MeetingRequest).where(
            MeetingRequest.mission_id == mission_id, MeetingRequest.from_company_id == own,
            MeetingRequest.status != "cancelled")) or 0
        if sent >= settings.max_requests:
            raise Conflict(say.REQUEST_LIMIT(limit=settings.max_requests))
    row = existing or MeetingRequest(mission_id=mission_id, supplier_id=pair[0], buyer_id=pair[1])
    row.from_company_id, row.to_company_id = own, partner_id
    row.message, row.status, row.reason, row.move_requested = data.get("message"), "requested", None, False
    row.updated_at = utcnow()
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # the other side asked at the same moment
        db.session.rollback()
        raise Conflict(say.REQUEST_EXISTS(status="requested")) from None
    from matcher.services.notifications_missions import tell_about_request

    tell_about_request(row.id)
    return _dicts(mission_id, [row])[0]


def update_request(mission_id: int, request_id: int, payload: dict, user) -> dict:
    """Accept or decline (the company asked), cancel (either side), ask to move or set a video link (either side)."""
    mission = load_mission(mission_id, user)
    row = db.session.get(MeetingRequest, request_id)
    own = None if policy.is_organising(user) else policy.participant_of(user, mission)
    if row is None or row.mission_id != mission_id or (
            not policy.is_organising(user) and own not in (row.from_company_id, row.to_company_id)):
        raise NotFound(say.NO_REQUEST(request_id=request_id))
    if policy.is_organising(user):
        raise Forbidden(say.STAFF_DO_NOT_REQUEST())
    data = load_or_raise(MeetingRequestUpdateSchema(), payload)
    wanted = data.get("status")
    answered = False
    if wanted is not None and wanted != row.status:
        if wanted in ("accepted", "declined"):
            if own != row.to_company_id:
                raise Forbidden(say.ONLY_RECIPIENT_ANSWERS())
            if row.status != "requested":
                raise Conflict(say.REQUEST_NOT_OPEN(status=row.status, wanted=wanted))
            answered = wanted == "accepted"
        elif row.status not in ("requested", "accepted"):  # cancelled
            raise Conflict(say.REQUEST_NOT_OPEN(status=row.status, wanted=wanted))
        if row.status == "accepted":
            _release(mission, row)
        row.status, row.reason = wanted, data.get("reason")
    if data.get("move_requested"):
        if row.status != "accepted":
            raise Conflict(say.MOVE_NEEDS_ACCEPTED())
        row.move_requested = True
        _release(mission, row)  # the next schedule run may place it elsewhere
    if "video_link" in data:
        settings = settings_of(mission_id)
        if data["video_link"] and (settings is None or not settings.hybrid):
            raise ValidationFailed(say.NOT_HYBRID(), {"video_link": [say.NOT_HYBRID()]})
        row.video_link = data["video_link"]
    row.updated_at = utcnow()
    db.session.commit()
    if answered:
        from matcher.services.notifications_missions import tell_about_acceptance

        tell_about_acceptance(row.id)
    return _dicts(mission_id, [row])[0]


def _release(mission: Mission, row: MeetingRequest) -> None:
    """Unlock the pair's meeting in the current schedule, so that the next run need not keep it."""
    from matcher.services.stored_schedules import last_schedule

    schedule = last_schedule(mission.id)
    for meeting in schedule.meetings if schedule else []:
        if (meeting.supplier_id, meeting.buyer_id) == (row.supplier_id, row.buyer_id) and meeting.locked:
            meeting.locked = False
            mission.updated_at = utcnow()


def _participant(user, mission: Mission) -> int:
    own = policy.participant_of(user, mission)
    if own is None:
        raise NotFound(say.NO_MISSION(mission_id=mission.id))
    return own


def _orient(mission: Mission, company_id: int, partner_id: int) -> tuple[int, int] | None:
    """(supplier id, buyer id) of the pair: by the roles they registered with, else by their profiles."""
    roles = {}
    registered = dict(db.session.execute(select(MissionRegistration.company_id, MissionRegistration.role).where(
        MissionRegistration.mission_id == mission.id, MissionRegistration.status == "approved",
        MissionRegistration.company_id.in_((company_id, partner_id)))).all())
    for company in db.session.scalars(select(Company).where(Company.id.in_((company_id, partner_id)))):
        roles[company.id] = {registered[company.id]} if company.id in registered else set(company.roles)
    mine, theirs = roles.get(company_id, set()), roles.get(partner_id, set())
    if "supplier" in mine and "buyer" in theirs:
        return company_id, partner_id
    if "buyer" in mine and "supplier" in theirs:
        return partner_id, company_id
    return None


# -- the scheduler's first step --------------------------------------------------------------------
def place_accepted(mission_id: int, slots: int, tables: int, availability: dict, caps: dict,
                   default_cap: int | None, locked: list[LockedMeeting],
                   candidates: tuple[Candidate, ...]) -> tuple[list[LockedMeeting], tuple[Candidate, ...]]:
    """Accepted requests the locked meetings do not already hold, each put in the earliest slot both
    companies attend with a table free, kept like a locked meeting; one that fits nowhere stays a
    candidate (with its score) for the scheduler to place if it can. Returns (placed, candidates)."""
    from matcher.services import matching

    rows = db.session.execute(select(MeetingRequest.supplier_id, MeetingRequest.buyer_id).where(
        MeetingRequest.mission_id == mission_id, MeetingRequest.status == "accepted")
        .order_by(MeetingRequest.updated_at, MeetingRequest.id)).all()
    held = {(m.supplier_id, m.buyer_id) for m in locked}
    busy_tables = {(m.slot, m.table) for m in locked}
    busy_people = {(m.slot, c) for m in locked for c in (m.supplier_id, m.buyer_id)}
    count: dict[int, int] = {}
    for m in locked:
        for c in (m.supplier_id, m.buyer_id):
            count[c] = count.get(c, 0) + 1
    scores = {(c.supplier_id, c.buyer_id): c.score for c in candidates}
    placed, extra = [], []
    for supplier_id, buyer_id in rows:
        if (supplier_id, buyer_id) in held:
            continue
        score = scores.get((supplier_id, buyer_id))
        if score is None:
            match = matching.score_pair(supplier_id, buyer_id)
            score = round(match.score, 1) if match is not None else 0.0
            extra.append(Candidate(supplier_id, buyer_id, score))
        if any(count.get(c, 0) >= caps.get(c, default_cap) for c in (supplier_id, buyer_id)
               if caps.get(c, default_cap) is not None):
            continue
        spot = _first_free(slots, tables, supplier_id, buyer_id, availability, busy_tables, busy_people)
        if spot is None:
            continue
        slot, table = spot
        placed.append(LockedMeeting(slot, table, supplier_id, buyer_id, score))
        busy_tables.add(spot)
        busy_people |= {(slot, supplier_id), (slot, buyer_id)}
        for c in (supplier_id, buyer_id):
            count[c] = count.get(c, 0) + 1
    return placed, candidates + tuple(extra)


def _first_free(slots, tables, supplier_id, buyer_id, availability, busy_tables, busy_people):
    for slot in range(1, slots + 1):
        if any(slot not in availability.get(c, range(1, slots + 1)) or (slot, c) in busy_people
               for c in (supplier_id, buyer_id)):
            continue
        for table in range(1, tables + 1):
            if (slot, table) not in busy_tables:
                return slot, table
    return None
