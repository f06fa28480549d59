"""Who meets whom on the web: a mission's match list, its schedule as a printable grid, each company's agenda."""
from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_date
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matcher.errors import Conflict, DomainError, NotFound, ValidationFailed
from matcher.file_responses import file_response
from matcher.jobs import queued_jobs_enabled
from matcher.schemas import load_or_raise
from matcher.schemas.mission import HTTP_BUDGET_S, MAX_TIME_LIMIT_S, MatchListArgsSchema
from matcher.services import missions
from matcher.services.background import start_schedule
from matcher.services.mission_agendas import agenda_ics, company_agenda
from matcher.services.mission_exports import match_list_file, schedule_xlsx
from matcher.services.mission_matches import mission_match_list
from matcher.services.mission_schedules import (
    get_last_schedule, meeting_start, schedule_mission, set_meeting_locked,
)
from matcher.web.schedule_summary import summarize
from matcher.web import web
from matcher.web.i18n import current_language, localize
from matcher.web.mission_forms import UTC_OFFSETS, ScheduleForm
from matcher.web.missions import load
from matcher.web.security import current_user, is_staff, login_required, staff_required

WEB_TIME_LIMIT_S = 20.0  # what the page asks for; see HTTP_BUDGET_S for the whole run


def _match_args() -> tuple[dict, dict]:
    """min_score and per_company from the query string, checked by the match list's schema (as the API
    checks them): the arguments, with the default in place of a refused one, and the refusals by field."""
    schema = MatchListArgsSchema()
    raw = {name: request.args[name] for name in schema.fields if name in request.args}
    try:
        return load_or_raise(schema, raw), {}
    except ValidationFailed as exc:
        kept = {name: value for name, value in raw.items() if name not in exc.errors}
        return load_or_raise(schema, kept), {name: [localize(m) for m in found] for name, found in exc.errors.items()}


@web.get("/missions/<int:mission_id>/match-list")
@login_required
def mission_matches(mission_id: int):
    mission = missions.mission_to_dict(load(mission_id))
    args, errors = _match_args()
    found = mission_match_list(mission_id, current_user(), lang=current_language(), **args)
    page = render_template("web/missions/match_list.html", mission=mission, found=found, errors=errors,
                           staff=is_staff(), **args)
    return page, 422 if errors else 200


@web.get("/missions/<int:mission_id>/match-list.<any(csv, xlsx):file_format>")
@login_required
def mission_matches_file(mission_id: int, file_format: str):
    args, errors = _match_args()
    if errors:      # the list page names the refused values; no file is made of a list nobody asked for
        return mission_matches(mission_id)
    min_score, per_company = args["min_score"], args["per_company"]
    lang = current_language()
    data = match_list_file(mission_id, current_user(), file_format, lang, min_score=min_score,
                           per_company=per_company)
    return file_response(data, file_format, f"mission-{mission_id}-match-list-{lang}.{file_format}")


@web.route("/missions/<int:mission_id>/schedule", methods=["GET", "POST"])
@login_required
def mission_schedule(mission_id: int):
    user = current_user()
    row = load(mission_id)
    if not is_staff():  # a company account's view of the schedule is its own agenda
        return redirect(url_for("web.mission_agenda", mission_id=mission_id, company_id=missions.company_id_of(user)))
    mission = missions.mission_to_dict(row)
    schedule = get_last_schedule(mission_id, user)
    can_edit = missions.can_edit(user, row)
    if request.method == "GET":
        return _render_schedule(mission, schedule, ScheduleForm.initial(mission, schedule and schedule["params"]),
                                can_edit)
    if not can_edit:
        abort(403)
    form = ScheduleForm.from_request(request.form)
    if queued_jobs_enabled():  # a worker builds it, without a request's time cap; the job page shows progress
        return _start_schedule_job(mission, schedule, form, can_edit)
    try:
        result = schedule_mission(mission_id, user, form.payload(WEB_TIME_LIMIT_S), budget_s=HTTP_BUDGET_S)
    except ValidationFailed as exc:
        form.attach_errors(exc.errors or {"_form": [exc.detail]})
        return _render_schedule(mission, schedule, form, can_edit, status=422)
    except DomainError as exc:  # 409: a run that overlapped an edit; 503: too large for one request
        form.add_form_error(_("The mission changed while the schedule was being built; build it again.")
                            if isinstance(exc, Conflict) else localize(exc.detail))
        return _render_schedule(mission, schedule, form, can_edit, status=exc.status)
    flash(_("A new schedule is built: %(meetings)d meetings.", meetings=len(result["meetings"])), "success")
    return redirect(url_for("web.mission_schedule", mission_id=mission_id))


def _start_schedule_job(mission: dict, schedule: dict | None, form: ScheduleForm, can_edit: bool):
    try:
        run = start_schedule(mission["id"], current_user(), form.payload(MAX_TIME_LIMIT_S))
    except ValidationFailed as exc:
        form.attach_errors(exc.errors or {"_form": [exc.detail]})
        return _render_schedule(mission, schedule, form, can_edit, status=422)
    except DomainError as exc:  # 503: the queue is unreachable
        form.add_form_error(_("The job queue cannot be reached right now; try again in a minute."))
        return _render_schedule(mission, schedule, form, can_edit, status=exc.status)
    return redirect(url_for("web.mission_job", mission_id=mission["id"], job_id=run.id))


@web.post("/missions/<int:mission_id>/meetings/<int:meeting_id>/lock")
@login_required
def mission_meeting_lock(mission_id: int, meeting_id: int):
    """Lock a meeting (the next run keeps it in place) or unlock it; back to the grid."""
    locked = request.form.get("locked") == "1"
    try:
        set_meeting_locked(mission_id, meeting_id, locked, current_user())
    except Conflict:
        flash(_("This meeting belongs to an older schedule; the grid below is the current one."), "info")
    else:
        flash(_("The meeting is locked: the next schedule keeps it in its slot and at its table.") if locked
              else _("The meeting is unlocked."), "info")
    return redirect(url_for("web.mission_schedule", mission_id=mission_id, _anchor=f"meeting-{meeting_id}"))


@web.get("/missions/<int:mission_id>/schedule.xlsx")
@login_required
def mission_schedule_file(mission_id: int):
    lang = current_language()
    return file_response(schedule_xlsx(mission_id, current_user(), lang), "xlsx",
                         f"mission-{mission_id}-schedule-{lang}.xlsx")


@web.get("/missions/<int:mission_id>/agenda/<int:company_id>")
@login_required
def mission_agenda(mission_id: int, company_id: int):
    agenda = company_agenda(mission_id, company_id, current_user(), current_language())
    return render_template("web/missions/agenda.html", agendas=[agenda], mission=agenda["mission"], single=True)


@web.get("/missions/<int:mission_id>/agenda/<int:company_id>.ics")
@login_required
def mission_agenda_file(mission_id: int, company_id: int):
    data = agenda_ics(mission_id, company_id, current_user(), current_language())
    return file_response(data, "ics", f"mission-{mission_id}-agenda-{company_id}.ics")


@web.get("/missions/<int:mission_id>/agendas")
@staff_required
def mission_agendas(mission_id: int):
    """Every participant's agenda on one page, each printed on a page of its own (organisers)."""
    mission = missions.mission_to_dict(load(mission_id))
    agendas = []
    for company_id in mission["company_ids"]:
        try:
            agendas.append(company_agenda(mission_id, company_id, current_user(), current_language()))
        except NotFound:  # deleted a moment ago
            continue
    return render_template("web/missions/agenda.html", agendas=agendas, mission=mission, single=False)


def _render_schedule(mission: dict, schedule: dict | None, form: ScheduleForm, can_edit: bool, status: int = 200):
    grid, names, summary = None, {}, None
    if schedule:
        summary = summarize(schedule)
        names = {c["id"]: c for c in schedule["companies"]}
        grid = {(m["slot"], m["table"]): m for m in schedule["meetings"]}
    return render_template(
        "web/missions/schedule.html", mission=mission, schedule=schedule, form=form, can_edit=can_edit, grid=grid,
        names=names, offsets=UTC_OFFSETS, slot_times=_slot_times(schedule), summary=summary,
    ), status


def _slot_times(schedule: dict | None) -> dict[int, tuple[str, str]]:
    """Slot -> (start, end) as the mission's wall clock shows them."""
    if not schedule:
        return {}
    params = schedule["params"]
    first = datetime.fromisoformat(params["starts_at"])
    times = {}
    for slot in range(1, params["slots"] + 1):
        start = meeting_start(first, slot, params["slot_minutes"])
        times[slot] = (f"{start:%H:%M}", f"{start + timedelta(minutes=params['slot_minutes']):%H:%M}")
    return times


def clock(iso: str) -> str:
    """10:20 — the wall-clock time at the mission, in the offset the schedule was built with."""
    return f"{datetime.fromisoformat(iso):%H:%M}"


def local_day(iso: str | None) -> str:
    """«14 сентября 2027 г.» / «September 14, 2027» of an ISO date or time, without moving it to UTC."""
    if not iso:
        return ""
    return format_date(datetime.fromisoformat(iso).date(), "long", locale=current_language())


def offset_label(iso: str) -> str:
    offset = datetime.fromisoformat(iso).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


@web.app_context_processor
def _mission_helpers() -> dict:
    return {"clock": clock, "local_day": local_day, "offset_label": offset_label}
