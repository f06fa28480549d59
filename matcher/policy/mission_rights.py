"""Mission rights: organisers and admins run missions, a mission's own organiser (or an admin) changes
it, a participating company sees the mission, its own agenda and its own pairs."""
from __future__ import annotations

from matcher.policy.roles import is_admin, is_staff


def company_id_of(user) -> int | None:
    company = getattr(user, "company", None)
    return company.id if company is not None else None


def may_organise(user) -> bool:
    """Create missions, list every mission, import delegations: organisers and admins."""
    return is_staff(user)


def may_read_mission(user, mission) -> bool:
    """Organisers and admins read every mission; a company account those its company takes part in."""
    if is_staff(user):
        return True
    own = company_id_of(user)
    return own is not None and any(p.company_id == own for p in mission.participants)


def may_edit_mission(user, mission) -> bool:
    """Only the mission's own organiser, or an admin."""
    return is_admin(user) or (user is not None and user.role == "organizer" and user.id is not None
                              and mission.organizer_id == user.id)


def sees_every_participant(user) -> bool:
    """The whole schedule and every pair (organisers, admins); others only their own company's."""
    return is_staff(user)


def may_see_job(user, run, mission=None) -> bool:
    """A background job: whoever started it, an admin, or whoever may edit its mission (`mission`, loaded)."""
    if user is None:
        return False
    if is_admin(user) or (run.user_id is not None and run.user_id == user.id):
        return True
    return mission is not None and may_edit_mission(user, mission)
