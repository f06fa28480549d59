"""Long work as jobs people can watch: a mission's meeting schedule and a big delegation import.

`start_*` checks what can be checked at once (the mission, the rights, the request's shape) so a
mistake is a 4xx now, not a failed job later; then a JobRun row records the job, which a worker
runs (matcher/jobs/tasks.py). The row carries status, progress and the result or the error, so
pages and the API read it the same way whether the job ran on a worker or inline.
"""
from __future__ import annotations

import time

from redis.exceptions import RedisError
from sqlalchemy import update

from matcher.db import db, utcnow
from matcher.errors import DomainError, NotFound, Unavailable
from matcher.messages import scheduling as say
from matcher.models import JobRun, User
from matcher.policy import may_organise, may_see_job
from matcher.schemas import load_or_raise
from matcher.schemas.mission import ScheduleRequestSchema
from matcher.services import runtime
from matcher.services.missions import load_mission
from matcher.services.unit_of_work import use_case

SCHEDULE_JOB_TIMEOUT_S = 3600  # RQ kills a job past this; the search itself stops at time_limit_s
IMPORT_JOB_TIMEOUT_S = 1800
PROGRESS_WRITE_EVERY_S = 1.0

MESSAGES = {"unknown": say.JOB_NOT_FOUND.template(), "queue_down": say.QUEUE_DOWN(), "crashed": say.JOB_CRASHED()}


@use_case
def start_schedule(mission_id: int, user, params: dict, inline_budget_s: float | None = None) -> JobRun:
    """Queue a schedule run; without a queue it runs now, within `inline_budget_s` (a web request's)."""
    from matcher.services.mission_schedules import check_day

    mission = load_mission(mission_id, user, edit=True)
    request = load_or_raise(ScheduleRequestSchema(), params if params is not None else {})
    check_day(mission, request["starts_at"])
    run = _new_run("schedule", mission_id, user)
    budget_s = None if runtime.queued_jobs_enabled() else inline_budget_s
    _enqueue_or_refuse(run, "run_schedule_job", run.id, dict(params), budget_s, timeout_s=SCHEDULE_JOB_TIMEOUT_S)
    db.session.refresh(run)  # inline, the job has already written its outcome on a connection of its own
    return run


@use_case
def start_import(mission_id: int, user, data: bytes, filename: str | None, mode: str, dry_run: bool) -> JobRun:
    load_mission(mission_id, user, edit=True)
    run = _new_run("import", mission_id, user)
    _enqueue_or_refuse(run, "run_import_job", run.id, data, filename, mode, dry_run, timeout_s=IMPORT_JOB_TIMEOUT_S)
    db.session.refresh(run)
    return run


def _enqueue_or_refuse(run: JobRun, job_name: str, *args, timeout_s: int) -> None:
    """Queue the job; Redis down is a 503 (the job is marked failed), never minutes of work in a request."""
    try:
        runtime.enqueue(job_name, *args, timeout_s=timeout_s, inline_if_down=False)
    except RedisError:
        run_id = run.id
        db.session.rollback()  # _update writes on a connection of its own; SQLite allows one writer
        _update(run_id, status="failed", finished_at=utcnow(),
                error={"status": 503, "title": "Service unavailable", "detail": MESSAGES["queue_down"], "errors": {}})
        raise Unavailable(MESSAGES["queue_down"]) from None


def _new_run(kind: str, mission_id: int, user) -> JobRun:
    run = JobRun(kind=kind, mission_id=mission_id, user_id=getattr(user, "id", None), status="queued",
                 progress_done=0, progress_total=0)
    db.session.add(run)
    db.session.commit()
    return run


def run_schedule(job_run_id: int, params: dict, budget_s: float | None = None) -> None:
    from matcher.services.mission_schedules import schedule_mission

    run = _claim(job_run_id)
    if run is None:
        return
    user, mission_id = db.session.get(User, run.user_id) if run.user_id else None, run.mission_id
    written = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - written[0] >= PROGRESS_WRITE_EVERY_S or done >= total:
            written[0] = now
            _update(job_run_id, progress_done=done, progress_total=total)

    with _failures_recorded(job_run_id):
        result = schedule_mission(mission_id, user, params, progress=progress, budget_s=budget_s)
        db.session.rollback()  # on SQLite an open transaction of the session would lock out _update
        _update(job_run_id, status="done", finished_at=utcnow(), result={
            "schedule_id": result["id"], "meetings": len(result["meetings"]),
            "unscheduled": len(result["unscheduled"]), "value_ratio": result["value_ratio"]})


def run_import(job_run_id: int, data: bytes, filename: str | None, mode: str, dry_run: bool) -> None:
    from matcher.services.delegation_import import import_delegation

    run = _claim(job_run_id)
    if run is None:
        return
    user, mission_id = db.session.get(User, run.user_id) if run.user_id else None, run.mission_id
    with _failures_recorded(job_run_id):
        report = import_delegation(mission_id, data, filename, user, mode=mode, dry_run=dry_run)
        db.session.rollback()
        _update(job_run_id, status="done", finished_at=utcnow(), result=report)


class _failures_recorded:
    """A DomainError ends the job as failed with its status, detail, errors (and an import's report);
    anything else too, with a generic message, and is raised again for the worker's log."""

    def __init__(self, job_run_id: int):
        self.job_run_id = job_run_id

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, traceback):
        if exc is None:
            return False
        db.session.rollback()
        if isinstance(exc, DomainError):
            error = {"status": exc.status, "title": exc.title, "detail": exc.detail, "errors": exc.errors}
            if getattr(exc, "report", None) is not None:
                error["report"] = exc.report
            _update(self.job_run_id, status="failed", finished_at=utcnow(), error=error)
            return True
        _update(self.job_run_id, status="failed", finished_at=utcnow(),
                error={"status": 500, "title": "Job failed", "detail": MESSAGES["crashed"], "errors": {}})
        return False


def _claim(job_run_id: int) -> JobRun | None:
    """queued -> running, once: a job delivered twice runs once."""
    claimed = db.session.execute(update(JobRun).where(JobRun.id == job_run_id, JobRun.status == "queued")
                                 .values(status="running").execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return db.session.get(JobRun, job_run_id) if claimed else None


def _update(job_run_id: int, **values) -> None:
    """Written on a connection of its own: the job's session may be in the middle of its work."""
    with db.engine.begin() as connection:
        connection.execute(update(JobRun).where(JobRun.id == job_run_id).values(**values))


def get_job(job_run_id: int, user) -> JobRun:
    """The job if `user` may see it: whoever started it, an admin, or whoever may edit its mission."""
    run = db.session.get(JobRun, job_run_id)
    if run is None or user is None:
        raise NotFound(MESSAGES["unknown"].format(id=job_run_id))
    if may_see_job(user, run):
        return run
    if may_organise(user) and run.mission_id is not None:
        try:
            if may_see_job(user, run, load_mission(run.mission_id, user)):
                return run
        except DomainError:
            pass
    raise NotFound(MESSAGES["unknown"].format(id=job_run_id))


def job_to_dict(run: JobRun) -> dict:
    from matcher.services.missions import iso_utc

    return {
        "id": run.id, "kind": run.kind, "mission_id": run.mission_id, "status": run.status,
        "progress": {"done": run.progress_done, "total": run.progress_total},
        "result": run.result, "error": run.error,
        "created_at": iso_utc(run.created_at), "finished_at": iso_utc(run.finished_at),
    }
