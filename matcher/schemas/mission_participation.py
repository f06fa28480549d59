"""Input of mission participation: registration, its settings, meeting requests and messages between companies."""
from __future__ import annotations

from marshmallow import RAISE, ValidationError, fields, post_load, validate

from matcher.models.mission_participation import MISSION_ROLES
from matcher.schemas.base import InputSchema
from matcher.schemas.fields import RowId, TrimmedString
from matcher.schemas.mission import MAX_SLOTS

MAX_MESSAGE_CHARS = 2000
MAX_REQUEST_NOTE_CHARS = 500
MAX_REASON_CHARS = 500


class HttpUrl(TrimmedString):
    """An https:// (or http://) address, as a video-call link is shared."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if text and not (text.startswith("https://") or text.startswith("http://")) or " " in (text or ""):
            raise ValidationError("must be a web address starting with https://")
        return text or None


class ParticipationSettingsSchema(InputSchema):
    """How a mission takes registrations and requests (the organiser's settings)."""

    class Meta:
        unknown = RAISE

    is_open = fields.Boolean(load_default=False)
    deadline = fields.Date(load_default=None, allow_none=True)
    needs_approval = fields.Boolean(load_default=True)
    slots = fields.Integer(load_default=8, strict=True, validate=validate.Range(min=1, max=MAX_SLOTS))
    max_requests = fields.Integer(load_default=None, allow_none=True, strict=True,
                                  validate=validate.Range(min=0, max=200))
    hybrid = fields.Boolean(load_default=False)


class RegistrationSchema(InputSchema):
    """A company registering itself: its role in the mission and the slots it can attend (none: all day)."""

    class Meta:
        unknown = RAISE

    role = fields.String(required=True, validate=validate.OneOf(MISSION_ROLES))
    available_slots = fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_SLOTS)),
        load_default=None, allow_none=True, validate=validate.Length(max=MAX_SLOTS))

    @post_load
    def _sort_slots(self, data, **kwargs):
        if data.get("available_slots") is not None:
            data["available_slots"] = sorted(set(data["available_slots"]))
        return data


class RegistrationDecisionSchema(InputSchema):
    """The organiser's answer to a registration (or the company withdrawing it)."""

    class Meta:
        unknown = RAISE

    status = fields.String(required=True, validate=validate.OneOf(("approved", "declined", "cancelled")))
    reason = TrimmedString(load_default=None, allow_none=True, validate=validate.Length(max=MAX_REASON_CHARS))


class MeetingRequestSchema(InputSchema):
    """A participant asking another for a meeting, with a short note."""

    class Meta:
        unknown = RAISE

    MULTILINE_FIELDS = ("message",)
    company_id = RowId(required=True, metadata={"description": "The company asked for a meeting"})
    message = TrimmedString(load_default=None, allow_none=True, validate=validate.Length(max=MAX_REQUEST_NOTE_CHARS))


class MeetingRequestUpdateSchema(InputSchema):
    """An answer to a request (accepted, declined), a withdrawal (cancelled), a wish to move it, a video link."""

    class Meta:
        unknown = RAISE

    status = fields.String(validate=validate.OneOf(("accepted", "declined", "cancelled")))
    reason = TrimmedString(load_default=None, allow_none=True, validate=validate.Length(max=MAX_REASON_CHARS))
    move_requested = fields.Boolean()
    video_link = HttpUrl(allow_none=True, validate=validate.Length(max=500))


class MessageSchema(InputSchema):
    """One message to another company: plain text, at most 2,000 characters."""

    class Meta:
        unknown = RAISE

    MULTILINE_FIELDS = ("body",)
    body = TrimmedString(required=True, validate=validate.Length(min=1, max=MAX_MESSAGE_CHARS))
    mission_id = RowId(load_default=None, allow_none=True)
