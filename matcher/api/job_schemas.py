"""Schemas of the background-job and «interested in you» endpoints (OpenAPI only; the views build dicts)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matcher.api.schemas import CompanySummarySchema
from matcher.schemas.mission import ScheduleRequestSchema

JOB_STATES = ("queued", "running", "done", "failed")


class ScheduleJobRequestSchema(ScheduleRequestSchema):
    """POST /missions/{id}/schedule/jobs: the schedule request, `time_limit_s` up to the scheduler's maximum."""


class JobProgressSchema(Schema):
    done = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "0 until the job reports its first step"})


class JobErrorSchema(Schema):
    status = fields.Integer(required=True, metadata={"description": "The HTTP status the same error has on a "
                                                                    "direct call (422, 409, 503 …)"})
    title = fields.String(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True)
    report = fields.Dict(metadata={"description": "An import refused for bad rows: the per-row report"})


class JobSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("schedule", "import")))
    mission_id = fields.Integer(allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(JOB_STATES))
    progress = fields.Nested(JobProgressSchema, required=True)
    result = fields.Dict(allow_none=True, metadata={
        "description": "When done: a schedule's `schedule_id`, `meetings`, `unscheduled`, `value_ratio` "
                       "(read it at /missions/{id}/schedule); an import's report"})
    error = fields.Nested(JobErrorSchema, allow_none=True)
    created_at = fields.String(required=True)
    finished_at = fields.String(allow_none=True)


class InterestedCompanySchema(Schema):
    company = fields.Nested(CompanySummarySchema, required=True)
    since = fields.String(required=True, metadata={"description": "When it said so (ISO 8601, UTC)"})
    mutual = fields.Boolean(required=True, metadata={"description": "Your company is interested in it too: "
                                                                    "each side may see the other's contacts"})


class InterestedListSchema(Schema):
    items = fields.List(fields.Nested(InterestedCompanySchema), required=True, metadata={"description": "Newest first"})
