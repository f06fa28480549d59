"""Meeting schedules through the service layer: rules kept in the stored rows, locks, races — on each backend."""
import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from matcher.db import db
from matcher.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from matcher.models import Meeting, MissionSchedule, User
from matcher.services.mission_schedules import get_last_schedule, schedule_mission, set_meeting_locked
from matcher.services.missions import update_mission

DAY = {"slots": 4, "tables": 2, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 2}


def _stored_meetings(schedule_id: int) -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).where(Meeting.schedule_id == schedule_id)))


def test_schedule_has_the_contract_shape_with_times_in_the_given_offset(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    result = schedule_mission(mission["id"], organizer, DAY)
    assert len(result["meetings"]) == 4 and result["unscheduled"] == []
    first = result["meetings"][0]
    assert set(first) >= {"slot", "table", "starts_at", "supplier_id", "buyer_id", "score"}
    starts = {m["slot"]: m["starts_at"] for m in result["meetings"]}
    for slot, moment in starts.items():
        expected = datetime.fromisoformat("2027-09-14T10:00:00+05:00").replace(minute=0)
        assert datetime.fromisoformat(moment) == expected.replace(hour=10 + (slot - 1) * 20 // 60,
                                                                  minute=(slot - 1) * 20 % 60)
        assert moment.endswith("+05:00")
    assert result["total_value"] <= result["upper_bound"] and result["value_ratio"] > 0.99
    assert result["companies_met"] == result["companies_with_partner"] == 8


def test_stored_rows_never_double_book_a_company_or_a_table(organizer, corridor, forestry_pair, mission_of):
    suppliers, buyers = corridor
    mission = mission_of([*suppliers, *buyers, *forestry_pair])
    result = schedule_mission(mission["id"], organizer, {**DAY, "slots": 3, "tables": 2})
    rows = _stored_meetings(result["id"])
    assert len(rows) == len(result["meetings"]) > 0
    seats = [(m.slot, c) for m in rows for c in (m.supplier_id, m.buyer_id)]
    tables = [(m.slot, m.table_no) for m in rows]
    assert len(seats) == len(set(seats)) and len(tables) == len(set(tables))
    assert all(1 <= m.table_no <= 2 and 1 <= m.slot <= 3 for m in rows)


def test_last_schedule_is_the_newest_run(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    assert get_last_schedule(mission["id"], organizer) is None
    schedule_mission(mission["id"], organizer, DAY)
    second = schedule_mission(mission["id"], organizer, {**DAY, "tables": 4, "slots": 1})
    last = get_last_schedule(mission["id"], organizer)
    assert last["id"] == second["id"] and last["meetings"] == second["meetings"]
    assert {m["slot"] for m in last["meetings"]} == {1}


def test_availability_and_caps_of_participants_are_respected(organizer, corridor, forestry_pair, mission_of):
    suppliers, buyers = corridor
    lesmash, solikamsk = forestry_pair
    mission = mission_of([suppliers[0], buyers[0], lesmash, solikamsk], participants=[
        {"company_id": buyers[0].id, "available_slots": [3]},
        {"company_id": suppliers[0].id, "max_meetings": 1},
    ])
    result = schedule_mission(mission["id"], organizer, DAY)
    for meeting in result["meetings"]:
        if buyers[0].id == meeting["buyer_id"]:
            assert meeting["slot"] == 3
    assert sum(suppliers[0].id == m["supplier_id"] for m in result["meetings"]) <= 1


def test_locked_meeting_keeps_its_slot_and_table_on_rescheduling(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    first = schedule_mission(mission["id"], organizer, DAY)
    pinned = next(m for m in first["meetings"] if m["supplier_id"] == suppliers[0].id)
    locked = set_meeting_locked(mission["id"], pinned["id"], True, organizer)
    assert locked["locked"] is True
    again = schedule_mission(mission["id"], organizer, {**DAY, "slots": 5, "tables": 3})
    kept = [m for m in again["meetings"] if m["locked"]]
    assert [(m["slot"], m["table"], m["supplier_id"], m["buyer_id"]) for m in kept] == [
        (pinned["slot"], pinned["table"], pinned["supplier_id"], pinned["buyer_id"])]


def test_locked_meeting_that_no_longer_fits_the_day_is_refused_by_meeting_id(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    first = schedule_mission(mission["id"], organizer, {**DAY, "slots": 4, "tables": 1})
    last_slot = max(first["meetings"], key=lambda m: m["slot"])
    set_meeting_locked(mission["id"], last_slot["id"], True, organizer)
    with pytest.raises(ValidationFailed) as caught:
        schedule_mission(mission["id"], organizer, {**DAY, "slots": last_slot["slot"] - 1, "tables": 1})
    assert f"locked.{last_slot['id']}.slot" in caught.value.errors
    assert "unlock it" in caught.value.errors[f"locked.{last_slot['id']}.slot"][0]


def test_locked_meeting_with_a_company_that_left_must_be_unlocked_first(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    first = schedule_mission(mission["id"], organizer, DAY)
    pinned = next(m for m in first["meetings"] if m["supplier_id"] == suppliers[0].id)
    set_meeting_locked(mission["id"], pinned["id"], True, organizer)
    update_mission(mission["id"], {"company_ids": [c.id for c in suppliers[1:] + buyers]}, organizer)
    with pytest.raises(ValidationFailed) as caught:
        schedule_mission(mission["id"], organizer, DAY)
    assert "no longer a participant" in caught.value.errors[f"locked.{pinned['id']}"][0]
    set_meeting_locked(mission["id"], pinned["id"], False, organizer)
    assert schedule_mission(mission["id"], organizer, DAY)["meetings"]


def test_meetings_of_an_older_schedule_cannot_be_locked(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    old = schedule_mission(mission["id"], organizer, DAY)
    schedule_mission(mission["id"], organizer, DAY)
    with pytest.raises(Conflict):
        set_meeting_locked(mission["id"], old["meetings"][0]["id"], True, organizer)
    with pytest.raises(NotFound):
        set_meeting_locked(mission["id"], 10**9, True, organizer)


@pytest.mark.parametrize("change, field, fragment", [
    ({"starts_at": "2027-09-14T10:00:00"}, "starts_at", "UTC offset"),
    ({"starts_at": "2027-10-01T10:00:00+05:00"}, "starts_at", "outside the mission's dates"),
    ({"slots": 0}, "slots", "greater than or equal to 1"),
    ({"tables": 501}, "tables", "less than or equal to 500"),
    ({"slot_minutes": "twenty"}, "slot_minutes", "Not a valid integer"),
    ({"colour": "red"}, "colour", "Unknown field"),
])
def test_bad_schedule_parameters_are_refused_by_name(organizer, corridor, mission_of, change, field, fragment):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    with pytest.raises(ValidationFailed) as caught:
        schedule_mission(mission["id"], organizer, {**DAY, **change})
    assert any(fragment in m for m in caught.value.errors[field])
    assert db.session.scalar(select(func.count()).select_from(MissionSchedule)) == 0


def test_only_the_missions_organizer_or_an_admin_schedules_it(organizer, other_organizer, admin, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    with pytest.raises(Forbidden):
        schedule_mission(mission["id"], other_organizer, DAY)
    assert schedule_mission(mission["id"], admin, DAY)["meetings"]


def test_a_run_whose_input_changed_meanwhile_publishes_nothing(organizer, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    bumped = []

    def edit_during_the_run(done, total):
        if not bumped:  # someone else saves the mission while the scheduler works
            with db.engine.begin() as conn:
                conn.execute(text("UPDATE mission SET version = version + 1 WHERE id = :id"), {"id": mission["id"]})
            bumped.append(True)

    with pytest.raises(Conflict, match="run the schedule again"):
        schedule_mission(mission["id"], organizer, DAY, progress=edit_during_the_run)
    assert db.session.scalar(select(func.count()).select_from(MissionSchedule)) == 0


def test_concurrent_runs_of_one_mission_store_whole_schedules_without_clashes(app, organizer, corridor, forestry_pair,
                                                                              mission_of):
    suppliers, buyers = corridor
    mission = mission_of([*suppliers, *buyers, *forestry_pair])
    outcomes: list[str] = []
    organizer_id = organizer.id

    def run():
        with app.app_context():  # each run has its own session, as each request would
            try:
                schedule_mission(mission["id"], db.session.get(User, organizer_id), DAY)
                outcomes.append("stored")
            except Conflict:
                outcomes.append("conflict")
            except DomainError as exc:  # pragma: no cover - shows up in the assertion below
                outcomes.append(f"error: {exc.detail}")
            finally:
                db.session.remove()

    db.session.rollback()  # this thread holds no lock while the runs race
    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(outcomes) <= {"stored", "conflict"} and "stored" in outcomes
    schedules = list(db.session.scalars(select(MissionSchedule)))
    assert len(schedules) == outcomes.count("stored")
    for schedule in schedules:
        rows = _stored_meetings(schedule.id)
        seats = [(m.slot, c) for m in rows for c in (m.supplier_id, m.buyer_id)]
        assert len(seats) == len(set(seats))
        assert len({(m.slot, m.table_no) for m in rows}) == len(rows)
