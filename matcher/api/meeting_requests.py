"""/api/v1/missions/{id}/meeting-requests: participants ask each other for meetings and answer."""
from __future__ import annotations

from matcher.api import api
from matcher.api.auth import current_user
from matcher.api.idempotency import idempotent
from matcher.api.openapi import problems, tag
from matcher.api.participation_schemas import MeetingRequestListSchema, MeetingRequestOutSchema
from matcher.schemas.mission_participation import MeetingRequestSchema, MeetingRequestUpdateSchema
from matcher.services import meeting_requests


@api.get("/missions/<id:mission_id>/meeting-requests")
@tag("missions")
@api.response(200, MeetingRequestListSchema, description="Requests, oldest first, each with its status")
def list_meeting_requests(mission_id: int):
    """List the mission's meeting requests: all for organisers and admins, those sent or received for a participant."""
    return meeting_requests.list_requests(mission_id, current_user())


@api.post("/missions/<id:mission_id>/meeting-requests")
@idempotent()
@api.arguments(MeetingRequestSchema, location="body")
@tag("missions")
@api.response(201, MeetingRequestOutSchema, description="The request, status «requested»")
@problems(409)
def send_meeting_request(mission_id: int, payload: dict):
    """Ask another participant of the mission for a meeting, with a short note (a participant's company).

    The two must be a supplier and a buyer. A pair has one request: asking again while one is open is a
    409, as is going past the organiser's cap on requests per participant.
    """
    return meeting_requests.send_request(mission_id, payload, current_user()), 201


@api.patch("/missions/<id:mission_id>/meeting-requests/<id:request_id>")
@api.arguments(MeetingRequestUpdateSchema, location="body")
@tag("missions")
@api.response(200, MeetingRequestOutSchema, description="The request after the change")
@problems(409)
def update_meeting_request(mission_id: int, request_id: int, payload: dict):
    """Accept or decline a request (the company asked, with an optional `reason`), or cancel it (either side).

    `move_requested: true` asks to move an accepted meeting (the next schedule run may place it
    elsewhere); `video_link` sets the pair's online link on a hybrid mission. Accepted requests are
    placed first by the next schedule run and kept like locked meetings.
    """
    return meeting_requests.update_request(mission_id, request_id, payload, current_user())
