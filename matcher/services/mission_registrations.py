"""Registration for a mission: the organiser opens it, a company registers itself, the organiser decides.

Each public function is one use case and owns its transaction. A registration approved (at once when
the mission needs no approval) makes the company a participant with the slots it chose.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db, utcnow
from matcher.errors import Conflict, Forbidden, NotFound, ValidationFailed
from matcher.messages import missions as say
from matcher.models import Mission, MissionParticipant, MissionParticipationSettings, MissionRegistration
from matcher.policy import missions as policy
from matcher.schemas import load_or_raise
from matcher.schemas.mission_participation import (
    ParticipationSettingsSchema, RegistrationDecisionSchema, RegistrationSchema,
)
from matcher.services.missions import company_summaries, iso_utc

DEFAULT_SETTINGS = {"is_open": False, "deadline": None, "needs_approval": True, "slots": 8, "max_requests": None,
                    "hybrid": False}


# -- reading ---------------------------------------------------------------------------------------
def settings_of(mission_id: int) -> MissionParticipationSettings | None:
    return db.session.get(MissionParticipationSettings, mission_id)


def settings_to_dict(settings: MissionParticipationSettings | None) -> dict:
    if settings is None:
        return dict(DEFAULT_SETTINGS)
    return {"is_open": settings.is_open, "deadline": settings.deadline.isoformat() if settings.deadline else None,
            "needs_approval": settings.needs_approval, "slots": settings.slots,
            "max_requests": settings.max_requests, "hybrid": settings.hybrid}


def takes_registrations(settings: MissionParticipationSettings | None) -> bool:
    return settings is not None and settings.is_open and (
        settings.deadline is None or utcnow().date() <= settings.deadline)


def registration_to_dict(registration: MissionRegistration, company: dict | None = None) -> dict:
    return {
        "id": registration.id, "mission_id": registration.mission_id, "company_id": registration.company_id,
        "company": company, "role": registration.role, "available_slots": registration.available_slots,
        "status": registration.status, "reason": registration.reason,
        "created_at": iso_utc(registration.created_at), "decided_at": iso_utc(registration.decided_at),
    }


def load_for_registration(mission_id: int, user) -> Mission:
    """The mission if `user` may see it for registering: staff and participants always, a company while
    the mission takes registrations or once it has registered; 404 otherwise."""
    mission = db.session.get(Mission, mission_id, options=[selectinload(Mission.participants)])
    if mission is None:
        raise NotFound(say.NO_MISSION(mission_id=mission_id))
    if policy.is_organising(user) or policy.participant_of(user, mission) is not None:
        return mission
    own = policy.own_company_id(user)
    if own is not None and (takes_registrations(settings_of(mission_id)) or _registration_of(mission_id, own)):
        return mission
    raise NotFound(say.NO_MISSION(mission_id=mission_id))


def list_registrations(mission_id: int, user) -> dict:
    """Every registration of the mission for organisers; a company's own for a company account."""
    load_for_registration(mission_id, user)
    query = select(MissionRegistration).where(MissionRegistration.mission_id == mission_id)
    if not policy.is_organising(user):
        query = query.where(MissionRegistration.company_id == policy.own_company_id(user))
    rows = list(db.session.scalars(query.order_by(MissionRegistration.id)))
    names = company_summaries(r.company_id for r in rows)
    items = [registration_to_dict(r, names.get(r.company_id)) for r in rows]
    return {"items": items, "total": len(items)}


def open_missions(user) -> list[dict]:
    """Missions taking registrations now that the user's company is not yet part of, soonest first."""
    own = policy.own_company_id(user)
    rows = db.session.execute(
        select(Mission, MissionParticipationSettings).join(
            MissionParticipationSettings, MissionParticipationSettings.mission_id == Mission.id)
        .where(MissionParticipationSettings.is_open.is_(True))
        .order_by(Mission.starts_on.is_(None), Mission.starts_on, Mission.id)
    ).all()
    taken = set()
    if own is not None:
        taken = set(db.session.scalars(select(MissionRegistration.mission_id).where(
            MissionRegistration.company_id == own)))
        taken |= set(db.session.scalars(select(MissionParticipant.mission_id).where(
            MissionParticipant.company_id == own)))
    return [_mission_brief(m, s) for m, s in rows if takes_registrations(s) and m.id not in taken]


def my_missions(user) -> list[dict]:
    """The missions of the user's company: those it takes part in, and those it registered for."""
    own = policy.own_company_id(user)
    if own is None:
        return []
    joined = set(db.session.scalars(select(MissionParticipant.mission_id).where(MissionParticipant.company_id == own)))
    registrations = {r.mission_id: r for r in db.session.scalars(
        select(MissionRegistration).where(MissionRegistration.company_id == own))}
    ids = joined | set(registrations)
    if not ids:
        return []
    rows = db.session.scalars(select(Mission).where(Mission.id.in_(ids))
                              .order_by(Mission.starts_on.is_(None), Mission.starts_on, Mission.id))
    found = []
    for mission in rows:
        brief = _mission_brief(mission, settings_of(mission.id))
        registration = registrations.get(mission.id)
        brief["participant"] = mission.id in joined
        brief["registration"] = registration_to_dict(registration) if registration else None
        found.append(brief)
    return found


def _mission_brief(mission: Mission, settings) -> dict:
    return {"id": mission.id, "name": mission.name, "city": mission.city,
            "starts_on": mission.starts_on.isoformat() if mission.starts_on else None,
            "ends_on": mission.ends_on.isoformat() if mission.ends_on else None,
            "settings": settings_to_dict(settings)}


# -- writing ---------------------------------------------------------------------------------------
def update_settings(mission_id: int, payload: dict, user) -> dict:
    """Open or close registration, set its deadline, approval, slots, request limit and online meetings;
    fields not given keep their value."""
    mission = load_for_registration(mission_id, user)
    if not policy.manages(user, mission):
        raise Forbidden(say.ONLY_ORGANISER_DECIDES())
    stored = settings_of(mission_id)
    merged = {**settings_to_dict(stored), **payload} if isinstance(payload, dict) else payload
    data = load_or_raise(ParticipationSettingsSchema(), merged)
    settings = stored or MissionParticipationSettings(mission_id=mission_id)
    for key, value in data.items():
        setattr(settings, key, value)
    db.session.add(settings)
    db.session.commit()
    return settings_to_dict(settings)


def register(mission_id: int, payload: dict, user) -> dict:
    """The user's company registers for the mission; approved at once when the mission needs no approval."""
    if policy.is_organising(user):
        raise Forbidden(say.STAFF_DO_NOT_REGISTER())
    company = getattr(user, "company", None)
    if company is None:
        raise Forbidden(say.NEEDS_COMPANY())
    mission = load_for_registration(mission_id, user)
    settings = settings_of(mission_id)
    if any(p.company_id == company.id for p in mission.participants):
        raise Conflict(say.ALREADY_PARTICIPANT())
    if _registration_of(mission_id, company.id) is not None:
        raise Conflict(say.ALREADY_REGISTERED())
    if not takes_registrations(settings):
        if settings is not None and settings.is_open and settings.deadline is not None:
            raise Conflict(say.REGISTRATION_PAST_DEADLINE(deadline=settings.deadline.isoformat()))
        raise Conflict(say.REGISTRATION_CLOSED())
    data = load_or_raise(RegistrationSchema(), payload)
    errors = {}
    if data["role"] not in company.roles:
        errors["role"] = [say.ROLE_NOT_OFFERED(role=data["role"])]
    for index, slot in enumerate(data.get("available_slots") or []):
        if slot > settings.slots:
            errors.setdefault(f"available_slots.{index}", []).append(
                say.SLOT_OUT_OF_DAY(slot=slot, slots=settings.slots))
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], errors)
    registration = MissionRegistration(mission_id=mission_id, company_id=company.id, role=data["role"],
                                       available_slots=data.get("available_slots"), status="pending")
    db.session.add(registration)
    if not settings.needs_approval:
        _approve(mission, registration)
    _commit()
    return registration_to_dict(registration, company_summaries([company.id]).get(company.id))


def decide_registration(mission_id: int, registration_id: int, payload: dict, user) -> dict:
    """The organiser approves or declines; the registrant may withdraw (cancelled) its own registration."""
    registration = db.session.get(MissionRegistration, registration_id)
    mine = registration is not None and registration.company_id == policy.own_company_id(user)
    if registration is None or registration.mission_id != mission_id or not (policy.is_organising(user) or mine):
        raise NotFound(say.NO_REGISTRATION(registration_id=registration_id))
    mission = load_for_registration(mission_id, user)
    data = load_or_raise(RegistrationDecisionSchema(), payload)
    wanted = data["status"]
    if wanted == "cancelled":
        if not mine:
            raise Forbidden(say.ONLY_OWN_REGISTRATION())
    elif not policy.manages(user, mission):
        raise Forbidden(say.ONLY_ORGANISER_DECIDES())
    if registration.status == wanted:
        return registration_to_dict(registration, company_summaries([registration.company_id]).get(registration.company_id))
    if registration.status in ("declined", "cancelled") and wanted != "approved":
        raise Conflict(say.REGISTRATION_DECIDED(status=registration.status))
    registration.reason = data.get("reason")
    registration.decided_at = utcnow()
    if wanted == "approved":
        _approve(mission, registration)
    else:
        registration.status = wanted
        if any(p.company_id == registration.company_id for p in mission.participants):
            mission.participants[:] = [p for p in mission.participants if p.company_id != registration.company_id]
            mission.updated_at = utcnow()
    _commit()
    return registration_to_dict(registration, company_summaries([registration.company_id]).get(registration.company_id))


def _approve(mission: Mission, registration: MissionRegistration) -> None:
    registration.status = "approved"
    registration.decided_at = utcnow()
    if not any(p.company_id == registration.company_id for p in mission.participants):
        mission.participants.append(MissionParticipant(company_id=registration.company_id,
                                                       available_slots=registration.available_slots))
        mission.updated_at = utcnow()  # a versioned UPDATE: a schedule run that read the old members cannot publish


def _registration_of(mission_id: int, company_id: int) -> MissionRegistration | None:
    return db.session.scalar(select(MissionRegistration).where(
        MissionRegistration.mission_id == mission_id, MissionRegistration.company_id == company_id))


def _commit() -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(say.ALREADY_REGISTERED()) from None
    except StaleDataError:
        db.session.rollback()
        raise Conflict(say.MISSION_CHANGED()) from None
