"""Meeting schedules of a mission: run the scheduler, keep its result, lock and unlock meetings.

Runs of the same mission are serialised optimistically: the run reads the mission (and the
locked meetings of its last schedule) at version v, lets go of the database while the
scheduler works, then writes only if it can move the mission from v to v+1. A second run, an
edit, or a lock that landed meanwhile makes that step fail, and the run ends with a 409
instead of publishing a schedule built from stale input. Locking a meeting bumps the mission's
version for the same reason.
"""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db, utcnow
from matcher.errors import Conflict, NotFound, Unavailable, ValidationFailed
from matcher.messages import scheduling as say
from matcher.models import Meeting, Mission, MissionSchedule
from matcher.scheduling import (
    Candidate, LockedMeeting, Problem, ScheduleInputError, rule_violations, solve,
)
from matcher.policy import sees_every_participant
from matcher.schemas import load_or_raise
from matcher.schemas.mission import ScheduleRequestSchema
from matcher.services import runtime
from matcher.services.meeting_requests import place_accepted
from matcher.services.mission_matches import mission_match_items
from matcher.services.missions import company_id_of, company_summaries, iso_utc, load_mission
from matcher.services.stored_schedules import last_schedule, meeting_start, meeting_to_dict  # noqa: F401
from matcher.services.unit_of_work import use_case
from matcher.sqlite_tuning import set_write_intent, write_intent, writing

_STORING_MARGIN_S = 3.0   # writing the schedule and answering, within a caller's budget
_SHORTEST_SEARCH_S = 1.0

log = logging.getLogger(__name__)


@use_case
def schedule_mission(mission_id: int, organizer, params: dict, progress=None, budget_s: float | None = None) -> dict:
    """Build, store and return a new schedule (see API.md); `progress(done, total)` is optional.

    With `budget_s` the whole run ends within that many seconds (a web request's timeout): the
    scheduler searches for what is left after scoring the pairs, at most `time_limit_s`.
    What the caller has pending is committed first: the run then reads without holding a lock,
    computes with no transaction open, and writes in a short transaction of its own."""
    started = time.monotonic()
    db.session.commit()
    with _reading():
        mission = load_mission(mission_id, organizer, edit=True)
        request = load_or_raise(ScheduleRequestSchema(), params if params is not None else {})
        check_day(mission, request["starts_at"])
        version = mission.version
        problem, locked_ids = _problem(mission, request)
        positions = {p.company_id: i for i, p in enumerate(mission.participants)}
        db.session.rollback()  # let go of the database while the scheduler works (it may take a while)
    time_limit_s = request["time_limit_s"]
    if budget_s is not None:
        scoring_s = time.monotonic() - started
        left_s = budget_s - scoring_s - _STORING_MARGIN_S
        if left_s < _SHORTEST_SEARCH_S:
            raise Unavailable(say.SCORING_TOO_SLOW(seconds=scoring_s, mission_id=mission_id))
        time_limit_s = min(time_limit_s, left_s)
    try:
        result = solve(problem, time_limit_s=time_limit_s, progress=progress)
    except ScheduleInputError as exc:
        raise ValidationFailed(exc.detail, _paths_for_people(exc.errors, locked_ids, positions)) from None
    broken = rule_violations(problem, result)
    if broken:  # never publish a clash, whatever went wrong upstream
        raise RuntimeError("the scheduler broke its own rules: " + "; ".join(broken[:5]))
    with writing():
        schedule = _store(mission_id, version, request, result)
    body = schedule_to_dict(schedule)
    announce_schedule(schedule.id)  # each participant's agenda, by mail (a job)
    return body


def _store(mission_id: int, version: int, request: dict, result) -> MissionSchedule:
    bumped = db.session.execute(
        update(Mission).where(Mission.id == mission_id, Mission.version == version)
        .values(version=version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if bumped != 1:
        db.session.rollback()
        raise Conflict(say.SCHEDULE_RACE())
    schedule = MissionSchedule(
        mission_id=mission_id, total_value=result.total_value, upper_bound=result.upper_bound,
        params={
            "request": {**request, "starts_at": request["starts_at"].isoformat()},
            "unscheduled": [{"supplier_id": c.supplier_id, "buyer_id": c.buyer_id, "score": c.score}
                            for c in result.unscheduled],
            "companies_met": result.companies_met,
            "companies_with_partner": result.companies_with_partner,
            "stats": result.stats,
        },
        meetings=[Meeting(slot=m.slot, table_no=m.table, supplier_id=m.supplier_id, buyer_id=m.buyer_id,
                          score=m.score, locked=m.locked) for m in result.meetings],
    )
    db.session.add(schedule)
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise Conflict(say.SCHEDULE_NOT_STORED(reason=str(exc.orig))) from None
    return schedule


def announce_schedule(schedule_id: int) -> None:
    """Queue the agendas of a newly stored schedule (notifications.schedule_published mails them);
    a failure here never undoes the schedule."""
    try:
        runtime.enqueue("notify_schedule_published", schedule_id, timeout_s=1800)
    except Exception:  # noqa: BLE001 - the schedule is stored; its mail can be sent again later
        log.exception("could not queue the agendas of schedule %s", schedule_id)
        db.session.rollback()


@contextmanager
def _reading():
    """On SQLite, read without taking the write lock (the scoring and solving take seconds)."""
    before = write_intent()
    set_write_intent(False)
    try:
        yield
    finally:
        set_write_intent(before)


def _paths_for_people(errors: dict, locked_ids: list[int], positions: dict[int, int]) -> dict:
    """The scheduler names locked meetings by position and participants by company id; the API
    names meetings by id (locked.<meeting id>) and participants by position, as the mission lists them."""
    named = {}
    for path, messages in errors.items():
        parts = path.split(".")
        if len(parts) > 1 and parts[1].isdigit():
            number = int(parts[1])
            if parts[0] == "locked" and number < len(locked_ids):
                parts[1] = str(locked_ids[number])
            elif parts[0] == "participants" and number in positions:
                parts[1] = str(positions[number])
        named[".".join(parts)] = messages
    return named


def get_last_schedule(mission_id: int, user) -> dict | None:
    """The mission's newest schedule, or None when it has none yet; a company account sees only
    its own company's meetings and pairs (the totals stay those of the whole schedule)."""
    load_mission(mission_id, user)
    schedule = last_schedule(mission_id)
    if schedule is None:
        return None
    privileged = sees_every_participant(user)
    return schedule_to_dict(schedule, only_company=None if privileged else company_id_of(user))


@use_case
def set_meeting_locked(mission_id: int, meeting_id: int, locked: bool, organizer) -> dict:
    """Lock (keep on re-scheduling) or unlock a meeting of the mission's current schedule."""
    mission = load_mission(mission_id, organizer, edit=True)
    meeting = db.session.get(Meeting, meeting_id)
    owner = db.session.get(MissionSchedule, meeting.schedule_id) if meeting is not None else None
    if owner is None or owner.mission_id != mission_id:
        raise NotFound(say.MEETING_NOT_FOUND(meeting_id=meeting_id, mission_id=mission_id))
    current = last_schedule(mission_id)
    if current.id != owner.id:
        raise Conflict(say.MEETING_OLD())
    meeting.locked = bool(locked)
    mission.updated_at = utcnow()  # a versioned UPDATE: a run that read the old locks cannot publish
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(say.MISSION_CHANGED_MEANWHILE()) from None
    request = current.params["request"]
    return meeting_to_dict(meeting, datetime.fromisoformat(request["starts_at"]), request["slot_minutes"])


def schedule_to_dict(schedule: MissionSchedule, only_company: int | None = None) -> dict:
    """The schedule as the API shows it; with `only_company`, only the meetings and pairs of that company."""
    request = schedule.params["request"]
    starts_at = datetime.fromisoformat(request["starts_at"])
    meetings = [meeting_to_dict(m, starts_at, request["slot_minutes"]) for m in schedule.meetings]
    unscheduled = schedule.params.get("unscheduled", [])
    if only_company is not None:
        meetings = [m for m in meetings if only_company in (m["supplier_id"], m["buyer_id"])]
        unscheduled = [u for u in unscheduled if only_company in (u["supplier_id"], u["buyer_id"])]
    ids = {c for m in meetings for c in (m["supplier_id"], m["buyer_id"])}
    ids |= {c for u in unscheduled for c in (u["supplier_id"], u["buyer_id"])}
    summaries = company_summaries(ids)
    return {
        "id": schedule.id, "mission_id": schedule.mission_id, "created_at": iso_utc(schedule.created_at),
        "params": request,
        "meetings": meetings,
        "unscheduled": unscheduled,
        "total_value": round(schedule.total_value, 1),
        "upper_bound": round(schedule.upper_bound, 1),
        "value_ratio": round(schedule.total_value / schedule.upper_bound, 4) if schedule.upper_bound else 1.0,
        "companies_met": schedule.params.get("companies_met"),
        "companies_with_partner": schedule.params.get("companies_with_partner"),
        "stats": schedule.params.get("stats", {}),
        "companies": [summaries[c] for c in sorted(summaries)],
    }


def check_day(mission: Mission, starts_at: datetime) -> None:
    day = starts_at.date()  # the date where the mission happens, in the offset given
    if (mission.starts_on and day < mission.starts_on) or (mission.ends_on and day > mission.ends_on):
        span = f"{mission.starts_on or '…'} – {mission.ends_on or '…'}"
        raise ValidationFailed(say.OUTSIDE_DATES(),
                               {"starts_at": [say.DAY_OUTSIDE_DATES(value=day.isoformat(), span=span)]})


def _problem(mission: Mission, request: dict) -> tuple[Problem, list[int]]:
    """The scheduler's input, and the ids of the locked meetings in the order it numbers them."""
    items = mission_match_items(mission, min_score=request["min_score"], per_company=request["per_company"])
    candidates = tuple(Candidate(i["supplier"]["id"], i["buyer"]["id"], i["score"]) for i in items)
    scores = {(c.supplier_id, c.buyer_id): c.score for c in candidates}
    members = {p.company_id for p in mission.participants}
    previous = last_schedule(mission.id)
    locked, locked_ids, errors = [], [], {}
    for meeting in (m for m in (previous.meetings if previous else []) if m.locked):
        gone = [c for c in (meeting.supplier_id, meeting.buyer_id) if c not in members]
        if gone:
            errors[f"locked.{meeting.id}"] = [say.LOCKED_PARTNER_LEFT(slot=meeting.slot, value=gone[0])]
            continue
        score = scores.get((meeting.supplier_id, meeting.buyer_id), meeting.score)
        locked.append(LockedMeeting(meeting.slot, meeting.table_no, meeting.supplier_id, meeting.buyer_id, score))
        locked_ids.append(meeting.id)
    if errors:
        raise ValidationFailed(say.LOCKS_BROKEN(), errors)
    day = range(1, request["slots"] + 1)  # slots a participant gave beyond a shorter day do not exist
    availability = {p.company_id: frozenset(s for s in p.available_slots if s in day)
                    for p in mission.participants if p.available_slots is not None}
    caps = {p.company_id: p.max_meetings for p in mission.participants if p.max_meetings is not None}
    # Accepted meeting requests come next, kept like locked meetings; the scheduler fills the rest by value.
    accepted, candidates = place_accepted(mission.id, request["slots"], request["tables"], availability, caps,
                                          request["max_meetings"], locked, candidates)
    locked += accepted
    problem = Problem(slots=request["slots"], tables=request["tables"], candidates=candidates,
                      availability=availability, max_meetings=caps,
                      default_max_meetings=request["max_meetings"], locked=tuple(locked))
    return problem, locked_ids
