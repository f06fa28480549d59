"""Who may act in a mission's participation: register, decide registrations, ask for meetings, write.

- Organisers and admins read every registration and request of a mission; the mission's own
  organiser or an admin decides registrations and changes its participation settings.
- A company account registers its own company, sees its own registrations, and — once its company
  is a participant — sends requests, answers those sent to it, and sees only requests it is part of.
- Two companies may write to each other when both take part in one mission, or after mutual
  interest (matcher.policy.contacts); nobody else reads their thread, organisers included.
"""
from __future__ import annotations

from sqlalchemy import select

from matcher.db import db
from matcher.models import Mission, MissionParticipant
from matcher.policy.contacts import mutual_partners

ORGANISING_ROLES = ("organizer", "admin")


def is_organising(user) -> bool:
    return user is not None and user.role in ORGANISING_ROLES


def own_company_id(user) -> int | None:
    company = getattr(user, "company", None)
    return company.id if company is not None else None


def manages(user, mission: Mission) -> bool:
    """The mission's own organiser, or an admin."""
    return user is not None and (user.role == "admin" or (
        user.role == "organizer" and user.id is not None and mission.organizer_id == user.id))


def participant_of(user, mission: Mission) -> int | None:
    """The user's company id when that company takes part in the mission, else None."""
    own = own_company_id(user)
    if own is None or user.role in ORGANISING_ROLES:
        return None
    return own if any(p.company_id == own for p in mission.participants) else None


def share_a_mission(company_id: int, partner_id: int) -> bool:
    mine = select(MissionParticipant.mission_id).where(MissionParticipant.company_id == company_id)
    return db.session.scalar(select(MissionParticipant.mission_id).where(
        MissionParticipant.company_id == partner_id, MissionParticipant.mission_id.in_(mine)).limit(1)) is not None


def may_write(company_id: int, partner_id: int) -> bool:
    """May these two companies exchange messages? (A thread already started stays readable to both.)"""
    return share_a_mission(company_id, partner_id) or partner_id in mutual_partners(company_id)
