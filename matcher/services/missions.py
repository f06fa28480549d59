"""Trade-mission use cases: create, read, change and delete missions and their participants.

Who may do what: admins and organisers read every mission and create missions; only the
mission's own organiser or an admin changes or deletes it; a company account reads the
missions its company takes part in (others are a 404, so their existence does not leak).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db, utcnow
from matcher.errors import Forbidden, NotFound, PreconditionFailed, ValidationFailed
from matcher.messages import scheduling as say
from matcher.messages.input import EXPECTED_OBJECT, NOT_A_JSON_OBJECT
from matcher.models import Company, Mission, MissionParticipant
from matcher.schemas import load_or_raise
from matcher.policy import mission_rights
from matcher.schemas.mission import MissionSchema
from matcher.services.unit_of_work import use_case

ORGANISING_ROLES = ("organizer", "admin")
_FIELDS = ("name", "city", "starts_on", "ends_on", "hs_prefixes", "nace_prefixes")


@dataclass(frozen=True)
class Operator:
    """The person at the server's command line: an admin who is no user row."""

    id: None = None
    role: str = "admin"
    email: str = "operator@cli"
    company = None


CLI_OPERATOR = Operator()


# -- authorisation ------------------------------------------------------------------------
def require_organizer(user) -> None:
    if not mission_rights.may_organise(user):
        raise Forbidden(say.ORGANISERS_ONLY())


# The rights themselves are matcher.policy's; these names stay for the services and views that ask them.
company_id_of = mission_rights.company_id_of
can_read = mission_rights.may_read_mission
can_edit = mission_rights.may_edit_mission


def load_mission(mission_id: int, user, *, edit: bool = False) -> Mission:
    """The mission if `user` may read it (or edit it, with edit=True); 404 / 403 otherwise."""
    mission = db.session.get(Mission, mission_id, options=[selectinload(Mission.participants)])
    if mission is None or not can_read(user, mission):
        raise NotFound(say.MISSION_NOT_FOUND(id=mission_id))
    if edit and not can_edit(user, mission):
        raise Forbidden(say.MISSION_EDIT_FORBIDDEN())
    return mission


# -- reading ------------------------------------------------------------------------------
def company_summaries(ids) -> dict[int, dict]:
    ids = list(ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Company.id, Company.name, Company.name_en, Company.country, Company.region)
        .where(Company.id.in_(ids))
    ).all()
    return {r.id: {"id": r.id, "name": r.name, "name_en": r.name_en, "country": r.country, "region": r.region}
            for r in rows}


def mission_to_dict(mission: Mission) -> dict:
    summaries = company_summaries(p.company_id for p in mission.participants)
    return {
        "id": mission.id,
        "name": mission.name,
        "city": mission.city,
        "starts_on": mission.starts_on.isoformat() if mission.starts_on else None,
        "ends_on": mission.ends_on.isoformat() if mission.ends_on else None,
        "hs_prefixes": list(mission.hs_prefixes or []),
        "nace_prefixes": list(mission.nace_prefixes or []),
        "company_ids": [p.company_id for p in mission.participants],
        "participants": [
            {"company_id": p.company_id, "available_slots": p.available_slots, "max_meetings": p.max_meetings,
             "company": summaries.get(p.company_id)}
            for p in mission.participants
        ],
        "organizer_id": mission.organizer_id,
        "created_at": iso_utc(mission.created_at),
        "updated_at": iso_utc(mission.updated_at),
        "version": mission.version,
    }


def get_mission(mission_id: int, user) -> dict:
    return mission_to_dict(load_mission(mission_id, user))


def list_missions(user, page: int = 1, per_page: int = 50) -> dict:
    """`{"items", "total", "page", "per_page"}`, soonest first; a company sees only its own missions."""
    query = select(Mission)
    if not mission_rights.may_organise(user):
        own = company_id_of(user)
        if own is None:
            return {"items": [], "total": 0, "page": page, "per_page": per_page}
        query = query.where(Mission.id.in_(
            select(MissionParticipant.mission_id).where(MissionParticipant.company_id == own)))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.options(selectinload(Mission.participants))
        .order_by(Mission.starts_on.is_(None), Mission.starts_on, Mission.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return {"items": [mission_to_dict(m) for m in rows], "total": total, "page": page, "per_page": per_page}


# -- writing ------------------------------------------------------------------------------
@use_case
def create_mission(payload: dict, organizer) -> dict:
    require_organizer(organizer)
    data = load_or_raise(MissionSchema(), payload)
    mission = Mission(organizer_id=organizer.id, participants=[])
    with db.session.no_autoflush:
        _apply(mission, data)
    db.session.add(mission)
    _commit()
    return mission_to_dict(mission)


@use_case
def update_mission(mission_id: int, patch: dict, organizer, expected_version: int | None = None) -> dict:
    """Merge `patch` into the mission, re-validate the whole, save if nobody wrote meanwhile.

    `company_ids` replaces the membership (settings of companies that stay are kept);
    `participants` replaces the per-company settings."""
    mission = load_mission(mission_id, organizer, edit=True)
    _check_version(mission, expected_version)
    if not isinstance(patch, dict):
        raise ValidationFailed(NOT_A_JSON_OBJECT(), {"_schema": [EXPECTED_OBJECT()]})
    current = _mission_to_input(mission)
    if "company_ids" in patch and "participants" not in patch and isinstance(patch["company_ids"], list):
        keep = set(patch["company_ids"])
        current["participants"] = [p for p in current["participants"] if p["company_id"] in keep]
    data = load_or_raise(MissionSchema(), {**current, **patch})
    with db.session.no_autoflush:
        _apply(mission, data)
        mission.updated_at = utcnow()  # forces the versioned UPDATE even when only participants changed
    _commit()
    return mission_to_dict(mission)


@use_case
def delete_mission(mission_id: int, organizer, expected_version: int | None = None) -> None:
    mission = load_mission(mission_id, organizer, edit=True)
    _check_version(mission, expected_version)
    db.session.delete(mission)
    _commit()


def add_participants(mission: Mission, company_ids) -> int:
    """Add companies to the mission's participants (in the caller's transaction); returns how many."""
    present = {p.company_id for p in mission.participants}
    added = 0
    for company_id in company_ids:
        if company_id not in present:
            mission.participants.append(MissionParticipant(company_id=company_id))
            present.add(company_id)
            added += 1
    if added:
        mission.updated_at = utcnow()
    return added


def _mission_to_input(mission: Mission) -> dict:
    return {
        **{key: getattr(mission, key) for key in _FIELDS if getattr(mission, key) is not None},
        "starts_on": mission.starts_on.isoformat() if mission.starts_on else None,
        "ends_on": mission.ends_on.isoformat() if mission.ends_on else None,
        "company_ids": [p.company_id for p in mission.participants],
        "participants": [{"company_id": p.company_id, "available_slots": p.available_slots,
                          "max_meetings": p.max_meetings} for p in mission.participants],
    }


def _apply(mission: Mission, data: dict) -> None:
    for key in _FIELDS:
        setattr(mission, key, data.get(key))
    settings = {p["company_id"]: p for p in data["participants"]}
    wanted = list(dict.fromkeys([*data["company_ids"], *settings]))
    _check_companies_exist(data["company_ids"], [p["company_id"] for p in data["participants"]])
    by_company = {p.company_id: p for p in mission.participants}
    kept = []
    for company_id in wanted:
        participant = by_company.get(company_id) or MissionParticipant(company_id=company_id)
        setting = settings.get(company_id, {})
        participant.available_slots = setting.get("available_slots")
        participant.max_meetings = setting.get("max_meetings")
        kept.append(participant)
    mission.participants[:] = sorted(kept, key=lambda p: p.company_id)


def _check_companies_exist(company_ids: list[int], participant_ids: list[int]) -> None:
    asked = set(company_ids) | set(participant_ids)
    found = set(db.session.scalars(select(Company.id).where(Company.id.in_(asked)))) if asked else set()
    errors = {f"company_ids.{i}": [say.NO_SUCH_COMPANY(value=c)] for i, c in enumerate(company_ids) if c not in found}
    errors |= {f"participants.{i}.company_id": [say.NO_SUCH_COMPANY(value=c)]
               for i, c in enumerate(participant_ids) if c not in found}
    if errors:
        raise ValidationFailed(say.COMPANIES_MISSING(fields=", ".join(sorted(errors))), errors)


def _check_version(mission: Mission, expected_version: int | None) -> None:
    if expected_version is not None and mission.version != expected_version:
        raise PreconditionFailed(say.MISSION_VERSION(version=mission.version, expected=expected_version))


def _commit() -> None:
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed(say.MISSION_CHANGED()) from None


def iso_utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()
