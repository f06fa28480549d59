"""Schemas of mission participation in the API: registrations, their settings, meeting requests, messages.

Bodies are validated by the services with `matcher.schemas.mission_participation`; these describe the
answers for the OpenAPI document.
"""
from __future__ import annotations

from marshmallow import Schema, fields

from matcher.api.schemas import CompanySummarySchema

# The stored states, spelled out because the API layer does not import the models
# (tests/unit/test_participation_schemas.py keeps them equal); «scheduled» is an answer's own.
REGISTRATION_STATES = ("pending", "approved", "declined", "cancelled")
REQUEST_STATUSES = ("requested", "accepted", "declined", "scheduled", "cancelled")


class ParticipationSettingsOutSchema(Schema):
    is_open = fields.Boolean(required=True, metadata={"description": "Companies may register themselves"})
    deadline = fields.Date(allow_none=True, metadata={"description": "The last day registrations are taken"})
    needs_approval = fields.Boolean(required=True)
    slots = fields.Integer(required=True, metadata={"description": "The slots a registrant chooses from"})
    max_requests = fields.Integer(allow_none=True, metadata={"description": "Meeting requests a participant may send"})
    hybrid = fields.Boolean(required=True, metadata={"description": "Meetings may carry a video link"})


class RegistrationOutSchema(Schema):
    id = fields.Integer(required=True)
    mission_id = fields.Integer(required=True)
    company_id = fields.Integer(required=True)
    company = fields.Nested(CompanySummarySchema, allow_none=True)
    role = fields.String(required=True, metadata={"enum": ["supplier", "buyer"]})
    available_slots = fields.List(fields.Integer(), allow_none=True,
                                  metadata={"description": "Slots the company attends; null: all day"})
    status = fields.String(required=True, metadata={"enum": list(REGISTRATION_STATES)})
    reason = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)
    decided_at = fields.DateTime(allow_none=True)


class RegistrationListSchema(Schema):
    items = fields.List(fields.Nested(RegistrationOutSchema), required=True)
    total = fields.Integer(required=True)


class MeetingRequestOutSchema(Schema):
    id = fields.Integer(required=True)
    mission_id = fields.Integer(required=True)
    status = fields.String(required=True, metadata={
        "enum": list(REQUEST_STATUSES),
        "description": "«scheduled»: accepted, and the mission's current schedule holds the meeting"})
    from_company_id = fields.Integer(required=True)
    to_company_id = fields.Integer(required=True)
    from_company = fields.Nested(CompanySummarySchema, allow_none=True)
    to_company = fields.Nested(CompanySummarySchema, allow_none=True)
    supplier_id = fields.Integer(required=True)
    buyer_id = fields.Integer(required=True)
    message = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    move_requested = fields.Boolean(required=True)
    video_link = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class MeetingRequestListSchema(Schema):
    items = fields.List(fields.Nested(MeetingRequestOutSchema), required=True)
    total = fields.Integer(required=True)


class CompanyMessageOutSchema(Schema):
    id = fields.Integer(required=True)
    sender_id = fields.Integer(required=True)
    recipient_id = fields.Integer(required=True)
    mission_id = fields.Integer(allow_none=True)
    body = fields.String(required=True, metadata={"description": "Plain text, never HTML"})
    mine = fields.Boolean(required=True, metadata={"description": "Sent by the caller's company"})
    created_at = fields.DateTime(required=True)
    read_at = fields.DateTime(allow_none=True)


class ThreadSchema(Schema):
    company = fields.Nested(CompanySummarySchema, required=True)
    items = fields.List(fields.Nested(CompanyMessageOutSchema), required=True)
    total = fields.Integer(required=True)
    may_write = fields.Boolean(required=True)


class ThreadSummarySchema(Schema):
    company = fields.Nested(CompanySummarySchema, required=True)
    unread = fields.Integer(required=True)
    last_message = fields.Nested(CompanyMessageOutSchema, required=True)


class ThreadListSchema(Schema):
    items = fields.List(fields.Nested(ThreadSummarySchema), required=True)
    total = fields.Integer(required=True)
    unread = fields.Integer(required=True, metadata={"description": "Unread messages in all threads"})
