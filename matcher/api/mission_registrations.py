"""/api/v1/missions/{id}/registrations and …/participation: companies register, organisers decide."""
from __future__ import annotations

from matcher.api import api
from matcher.api.auth import allow_roles, current_user
from matcher.api.idempotency import idempotent
from matcher.api.openapi import problems, tag
from matcher.api.participation_schemas import (
    ParticipationSettingsOutSchema, RegistrationListSchema, RegistrationOutSchema,
)
from matcher.schemas.mission_participation import (
    ParticipationSettingsSchema, RegistrationDecisionSchema, RegistrationSchema,
)
from matcher.services import mission_registrations


@api.get("/missions/<id:mission_id>/participation")
@allow_roles("admin", "organizer")
@tag("missions")
@api.response(200, ParticipationSettingsOutSchema, description="How the mission takes registrations and requests")
def participation_settings(mission_id: int):
    """Read how the mission takes registrations, meeting requests and online meetings."""
    mission_registrations.load_for_registration(mission_id, current_user())
    return mission_registrations.settings_to_dict(mission_registrations.settings_of(mission_id))


@api.patch("/missions/<id:mission_id>/participation")
@allow_roles("admin", "organizer")
@api.arguments(ParticipationSettingsSchema, location="body")
@tag("missions")
@api.response(200, ParticipationSettingsOutSchema, description="The settings now in force")
def update_participation_settings(mission_id: int, payload: dict):
    """Open or close registration (deadline, approval, slots to choose from), cap meeting requests, allow video links.

    The mission's own organiser or an admin. Fields not sent keep their value (at first: closed, approval
    needed, 8 slots, no cap, not hybrid).
    """
    return mission_registrations.update_settings(mission_id, payload, current_user())


@api.get("/missions/<id:mission_id>/registrations")
@tag("missions")
@api.response(200, RegistrationListSchema, description="Registrations, oldest first")
def list_registrations(mission_id: int):
    """List the mission's registrations: all of them for organisers and admins, one's own for a company."""
    return mission_registrations.list_registrations(mission_id, current_user())


@api.post("/missions/<id:mission_id>/registrations")
@allow_roles("company")
@idempotent()
@api.arguments(RegistrationSchema, location="body")
@tag("missions")
@api.response(201, RegistrationOutSchema, description="The registration (approved at once when no approval is needed)")
@problems(409)
def register_for_mission(mission_id: int, payload: dict):
    """Register one's own company for a mission that takes registrations, with its role and available slots.

    A mission closed to registration (or past its deadline), or one the company already registered for
    or takes part in, is a 409. `available_slots` null or absent: the company attends all day.
    """
    return mission_registrations.register(mission_id, payload, current_user()), 201


@api.patch("/missions/<id:mission_id>/registrations/<id:registration_id>")
@api.arguments(RegistrationDecisionSchema, location="body")
@tag("missions")
@api.response(200, RegistrationOutSchema, description="The registration after the decision")
@problems(409)
def decide_registration(mission_id: int, registration_id: int, payload: dict):
    """Approve or decline a registration (the mission's organiser or an admin), or withdraw one's own (cancelled).

    Approving makes the company a participant with the slots it chose; declining an approved one removes it.
    """
    return mission_registrations.decide_registration(mission_id, registration_id, payload, current_user())
