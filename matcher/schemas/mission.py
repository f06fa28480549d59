"""Trade-mission schemas: the mission, its participants, match-list and schedule parameters."""
from __future__ import annotations

from marshmallow import RAISE, ValidationError, fields, post_load, validate, validates_schema

from matcher.messages import input as say
from matcher.schemas.base import InputSchema
from matcher.schemas.fields import RowId, TrimmedString, unique_list
from matcher.settings import SETTINGS
from matcher.taxonomy import CodeError, hs, nace

MAX_SLOTS = 48              # a two-day forum of 20-minute meetings
MAX_TABLES = 500
MAX_PARTICIPANTS = 2000
MAX_TIME_LIMIT_S = 50
# A web request (API or page) must answer within gunicorn's 60 s timeout, scoring the pairs included:
# the search gets at most HTTP_TIME_LIMIT_S, the whole run HTTP_BUDGET_S (docs/scheduling.md).
HTTP_TIME_LIMIT_S = 30
HTTP_BUDGET_S = 50.0
FILE_FORMATS = ("csv", "xlsx")
LANGUAGES = SETTINGS.languages


class HsPrefix(fields.String):
    """An HS chapter, heading or subheading that exists: '84', '8436', '8436 80'."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return hs.validate(super()._deserialize(value, attr, data, **kwargs))
        except CodeError as exc:
            raise ValidationError(exc.message) from None


class NacePrefix(fields.String):
    """A NACE section, division, group or class that exists: 'C', '28', '28.4', '28.41'."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return nace.validate(super()._deserialize(value, attr, data, **kwargs))
        except CodeError as exc:
            raise ValidationError(exc.message) from None


class ParticipantSchema(InputSchema):
    """A company's settings for the mission's meetings."""

    class Meta:
        unknown = RAISE
        ordered = True

    company_id = RowId(required=True)
    available_slots = fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_SLOTS)),
        load_default=None, allow_none=True, validate=validate.Length(max=MAX_SLOTS),
    )
    max_meetings = fields.Integer(load_default=None, allow_none=True, strict=True,
                                  validate=validate.Range(min=0, max=MAX_SLOTS))

    @post_load
    def _sort_slots(self, data, **kwargs):
        if data.get("available_slots") is not None:
            data["available_slots"] = sorted(set(data["available_slots"]))
        return data


class MissionSchema(InputSchema):
    """A mission as clients write it (POST body; the merged result of a PATCH)."""

    class Meta:
        unknown = RAISE
        ordered = True

    name = TrimmedString(required=True, validate=validate.Length(min=1, max=300))
    city = TrimmedString(load_default=None, allow_none=True, validate=validate.Length(max=120))
    starts_on = fields.Date(load_default=None, allow_none=True)
    ends_on = fields.Date(load_default=None, allow_none=True)
    hs_prefixes = fields.List(HsPrefix(), load_default=list, validate=validate.Length(max=50))
    nace_prefixes = fields.List(NacePrefix(), load_default=list, validate=validate.Length(max=50))
    company_ids = fields.List(RowId(), load_default=list,
                              validate=validate.Length(max=MAX_PARTICIPANTS))
    participants = fields.List(fields.Nested(ParticipantSchema), load_default=list,
                               validate=validate.Length(max=MAX_PARTICIPANTS))

    @validates_schema
    def _check(self, data, **kwargs):
        errors: dict[str, list[str]] = {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            errors["ends_on"] = [say.MISSION_ENDS_BEFORE_START(ends=ends.isoformat(), starts=starts.isoformat())]
        seen: dict[int, int] = {}
        for index, participant in enumerate(data.get("participants") or []):
            first = seen.setdefault(participant["company_id"], index)
            if first != index:
                errors[f"participants.{index}.company_id"] = [
                    say.PARTICIPANT_TWICE(company_id=participant["company_id"], first=first)]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _normalise(self, data, **kwargs):
        data["hs_prefixes"] = unique_list(data["hs_prefixes"])
        data["nace_prefixes"] = unique_list(data["nace_prefixes"])
        data["company_ids"] = unique_list(data["company_ids"])
        return data


class MatchListArgsSchema(InputSchema):
    """A mission's match-list arguments, the one check of them: the web page and its files, the API."""

    class Meta:
        unknown = RAISE

    min_score = fields.Float(load_default=SETTINGS.meeting_min_score, validate=validate.Range(min=0, max=100),
                             metadata={"description": "Leave out pairs scoring below this, 0..100"})
    per_company = fields.Integer(load_default=SETTINGS.mission_pairs_per_company,
                                 validate=validate.Range(min=1, max=100),
                                 metadata={"description": "At most this many pairs per company (both sides "
                                                          "count for a company that sells and buys), 1..100"})


class ScheduleRequestSchema(InputSchema):
    """POST /missions/{id}/schedule: the day's shape, and which pairs are worth a meeting."""

    class Meta:
        unknown = RAISE
        ordered = True

    slots = fields.Integer(load_default=8, strict=True, validate=validate.Range(min=1, max=MAX_SLOTS))
    tables = fields.Integer(load_default=10, strict=True, validate=validate.Range(min=1, max=MAX_TABLES))
    slot_minutes = fields.Integer(load_default=20, strict=True, validate=validate.Range(min=5, max=240))
    starts_at = fields.AwareDateTime(
        required=True, format="iso",
        error_messages={"invalid_awareness": say.TIME_WITHOUT_OFFSET.template(),
                        "invalid": say.FIRST_MEETING_NOT_DATETIME.template()},
    )
    min_score = fields.Float(load_default=SETTINGS.meeting_min_score, validate=validate.Range(min=0, max=100))
    per_company = fields.Integer(load_default=SETTINGS.mission_pairs_per_company,
                                 validate=validate.Range(min=1, max=100))
    max_meetings = fields.Integer(load_default=None, allow_none=True,
                                  validate=validate.Range(min=0, max=MAX_SLOTS))
    # A request must end well within the web server's 60 s timeout; see docs/scheduling.md.
    time_limit_s = fields.Float(load_default=20.0, validate=validate.Range(min=1, max=MAX_TIME_LIMIT_S))
