"""A mission's background job on the web: a page that shows its progress and, when ready, its result."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from matcher.errors import NotFound
from matcher.services import missions
from matcher.services.background import get_job
from matcher.web import web
from matcher.web.missions import load
from matcher.web.security import current_user, login_required

REFRESH_SECONDS = 2


@web.get("/missions/<int:mission_id>/jobs/<int:job_id>")
@login_required
def mission_job(mission_id: int, job_id: int):
    try:
        run = get_job(job_id, current_user())
    except NotFound:
        abort(404)
    if run.mission_id != mission_id:
        abort(404)
    mission = missions.mission_to_dict(load(mission_id))
    if run.status == "done" and run.kind == "schedule":
        flash(_("A new schedule is built: %(meetings)d meetings.", meetings=run.result["meetings"]), "success")
        return redirect(url_for("web.mission_schedule", mission_id=mission_id))
    if run.kind == "import" and (run.status == "done" or (run.error or {}).get("report")):
        from matcher.web.mission_imports import render_import_outcome

        return render_import_outcome(mission, run.result, run.error)
    percent = round(100 * run.progress_done / run.progress_total) if run.progress_total else 0
    page = render_template("web/missions/job.html", mission=mission, run=run, percent=percent)
    # The Refresh header reloads the page while the job works: no script, nothing for the CSP to block.
    return page, 200, ({"Refresh": str(REFRESH_SECONDS)} if run.status in ("queued", "running") else {})
