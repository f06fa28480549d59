"""Meeting schedules over the API: 40 companies on 8 slots × 10 tables, locks, the workbook, each company's agenda."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from mission_data import (  # noqa: F401  (fixtures)
    BASE, DAY, corridor, mission, people, read_calendar, read_sheets,
)
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Company, MissionSchedule

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _schedule(client, mission_id, headers, **changes):
    return client.post(f"{BASE}/{mission_id}/schedule", json={**DAY, **changes}, headers=headers)


def _assert_no_clash(meetings, slots, tables):
    seats = [(m["slot"], c) for m in meetings for c in (m["supplier_id"], m["buyer_id"])]
    assert len(seats) == len(set(seats)), "a company in two meetings of one slot"
    places = [(m["slot"], m["table"]) for m in meetings]
    assert len(places) == len(set(places)), "a table used twice in one slot"
    assert all(1 <= m["slot"] <= slots and 1 <= m["table"] <= tables for m in meetings)


@pytest.fixture
def forty_companies(client, people):
    """A mission over 20 Belarusian suppliers and 20 Perm buyers of the demo corridor."""
    from matcher.services.demo import load_demo_corridor

    load_demo_corridor()
    sellers = db.session.scalars(select(Company.id).where(Company.country == "BY", Company.is_supplier.is_(True))
                                 .order_by(Company.id).limit(20)).all()
    buyers = db.session.scalars(select(Company.id).where(Company.country == "RU", Company.is_buyer.is_(True))
                                .order_by(Company.id).limit(20)).all()
    response = client.post(BASE, headers=people["organizer"], json={
        "name": "Белорусская делегация на Пермском форуме", "city": "Пермь", "starts_on": "2027-09-14",
        "ends_on": "2027-09-15", "company_ids": [*sellers, *buyers]})
    assert response.status_code == 201 and len(response.get_json()["company_ids"]) == 40
    return response.get_json()


def test_forty_companies_get_8_slots_by_10_tables_without_a_clash(client, people, forty_companies):
    url = f"{BASE}/{forty_companies['id']}/schedule"
    assert client.get(url, headers=people["organizer"]).status_code == 404
    response = client.post(url, headers=people["organizer"], json={
        "slots": 8, "tables": 10, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 10})
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    meetings = result["meetings"]
    assert len(meetings) >= 20 and set(meetings[0]) >= {"slot", "table", "starts_at", "supplier_id", "buyer_id",
                                                       "score"}
    _assert_no_clash(meetings, slots=8, tables=10)
    first = datetime.fromisoformat("2027-09-14T10:00:00+05:00")
    assert all(datetime.fromisoformat(m["starts_at"]) == first + timedelta(minutes=20 * (m["slot"] - 1))
               for m in meetings)
    assert result["total_value"] <= result["upper_bound"] and result["value_ratio"] >= 0.9
    assert result["companies_met"] == result["companies_with_partner"]
    members = set(forty_companies["company_ids"])
    assert all({m["supplier_id"], m["buyer_id"]} <= members for m in meetings)
    assert all(set(u) >= {"supplier_id", "buyer_id", "score"} for u in result["unscheduled"])
    assert client.get(url, headers=people["organizer"]).get_json() == result


@pytest.mark.parametrize("change, field, fragment", [
    ({"time_limit_s": 31}, "time_limit_s", "30"),
    ({"starts_at": "2027-09-14T10:00:00"}, "starts_at", "UTC offset"),
    ({"starts_at": "2027-10-01T10:00:00+05:00"}, "starts_at", "outside the mission's dates"),
    ({"starts_at": None}, "starts_at", "null"),
    ({"slots": 0}, "slots", "greater than or equal to 1"),
    ({"tables": "ten"}, "tables", "Not a valid integer"),
    ({"slot_minutes": 1000}, "slot_minutes", "less than or equal to 240"),
    ({"max_meetings": -1}, "max_meetings", "greater than or equal to 0"),
    ({"colour": "red"}, "colour", "Unknown field"),
])
def test_bad_schedule_requests_are_a_422_naming_the_field_and_store_nothing(client, people, mission, change, field,
                                                                             fragment):
    response = _schedule(client, mission["id"], people["organizer"], **change)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert any(fragment in m for m in response.get_json()["errors"][field]), response.get_json()
    assert db.session.scalar(select(func.count()).select_from(MissionSchedule)) == 0


def test_starts_at_is_required(client, people, mission):
    response = client.post(f"{BASE}/{mission['id']}/schedule", json={"slots": 2}, headers=people["organizer"])
    assert response.status_code == 422 and "starts_at" in response.get_json()["errors"]


def test_only_the_missions_organiser_or_an_admin_schedules(client, people, mission):
    assert _schedule(client, mission["id"], people["other_organizer"]).status_code == 403
    assert _schedule(client, mission["id"], people["firm"]).status_code == 403
    assert _schedule(client, mission["id"], people["admin"]).status_code == 200


def test_the_search_gets_what_is_left_of_the_requests_budget(client, people, mission, monkeypatch):
    from matcher.schemas import mission as mission_schema
    from matcher.services import mission_schedules

    limits = []
    real_solve = mission_schedules.solve
    monkeypatch.setattr(mission_schedules, "solve", lambda problem, time_limit_s, progress=None: (
        limits.append(time_limit_s) or real_solve(problem, time_limit_s=min(time_limit_s, 1), progress=progress)))
    monkeypatch.setattr(mission_schema, "HTTP_BUDGET_S", 10.0)
    assert _schedule(client, mission["id"], people["organizer"], time_limit_s=30).status_code == 200
    assert 1 <= limits[0] <= 10 - 3  # the budget less the scoring and a margin for storing
    monkeypatch.setattr(mission_schema, "HTTP_BUDGET_S", 3.5)
    too_large = _schedule(client, mission["id"], people["organizer"])
    assert too_large.status_code == 503 and "flask mission schedule" in too_large.get_json()["detail"]


def test_a_locked_meeting_stays_put_when_the_mission_is_scheduled_again(client, people, mission):
    first = _schedule(client, mission["id"], people["organizer"]).get_json()
    pinned = first["meetings"][-1]
    etag = client.get(f"{BASE}/{mission['id']}", headers=people["organizer"]).headers["ETag"]
    url = f"{BASE}/{mission['id']}/meetings/{pinned['id']}"
    locked = client.patch(url, json={"locked": True}, headers=people["organizer"])
    assert locked.status_code == 200 and locked.get_json() == {**pinned, "locked": True}
    assert client.get(f"{BASE}/{mission['id']}", headers=people["organizer"]).headers["ETag"] != etag
    again = _schedule(client, mission["id"], people["organizer"], slots=5, tables=3).get_json()
    kept = [(m["slot"], m["table"], m["supplier_id"], m["buyer_id"]) for m in again["meetings"] if m["locked"]]
    assert kept == [(pinned["slot"], pinned["table"], pinned["supplier_id"], pinned["buyer_id"])]
    _assert_no_clash(again["meetings"], slots=5, tables=3)
    stale = client.patch(url, json={"locked": False}, headers=people["organizer"])
    assert stale.status_code == 409 and "older schedule" in stale.get_json()["detail"]


@pytest.mark.parametrize("body, field", [({"locked": "yes"}, "locked"), ({}, "locked"),
                                         ({"locked": True, "slot": 2}, "slot")])
def test_bad_lock_requests_are_a_422_naming_the_field(client, people, mission, body, field):
    meeting = _schedule(client, mission["id"], people["organizer"]).get_json()["meetings"][0]
    response = client.patch(f"{BASE}/{mission['id']}/meetings/{meeting['id']}", json=body, headers=people["organizer"])
    assert response.status_code == 422 and field in response.get_json()["errors"]


def test_locking_needs_the_missions_organiser_and_a_meeting_of_that_mission(client, people, mission):
    meeting = _schedule(client, mission["id"], people["organizer"]).get_json()["meetings"][0]
    url = f"{BASE}/{mission['id']}/meetings/{meeting['id']}"
    assert client.patch(url, json={"locked": True}, headers=people["other_organizer"]).status_code == 403
    assert client.patch(url, json={"locked": True}, headers=people["firm"]).status_code == 403
    unknown = client.patch(f"{BASE}/{mission['id']}/meetings/{meeting['id'] + 999}", json={"locked": True},
                           headers=people["organizer"])
    assert unknown.status_code == 404 and unknown.mimetype == "application/problem+json"


def test_a_company_sees_only_its_own_meetings_in_the_schedule(client, people, mission, corridor):
    full = _schedule(client, mission["id"], people["organizer"]).get_json()
    amkodor = corridor[0][0].id
    own = client.get(f"{BASE}/{mission['id']}/schedule", headers=people["firm"]).get_json()
    assert own["meetings"] == [m for m in full["meetings"] if amkodor in (m["supplier_id"], m["buyer_id"])]
    assert own["meetings"] and len(own["meetings"]) < len(full["meetings"])
    assert all(amkodor in (u["supplier_id"], u["buyer_id"]) for u in own["unscheduled"])
    assert client.get(f"{BASE}/{mission['id']}/schedule", headers=people["outsider"]).status_code == 404


def test_the_schedule_workbook_has_the_slot_by_table_grid(client, people, mission):
    url = f"{BASE}/{mission['id']}/schedule.xlsx"
    assert client.get(url, headers=people["organizer"]).status_code == 404
    schedule = _schedule(client, mission["id"], people["organizer"]).get_json()
    response = client.get(url, headers=people["organizer"])
    assert response.status_code == 200 and response.mimetype == XLSX
    assert response.headers["Content-Disposition"] == f'attachment; filename="mission-{mission["id"]}-schedule-ru.xlsx"'
    sheets = read_sheets(response)
    assert list(sheets) == ["Сетка", "Встречи", "Без встречи", "Сводка", "Участие"]  # issue 13: per participant
    grid = sheets["Сетка"]
    assert grid[0] == ("Слот", "Время", "Стол 1", "Стол 2") and len(grid) == 1 + DAY["slots"]
    assert sum(1 for row in grid[1:] for cell in row[2:] if cell) == len(schedule["meetings"])
    english = read_sheets(client.get(f"{url}?lang=en", headers=people["organizer"]))
    assert list(english) == ["Grid", "Meetings", "Unscheduled", "Summary", "Participation"]


def test_each_company_reads_its_agenda_in_time_order_and_only_its_own(client, people, mission, corridor):
    schedule = _schedule(client, mission["id"], people["organizer"]).get_json()
    amkodor = corridor[0][0].id
    url = f"{BASE}/{mission['id']}/agenda/{amkodor}"
    agenda = client.get(url, headers=people["firm"]).get_json()
    own = sorted(m["slot"] for m in schedule["meetings"] if amkodor in (m["supplier_id"], m["buyer_id"]))
    assert [m["slot"] for m in agenda["meetings"]] == own and agenda["company"]["name"] == "Амкодор"
    first = agenda["meetings"][0]
    assert first["role"] == "supplier" and first["partner"]["country_name"] == "Российская Федерация"
    assert first["reasons"] and "email" not in first["partner"]  # contacts are for organisers
    assert "email" in client.get(url, headers=people["organizer"]).get_json()["meetings"][0]["partner"]
    english = client.get(url, headers={**people["firm"], "Accept-Language": "en"}).get_json()
    assert english["lang"] == "en" and english["meetings"][0]["partner"]["country_name"] == "Russian Federation"
    someone_else = corridor[0][1].id
    assert client.get(f"{BASE}/{mission['id']}/agenda/{someone_else}", headers=people["firm"]).status_code == 404
    assert client.get(url, headers=people["outsider"]).status_code == 404


def test_the_agenda_calendar_parses_back_into_the_companys_meetings_in_utc(client, people, mission, corridor):
    schedule = _schedule(client, mission["id"], people["organizer"]).get_json()
    buyer = corridor[1][0].id
    response = client.get(f"{BASE}/{mission['id']}/agenda/{buyer}.ics", headers=people["organizer"])
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == \
        f'attachment; filename="mission-{mission["id"]}-agenda-{buyer}.ics"'
    calendar, events = read_calendar(response.get_data())
    assert calendar["VERSION"] == "2.0"
    own = sorted((m for m in schedule["meetings"] if buyer in (m["supplier_id"], m["buyer_id"])),
                 key=lambda m: m["slot"])
    assert len(events) == len(own) > 0
    for event, meeting in zip(events, own):
        start = datetime.fromisoformat(meeting["starts_at"]).astimezone(timezone.utc)
        assert event["DTSTART"] == start.strftime("%Y%m%dT%H%M%SZ")
        assert event["SUMMARY"].startswith("Встреча: ") and event["LOCATION"] == f"Пермь, стол {meeting['table']}"
    _, english = read_calendar(client.get(f"{BASE}/{mission['id']}/agenda/{buyer}.ics?lang=en",
                                          headers=people["organizer"]).get_data())
    assert english[0]["SUMMARY"].startswith("Meeting: ")


def test_an_agenda_before_any_schedule_is_empty_and_bad_languages_are_a_400(client, people, mission, corridor):
    url = f"{BASE}/{mission['id']}/agenda/{corridor[0][0].id}"
    agenda = client.get(url, headers=people["organizer"]).get_json()
    assert agenda["meetings"] == [] and agenda["schedule_id"] is None
    bad = client.get(f"{url}.ics?lang=fr", headers=people["organizer"])
    assert bad.status_code == 400 and list(bad.get_json()["errors"]) == ["lang"]
