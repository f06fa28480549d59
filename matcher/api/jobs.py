"""Background jobs over the API: a mission's schedule built by a worker, and any job's status."""
from __future__ import annotations

from flask import url_for

from matcher.api import api
from matcher.api.auth import allow_roles, current_user
from matcher.api.job_schemas import JobSchema, ScheduleJobRequestSchema
from matcher.api.mission_schemas import DelegationUploadSchema
from matcher.api.openapi import tag
from matcher.schemas.mission import HTTP_BUDGET_S
from matcher.services import background


@api.post("/missions/<id:mission_id>/schedule/jobs")
@allow_roles("admin", "organizer")
@api.arguments(ScheduleJobRequestSchema, location="body")
@tag("missions")
@api.response(202, JobSchema, description="The job; poll its Location until `status` is done or failed",
              headers=("Location",))
def start_schedule_job(mission_id: int, payload: dict):
    """Build the mission's schedule in the background: for missions too large for one request.

    Same body as `POST /missions/{id}/schedule`, but `time_limit_s` may go up to the scheduler's
    own maximum and nothing caps the run at the web's 50 s. Bad input is refused at once (422),
    not in the job. Without a worker (no Redis configured) the job runs inside this request,
    within the web's limits, and the answer already says done or failed.
    """
    run = background.start_schedule(mission_id, current_user(), payload, inline_budget_s=HTTP_BUDGET_S)
    return background.job_to_dict(run), 202, {"Location": url_for("api.get_job", job_id=run.id)}


@api.post("/missions/<id:mission_id>/import/jobs")
@allow_roles("admin", "organizer")
@api.arguments(DelegationUploadSchema, location="multipart")
@tag("missions")
@api.response(202, JobSchema, description="The job; when done its `result` is the import report",
              headers=("Location",))
def start_import_job(mission_id: int, form: dict):
    """Import a delegation file in the background: the same file, modes and report as
    `POST /missions/{id}/import`, for files too big to wait for. A file refused for bad rows ends the
    job as failed, with the per-row report in `error.report`. Without a worker it runs in this request."""
    upload = form["file"]
    run = background.start_import(mission_id, current_user(), upload.read(), upload.filename, form["mode"],
                                  form["dry_run"])
    return background.job_to_dict(run), 202, {"Location": url_for("api.get_job", job_id=run.id)}


@api.get("/jobs/<id:job_id>")
@tag("missions")
@api.response(200, JobSchema, description="The job's state, progress, and result or error")
def get_job(job_id: int):
    """Read a background job: whoever started it, an admin, or the organiser of its mission (else 404)."""
    return background.job_to_dict(background.get_job(job_id, current_user()))
