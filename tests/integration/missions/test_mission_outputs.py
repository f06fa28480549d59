"""The schedule as people take it away: the XLSX workbook, each company's agenda and .ics, the CLI."""
import io
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from matcher.db import db
from matcher.errors import NotFound
from matcher.services.companies import create_company as create
from matcher.services.mission_agendas import agenda_ics, company_agenda
from matcher.services.mission_exports import schedule_xlsx
from matcher.services.mission_schedules import schedule_mission
from ics_reader import read_calendar

DAY = {"slots": 3, "tables": 2, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 2}


@pytest.fixture
def scheduled(organizer, corridor, forestry_pair, mission_of):
    suppliers, buyers = corridor
    mission = mission_of([*suppliers, *buyers, *forestry_pair])
    return mission, schedule_mission(mission["id"], organizer, DAY)


def test_schedule_workbook_has_a_slot_by_table_grid_and_a_list_of_meetings(organizer, scheduled):
    mission, schedule = scheduled
    workbook = load_workbook(io.BytesIO(schedule_xlsx(mission["id"], organizer, "ru")))
    assert workbook.sheetnames == ["Сетка", "Встречи", "Без встречи", "Сводка", "Участие"]
    grid = list(workbook["Сетка"].iter_rows(values_only=True))
    assert grid[0] == ("Слот", "Время", "Стол 1", "Стол 2")
    assert [row[:2] for row in grid[1:]] == [(1, "10:00–10:20"), (2, "10:20–10:40"), (3, "10:40–11:00")]
    cells = [c for row in grid[1:] for c in row[2:] if c]
    assert len(cells) == len(schedule["meetings"]) and all("→" in c for c in cells)
    listing = list(workbook["Встречи"].iter_rows(values_only=True))
    assert listing[0][:4] == ("Слот", "Начало", "Конец", "Стол") and len(listing) == 1 + len(schedule["meetings"])
    assert listing[1][1] == datetime(2027, 9, 14, 10, 0)  # the mission's wall-clock time
    summary = dict(workbook["Сводка"].iter_rows(values_only=True))
    assert summary["Ценность расписания"] == schedule["total_value"]
    assert summary["Верхняя граница"] == schedule["upper_bound"]


def test_english_workbook_uses_english_names_where_companies_have_them(organizer, scheduled):
    mission, _ = scheduled
    workbook = load_workbook(io.BytesIO(schedule_xlsx(mission["id"], organizer, "en")))
    assert workbook.sheetnames == ["Grid", "Meetings", "Unscheduled", "Summary", "Participation"]
    suppliers = {row[4] for row in list(workbook["Meetings"].iter_rows(values_only=True))[1:]}
    assert "Amkodor" in suppliers or "Lesmash" in suppliers


def test_company_agenda_lists_its_meetings_in_time_order_with_partner_and_reasons(organizer, scheduled, corridor):
    mission, schedule = scheduled
    suppliers, _ = corridor
    agenda = company_agenda(mission["id"], suppliers[0].id, organizer, "ru")
    own = [m for m in schedule["meetings"] if suppliers[0].id in (m["supplier_id"], m["buyer_id"])]
    assert [m["slot"] for m in agenda["meetings"]] == sorted(m["slot"] for m in own)
    first = agenda["meetings"][0]
    assert first["role"] == "supplier" and first["partner"]["country_name"] == "Российская Федерация"
    assert first["reasons"] and "email" in first["partner"]  # organisers see contacts
    assert set(agenda["free_slots"]) == {1, 2, 3} - {m["slot"] for m in own}


def test_company_account_reads_its_own_agenda_only(organizer, user, corridor, mission_of):
    suppliers, buyers = corridor
    firm = user("firm@example.org", "company")
    own = create({"name": "Лесная техника", "country": "BY", "roles": ["supplier"], "offers": [
        {"title": "Харвестеры и форвардеры", "hs_codes": ["843680"], "description": "Харвестеры"}]}, owner=firm)
    mission = mission_of([own, suppliers[0], buyers[0]])
    schedule_mission(mission["id"], organizer, DAY)
    db.session.refresh(firm)
    agenda = company_agenda(mission["id"], own.id, firm, "en")
    assert agenda["meetings"] and "email" not in agenda["meetings"][0]["partner"]
    with pytest.raises(NotFound):
        company_agenda(mission["id"], suppliers[0].id, firm)


def test_ics_calendar_parses_back_into_the_companys_meetings_in_utc(organizer, scheduled, corridor):
    mission, schedule = scheduled
    buyer = corridor[1][0]
    calendar, events = read_calendar(agenda_ics(mission["id"], buyer.id, organizer, "ru"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"].startswith("-//matcher//")
    own = sorted((m for m in schedule["meetings"] if buyer.id in (m["supplier_id"], m["buyer_id"])),
                 key=lambda m: m["slot"])
    assert len(events) == len(own) > 0
    for event, meeting in zip(events, own):
        start = datetime.fromisoformat(meeting["starts_at"]).astimezone(timezone.utc)
        assert event["DTSTART"] == start.strftime("%Y%m%dT%H%M%SZ")
        assert event["DTEND"] == (start + timedelta(minutes=20)).strftime("%Y%m%dT%H%M%SZ")
        assert event["UID"] == f"mission-{mission['id']}-meeting-{meeting['supplier_id']}-{meeting['buyer_id']}@matcher"
        assert event["DTSTAMP"].endswith("Z") and event["SEQUENCE"] == str(schedule["id"])
        assert event["SUMMARY"].startswith("Встреча: ")
        assert event["LOCATION"] == f"Пермь, стол {meeting['table']}"
        assert "вы — покупатель" in event["DESCRIPTION"].splitlines()


def test_ics_escapes_commas_semicolons_and_backslashes_in_names(organizer, corridor, mission_of, company_payload):
    suppliers, buyers = corridor
    odd = create(company_payload(name="ООО «Лес, Техника; Сервис\\Плюс»", offers=[
        {"title": "Харвестеры и форвардеры", "hs_codes": ["843680"], "description": "Харвестеры"}]))
    mission = mission_of([odd, buyers[0]])
    schedule_mission(mission["id"], organizer, DAY)
    raw = agenda_ics(mission["id"], buyers[0].id, organizer, "ru")
    assert b"\\, \xd0\xa2\xd0\xb5\xd1\x85" in raw and b"\\;" in raw and b"\\\\" in raw
    _, events = read_calendar(raw)
    assert events[0]["SUMMARY"] == "Встреча: ООО «Лес, Техника; Сервис\\Плюс»"


def test_cli_schedules_with_a_progress_bar_and_prints_value_against_bound(app, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=[
        "mission", "schedule", str(mission["id"]), "--slots", "4", "--tables", "2", "--time-limit", "2",
        "--starts-at", "2027-09-14T10:00:00+05:00"])
    assert result.exit_code == 0, result.output
    assert "4 meetings" in result.output and "of at most" in result.output and "% of the bound" in result.output
    assert "8 of 8 companies" in result.output


def test_cli_reports_a_bad_parameter_by_name(app, corridor, mission_of):
    suppliers, buyers = corridor
    mission = mission_of(suppliers + buyers)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["mission", "schedule", str(mission["id"]),
                                                "--starts-at", "2030-01-01T10:00:00+05:00"])
    assert result.exit_code != 0 and "starts_at" in result.output
