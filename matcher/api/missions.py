"""/api/v1/missions: trade missions, their match lists, delegation imports, meeting schedules and agendas.

Organisers and admins create missions; only a mission's own organiser or an admin changes,
imports into, schedules or deletes it. A company account reads the missions its company takes
part in (others are a 404) and sees only its own company's pairs, meetings and agenda.
"""
from __future__ import annotations

from flask import request, url_for

from matcher.api import api
from matcher.api.auth import allow_roles, current_user
from matcher.api.blueprint import Version
from matcher.api.idempotency import idempotent
from matcher.api.mission_schemas import (
    AgendaSchema, DelegationReportSchema, DelegationUploadSchema, HttpScheduleRequestSchema, LanguageArgsSchema,
    MeetingSchema, MeetingUpdateSchema, MissionMatchListArgsSchema, MissionMatchListSchema, MissionOutSchema,
    MissionPageSchema, MissionUpdateSchema, ScheduleSchema, TemplateArgsSchema,
)
from matcher.api.openapi import problems, tag
from matcher.api.problem import problem
from matcher.api.responses import no_content
from matcher.api.schemas import PaginationArgsSchema
from matcher.errors import NotFound
from matcher.file_responses import MEDIA_TYPES, file_response
from matcher.schemas import load_or_raise
from matcher.schemas import mission as mission_schema
from matcher.schemas.mission import MissionSchema
from matcher.services import (
    delegation_files, delegation_import, mission_agendas, mission_exports, mission_matches, mission_schedules,
    missions,
)
from matcher.settings import SETTINGS

_BINARY = {"type": "string", "format": "binary"}
_TEXT = {"type": "string"}
_PAIRS = "Pairs, best first; each score is the sum of its reasons"
_TEMPLATE = "A blank delegation table"


def mission_version(mission) -> Version:
    """A mission's ETag parts, from its row or from its body."""
    if isinstance(mission, dict):
        return Version("mission", mission["id"], mission["version"])
    return Version("mission", mission.id, mission.version)


def _single(body: dict, status: int = 200, **headers):
    api.set_etag(mission_version(body))
    return body, status, headers


def _language(args: dict) -> str:
    """`lang` if given, else the client's Accept-Language, else the default language (Russian)."""
    return SETTINGS.choose_language(args.get("lang"), request.accept_languages)


# -- the mission ---------------------------------------------------------------------------------

@api.post("/missions")
@allow_roles("admin", "organizer")
@idempotent(replay_headers=lambda body: {"ETag": mission_version(body).tag})
@api.etag
@api.arguments(MissionSchema, location="body")
@tag("missions")
@api.response(201, MissionOutSchema, description="The stored mission", headers=("Location", "ETag"))
def create_mission(payload: dict):
    """Create a trade mission; its creator becomes its organiser.

    `company_ids` names the participants (each must exist; unknown ids are a 422 naming the
    position, e.g. `company_ids.2`); `participants` may give a company's available slots and cap.
    """
    body = missions.create_mission(payload, current_user())
    return _single(body, 201, Location=url_for("api.get_mission", mission_id=body["id"]))


@api.get("/missions")
@api.arguments(PaginationArgsSchema, location="query")
@tag("missions")
@api.response(200, MissionPageSchema, description="A page of missions, soonest first")
def list_missions(args: dict):
    """List missions: all of them for organisers and admins, those of one's company for a company account."""
    return missions.list_missions(current_user(), page=args["page"], per_page=args["per_page"])


@api.get("/missions/<id:mission_id>")
@api.etag
@tag("missions")
@api.response(200, MissionOutSchema, description="The mission", headers=("ETag",))
def get_mission(mission_id: int):
    """Read one mission (a company account: only a mission its company takes part in)."""
    return _single(missions.get_mission(mission_id, current_user()))


@api.patch("/missions/<id:mission_id>")
@allow_roles("admin", "organizer")
@api.etag
@api.arguments(MissionUpdateSchema, location="body")
@tag("missions")
@api.response(200, MissionOutSchema, description="The mission after the change", headers=("ETag",))
def update_mission(mission_id: int, payload: dict):
    """Change some fields of a mission (its own organiser or an admin).

    Fields not sent keep their value. `company_ids` replaces the participants (the settings of
    companies that stay are kept); `participants` replaces the per-company settings. Running a
    schedule or locking a meeting also changes the mission's ETag.
    """
    user = current_user()
    version = api.check_etag(mission_version(missions.load_mission(mission_id, user, edit=True)))
    return _single(missions.update_mission(mission_id, payload, user, expected_version=version))


@api.delete("/missions/<id:mission_id>")
@allow_roles("admin", "organizer")
@api.etag
@tag("missions")
@api.response(204, description="Deleted")
def delete_mission(mission_id: int):
    """Delete a mission with its schedules (its own organiser or an admin); the companies stay."""
    user = current_user()
    version = api.check_etag(mission_version(missions.load_mission(mission_id, user, edit=True)))
    missions.delete_mission(mission_id, user, expected_version=version)
    return no_content()


# -- who should meet whom ------------------------------------------------------------------------

@api.get("/missions/<id:mission_id>/match-list")
@api.arguments(MissionMatchListArgsSchema, location="query")
@tag("missions")
@api.response(200, MissionMatchListSchema, description=_PAIRS)
@api.alt_response(200, schema=_TEXT, content_type=MEDIA_TYPES["csv"], description=_PAIRS)
@api.alt_response(200, schema=_BINARY, content_type=MEDIA_TYPES["xlsx"], description=_PAIRS)
def mission_match_list(mission_id: int, args: dict):
    """List the supplier–buyer pairs among the mission's companies worth a meeting, best first.

    With `format=csv` or `format=xlsx` the same list comes as a file with columns named in
    `lang` (the Russian CSV is separated by «;», as Excel expects in Russian locales, and starts
    with a BOM). A company account gets only its own company's pairs.
    """
    user = current_user()
    if args["format"] == "json":
        return mission_matches.mission_match_list(mission_id, user, min_score=args["min_score"],
                                                  per_company=args["per_company"])
    lang = _language(args)
    data = mission_exports.match_list_file(mission_id, user, args["format"], lang, min_score=args["min_score"],
                                           per_company=args["per_company"])
    return file_response(data, args["format"], f"mission-{mission_id}-match-list-{lang}.{args['format']}")


# -- the delegation ------------------------------------------------------------------------------

@api.post("/missions/<id:mission_id>/import")
@allow_roles("admin", "organizer")
@idempotent()
@api.arguments(DelegationUploadSchema, location="multipart")
@tag("missions")
@api.response(200, DelegationReportSchema, description="What happened to each row")
@problems(409)
def import_delegation(mission_id: int, form: dict):
    """Import a delegation table (CSV or XLSX) into the mission's participants.

    Every row is validated as a company profile; companies already known (by tax id, or by
    their name in Cyrillic or Latin letters) are linked, not duplicated. In `all_or_nothing`
    mode a file with a bad row imports nothing: the 422 names every bad cell as
    `rows.N.field` (N is the row number a spreadsheet shows, the header being row 1) and carries
    the whole per-row `report`. The blank template is at `/api/v1/missions/import-template`.

    A file refused as a whole is a 422 under `file` that names the limit or the fault: an XLSX
    archive is inspected before it is parsed (number of parts, unpacked size per part and in all,
    packing ratio, shared strings; stored or deflated parts only; no DOCTYPE), every row read
    counts against the row limit, blank ones too, and a CSV quote left open names its row.
    """
    upload = form["file"]
    try:
        return delegation_import.import_delegation(mission_id, upload.read(), upload.filename, current_user(),
                                                   mode=form["mode"], dry_run=form["dry_run"])
    except delegation_import.DelegationRejected as exc:
        return problem(exc.status, exc.title, exc.detail, exc.errors, extensions={"report": exc.report})


@api.get("/missions/import-template")
@api.arguments(TemplateArgsSchema, location="query")
@tag("missions")
@api.response(200, _BINARY, description=_TEMPLATE, content_type=MEDIA_TYPES["xlsx"])
@api.alt_response(200, schema=_TEXT, description=_TEMPLATE, content_type=MEDIA_TYPES["csv"])
def delegation_template(args: dict):
    """Download the blank delegation table, headers in Russian or English."""
    lang = _language(args)
    data = delegation_files.delegation_template(args["format"], lang)
    return file_response(data, args["format"], f"delegation-template-{lang}.{args['format']}")


# -- the meeting schedule ------------------------------------------------------------------------

@api.post("/missions/<id:mission_id>/schedule")
@allow_roles("admin", "organizer")
@api.arguments(HttpScheduleRequestSchema, location="body")
@tag("missions")
@api.response(200, ScheduleSchema, description="The new schedule, now the mission's current one")
@problems(409)
def schedule_mission(mission_id: int, payload: dict):
    """Build a new meeting schedule from the mission's match list; locked meetings stay where they are.

    Fairness first: as many companies with a worthwhile partner as possible get a meeting, then
    the total score is maximised (see docs/scheduling.md). `upper_bound` is a bound no schedule
    can beat; `value_ratio` says how close this one comes. Over HTTP the search takes at most
    `time_limit_s` ≤ 30 s and the whole run ends within 50 s (shorter searches for large
    missions); a mission too large for that is a 503 — use `flask mission schedule`. A run that
    overlaps an edit, a lock or another run of the same mission is a 409. No Idempotency-Key:
    the run lets go of the database while it searches, and a retry only builds the schedule once
    more (the search is seeded) and makes it the current one, which is safe as it is.
    """
    load_or_raise(HttpScheduleRequestSchema(), payload)  # the HTTP limits; the service checks the rest
    return mission_schedules.schedule_mission(mission_id, current_user(), payload,
                                              budget_s=mission_schema.HTTP_BUDGET_S)


@api.get("/missions/<id:mission_id>/schedule")
@tag("missions")
@api.response(200, ScheduleSchema, description="The mission's current schedule")
def last_schedule(mission_id: int):
    """Read the mission's current (newest) schedule; a 404 until one was built.

    A company account sees only its own company's meetings and pairs.
    """
    schedule = mission_schedules.get_last_schedule(mission_id, current_user())
    if schedule is None:
        raise NotFound(f"Mission {mission_id} has no schedule yet; POST to /api/v1/missions/{mission_id}/schedule "
                       "builds one")
    return schedule


@api.get("/missions/<id:mission_id>/schedule.xlsx")
@api.arguments(LanguageArgsSchema, location="query")
@tag("missions")
@api.response(200, _BINARY, description="Sheets: the slot × table grid, the meetings, the pairs left out, a summary",
              content_type=MEDIA_TYPES["xlsx"])
def schedule_workbook(mission_id: int, args: dict):
    """Download the current schedule as an XLSX workbook (a 404 until one was built)."""
    lang = _language(args)
    data = mission_exports.schedule_xlsx(mission_id, current_user(), lang)
    return file_response(data, "xlsx", f"mission-{mission_id}-schedule-{lang}.xlsx")


@api.patch("/missions/<id:mission_id>/meetings/<id:meeting_id>")
@allow_roles("admin", "organizer")
@api.arguments(MeetingUpdateSchema, location="json")
@tag("missions")
@api.response(200, MeetingSchema, description="The meeting")
@problems(409)
def update_meeting(mission_id: int, meeting_id: int, payload: dict):
    """Lock a meeting of the current schedule (the next run keeps it in its slot and at its table) or unlock it.

    Setting `locked` is idempotent, so no If-Match is needed. A meeting of an older schedule is a 409.
    """
    return mission_schedules.set_meeting_locked(mission_id, meeting_id, payload["locked"], current_user())


# -- each company's agenda -----------------------------------------------------------------------

@api.get("/missions/<id:mission_id>/agenda/<id:company_id>")
@api.arguments(LanguageArgsSchema, location="query")
@tag("missions")
@api.response(200, AgendaSchema, description="The company's meetings, by time")
def company_agenda(mission_id: int, company_id: int, args: dict):
    """Read one company's agenda in the mission's current schedule: time, table, partner and why they meet.

    A company account reads only its own company's agenda; partners' email and phone are for organisers.
    """
    return mission_agendas.company_agenda(mission_id, company_id, current_user(), _language(args))


@api.get("/missions/<id:mission_id>/agenda/<id:company_id>.ics")
@api.arguments(LanguageArgsSchema, location="query")
@tag("missions")
@api.response(200, _TEXT, description="An iCalendar (RFC 5545) file of the company's meetings",
              content_type=MEDIA_TYPES["ics"])
def company_agenda_ics(mission_id: int, company_id: int, args: dict):
    """Download one company's agenda as an .ics calendar; re-downloading after a new schedule updates the events."""
    lang = _language(args)
    data = mission_agendas.agenda_ics(mission_id, company_id, current_user(), lang)
    return file_response(data, "ics", f"mission-{mission_id}-agenda-{company_id}.ics")
