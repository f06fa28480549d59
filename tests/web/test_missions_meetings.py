"""Mission pages after the setup: delegation import, the match list, the schedule grid and locks, agendas, files."""
from __future__ import annotations

import csv
import io
import re

import pytest
from mission_pages import (  # noqa: F401  (fixtures)
    SCHEDULE_FORM, cells, corridor, firm, mission, organiser, organiser_en, other_organiser, scheduled,
)
from openpyxl import load_workbook
from sqlalchemy import func, select
from web_helpers import field_error, input_value, text_of

from matcher.db import db
from matcher.models import Company, Meeting, MissionParticipant, MissionSchedule

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = "Название;Страна;Регион;Роли;УНП / ИНН;Потребность;ТН ВЭД потребности\r\n"
GOOD = "Соликамский ЛПК;Россия;Пермский край;покупатель;;Форвардеры для вывозки леса;843680\r\n"
BAD = "Кунгурский завод;Россия;Пермский край;покупатель;12345;Станки;8458 11\r\n"


def _upload(browser, mission_id, data: bytes, filename="делегация.csv", **fields):
    url = f"/missions/{mission_id}/import"
    return browser.post(url, {"file": (io.BytesIO(data), filename), "mode": "all_or_nothing", **fields}, page=url,
                        content_type="multipart/form-data")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _grid(response) -> list[dict]:
    """The meetings of the schedule grid: slot, table, supplier and buyer ids, locked or not."""
    html = response.get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, re.S)
    meetings = []
    for slot, row in enumerate(rows, start=1):
        for table, cell in enumerate(re.findall(r"<td class=\"(?:meeting[^\"]*|free)\".*?</td>", row, re.S), start=1):
            found = re.search(r'id="meeting-(\d+)" data-supplier="(\d+)" data-buyer="(\d+)"', cell)
            if found:
                meetings.append({"id": int(found.group(1)), "slot": slot, "table": table,
                                 "supplier": int(found.group(2)), "buyer": int(found.group(3)),
                                 "locked": "is-locked" in cell})
    return meetings


# -- importing a delegation ------------------------------------------------------------------------

def test_the_import_page_offers_the_templates_in_both_languages(organiser, mission):
    page = organiser.get(f"/missions/{mission['id']}/import")
    assert page.status_code == 200 and "Импорт делегации" in text_of(page)
    html = page.get_data(as_text=True)
    for fmt in ("xlsx", "csv"):
        for lang in ("ru", "en"):
            assert f"/missions/import-template?format={fmt}&amp;lang={lang}" in html
    template = organiser.get("/missions/import-template?format=csv&lang=ru")
    assert template.status_code == 200 and template.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert template.headers["Content-Disposition"] == 'attachment; filename="delegation-template-ru.csv"'
    assert template.get_data().decode("utf-8-sig").startswith("Название;")
    workbook = organiser.get("/missions/import-template?format=xlsx&lang=en")
    assert workbook.mimetype == XLSX and load_workbook(io.BytesIO(workbook.get_data())).sheetnames == [
        "Delegation", "Instructions"]


def test_a_clean_file_is_imported_and_the_report_says_what_happened(organiser, mission):
    response = _upload(organiser, mission["id"], (HEADER + GOOD).encode("cp1251"))
    assert response.status_code == 200
    text = text_of(response)
    assert "Импортировано: новых компаний — 1" in text and "Соликамский ЛПК" in text and "cp1251" in text
    created = db.session.scalar(select(Company).where(Company.name == "Соликамский ЛПК"))
    assert db.session.get(MissionParticipant, (mission["id"], created.id)) is not None


def test_bad_rows_are_listed_by_row_and_column_and_the_valid_rows_import_with_one_click(organiser, mission):
    participants = _count(MissionParticipant)
    response = _upload(organiser, mission["id"], (HEADER + GOOD + BAD).encode())
    assert response.status_code == 422 and _count(MissionParticipant) == participants
    assert "Ничего не импортировано" in text_of(response)
    html = response.get_data(as_text=True)
    row = re.search(r'<tr id="row-3-УНП / ИНН">(.*?)</tr>', html, re.S)
    assert "Неверный российский ИНН" in row.group(1)
    button = re.search(r'<button type="submit" class="button button-primary">([^<]+)</button>', html)
    assert button.group(1) == "Импортировать 1 строку без ошибок"
    carried = input_value(response, "carried_file")
    again = organiser.post(f"/missions/{mission['id']}/import",
                           {"carried_file": carried, "carried_name": "делегация.csv", "mode": "valid_rows"},
                           page=f"/missions/{mission['id']}/import")
    assert again.status_code == 200 and "Импортировано" in text_of(again)
    assert _count(MissionParticipant) == participants + 1
    assert db.session.scalar(select(Company).where(Company.name == "Кунгурский завод")) is None


def test_a_dry_run_writes_nothing_and_offers_to_import(organiser, mission):
    companies = _count(Company)
    response = _upload(organiser, mission["id"], (HEADER + GOOD).encode(), dry_run="1")
    assert response.status_code == 200 and _count(Company) == companies
    assert "Только проверка" in text_of(response) and input_value(response, "carried_file")


@pytest.mark.parametrize("data, filename, fragment", [
    (b"", "", "Выберите файл"),
    (b"", "empty.csv", "Файл пуст"),
    (b"%PDF-1.4 ...", "delegation.pdf", "Это PDF"),
    ("Компания;Телефон\r\nЛесмаш;+375 17\r\n".encode(), "d.csv", "Нет обязательной колонки"),
    ("Название;Страна\r\n".encode(), "d.csv", "нет компаний"),
])
def test_unusable_files_are_explained_next_to_the_file_input(organiser, mission, data, filename, fragment):
    response = _upload(organiser, mission["id"], data, filename)
    assert response.status_code == 422 and fragment in field_error(response, "f-file")


def test_importing_needs_the_missions_organiser_and_the_csrf_token(organiser, other_organiser, firm, mission):
    data = (HEADER + GOOD).encode()
    assert _upload(other_organiser, mission["id"], data).status_code == 403
    assert _upload(firm, mission["id"], data).status_code == 403
    refused = organiser.post(f"/missions/{mission['id']}/import", {"file": (io.BytesIO(data), "d.csv")}, csrf=False,
                             content_type="multipart/form-data")
    assert refused.status_code == 400 and _count(Company) == 6


def test_an_english_report_for_an_english_organiser(organiser_en, mission):
    response = _upload(organiser_en, mission["id"], (HEADER + GOOD + BAD).encode())
    assert response.status_code == 422
    assert "Nothing was imported" in text_of(response) and "Import the 1 valid row" in text_of(response)


# -- the match list --------------------------------------------------------------------------------

def test_the_match_list_page_shows_the_pairs_with_reasons_and_links_to_the_files(organiser, mission):
    page = organiser.get(f"/missions/{mission['id']}/match-list")
    assert page.status_code == 200
    pairs = cells(page, "pair-names")
    assert len(pairs) == 3 and pairs[0].startswith("1.")
    assert any("Амкодор" in p and "Пермский лесокомбинат" in p for p in pairs)
    assert 'class="reason-name"' in page.get_data(as_text=True)
    html = page.get_data(as_text=True)
    assert f"/missions/{mission['id']}/match-list.csv?min_score=40" in html
    assert f"/missions/{mission['id']}/match-list.xlsx?min_score=40" in html
    everything = organiser.get(f"/missions/{mission['id']}/match-list?min_score=0&per_company=100")
    assert len(cells(everything, "pair-names")) > 3


def test_match_list_values_the_schema_refuses_are_named_and_the_list_shows_with_the_defaults(organiser, mission):
    page = organiser.get(f"/missions/{mission['id']}/match-list?min_score=250&per_company=3&utm_source=mail")
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'id="min_score-error"' in html and 'id="per_company-error"' not in html
    assert 'name="min_score" type="number" min="0" max="100" step="1" value="40"' in html
    assert 'name="per_company" type="number" min="1" max="100" value="3"' in html
    assert len(cells(page, "pair-names")) == 3       # the default lowest score, as on a plain visit
    refused_file = organiser.get(f"/missions/{mission['id']}/match-list.csv?per_company=0")
    assert refused_file.status_code == 422 and 'id="per_company-error"' in refused_file.get_data(as_text=True)


def test_the_match_list_files_follow_the_page_language(organiser, organiser_en, mission):
    russian = organiser.get(f"/missions/{mission['id']}/match-list.csv")
    assert russian.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(russian.get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["№", "Поставщик"] and len(rows) == 4
    english = organiser_en.get(f"/missions/{mission['id']}/match-list.xlsx")
    assert english.mimetype == XLSX
    assert english.headers["Content-Disposition"].endswith(f'-match-list-en.xlsx"')
    sheet = load_workbook(io.BytesIO(english.get_data())).active
    assert [c.value for c in sheet[1]][:2] == ["#", "Supplier"] and sheet.max_row == 4


def test_a_company_sees_only_its_own_pairs(firm, mission):
    pairs = cells(firm.get(f"/missions/{mission['id']}/match-list?min_score=0"), "pair-names")
    assert pairs and all("Амкодор" in p for p in pairs)


# -- the schedule ------------------------------------------------------------------------------------

def test_building_a_schedule_shows_a_grid_without_clashes_and_value_against_the_bound(organiser, mission):
    url = f"/missions/{mission['id']}/schedule"
    page = organiser.get(url)
    assert page.status_code == 200 and input_value(page, "day") == "2027-09-14"
    assert input_value(page, "slots") == "8" and input_value(page, "tables") == "10"
    response = organiser.post(url, SCHEDULE_FORM, page=url)
    assert response.status_code == 302 and response.headers["Location"].endswith(url)
    grid_page = organiser.get(url)
    assert "Новое расписание готово" in text_of(grid_page)
    meetings = _grid(grid_page)
    assert len(meetings) == 3
    seats = [(m["slot"], c) for m in meetings for c in (m["supplier"], m["buyer"])]
    assert len(seats) == len(set(seats)) and len({(m["slot"], m["table"]) for m in meetings}) == len(meetings)
    assert re.search(r"Это расписание достигает \d+ % от лучшего возможного на этот день", text_of(grid_page))
    assert "6 из 6 компаний, у которых есть подходящий партнёр, получили встречу" in text_of(grid_page)
    assert "10:00–10:20" in text_of(grid_page) and "UTC+05:00" in text_of(grid_page)
    assert input_value(grid_page, "tables") == "2"  # the form remembers the last run


def test_schedule_errors_are_shown_next_to_the_fields_and_the_input_is_kept(organiser, mission):
    url = f"/missions/{mission['id']}/schedule"
    response = organiser.post(url, {**SCHEDULE_FORM, "slots": "0", "tables": "много", "day": "2027-10-01"}, page=url)
    assert response.status_code == 422 and _count(MissionSchedule) == 0
    assert field_error(response, "f-slots") == "Введите число от 1 до 48."
    assert field_error(response, "f-tables") == "Введите целое число."
    assert input_value(response, "tables") == "много"
    dates = organiser.post(url, {**SCHEDULE_FORM, "day": "2027-10-01"}, page=url)
    assert dates.status_code == 422 and "вне дат миссии" in field_error(dates, "f-day")


def test_a_locked_meeting_keeps_its_place_when_the_schedule_is_built_again(organiser, scheduled):
    url = f"/missions/{scheduled['id']}/schedule"
    pinned = _grid(organiser.get(url))[-1]
    locked = organiser.post(f"/missions/{scheduled['id']}/meetings/{pinned['id']}/lock", {"locked": "1"}, page=url)
    assert locked.status_code == 302 and locked.headers["Location"].endswith(f"{url}#meeting-{pinned['id']}")
    assert [m["locked"] for m in _grid(organiser.get(url)) if m["id"] == pinned["id"]] == [True]
    organiser.post(url, {**SCHEDULE_FORM, "slots": "5", "tables": "3"}, page=url)
    again = _grid(organiser.get(url))
    kept = [m for m in again if m["locked"]]
    assert [(m["slot"], m["table"], m["supplier"], m["buyer"]) for m in kept] == [
        (pinned["slot"], pinned["table"], pinned["supplier"], pinned["buyer"])]
    unlock = organiser.post(f"/missions/{scheduled['id']}/meetings/{kept[0]['id']}/lock", {"locked": "0"}, page=url)
    assert unlock.status_code == 302 and not db.session.get(Meeting, kept[0]["id"]).locked


def test_only_the_missions_organiser_builds_or_locks_and_csrf_is_required(organiser, other_organiser, scheduled):
    url = f"/missions/{scheduled['id']}/schedule"
    schedules = _count(MissionSchedule)
    read_only = other_organiser.get(url)
    assert read_only.status_code == 200 and 'name="slots"' not in read_only.get_data(as_text=True)
    assert len(_grid(read_only)) == 3 and "Закрепить" not in text_of(read_only)
    assert other_organiser.post(url, SCHEDULE_FORM, page="/missions").status_code == 403
    meeting = _grid(read_only)[0]
    lock = f"/missions/{scheduled['id']}/meetings/{meeting['id']}/lock"
    assert other_organiser.post(lock, {"locked": "1"}, page="/missions").status_code == 403
    assert organiser.post(url, SCHEDULE_FORM, csrf=False).status_code == 400
    assert organiser.post(lock, {"locked": "1"}, csrf=False).status_code == 400
    assert _count(MissionSchedule) == schedules and not db.session.get(Meeting, meeting["id"]).locked


def test_the_schedule_prints_cleanly_and_downloads_as_xlsx(organiser, scheduled):
    page = organiser.get(f"/missions/{scheduled['id']}/schedule")
    html = page.get_data(as_text=True)
    assert 'class="schedule-grid"' in html and "data-print" in html
    css = organiser.get("/static/web/app.css").get_data(as_text=True)
    assert "@media print" in css and "@page grid" in css
    print_rules = css[css.index("@media print"):]
    assert ".site-header" in print_rules and "break-inside: avoid" in print_rules
    workbook = organiser.get(f"/missions/{scheduled['id']}/schedule.xlsx")
    assert workbook.status_code == 200 and workbook.mimetype == XLSX
    assert workbook.headers["Content-Disposition"] == \
        f'attachment; filename="mission-{scheduled["id"]}-schedule-ru.xlsx"'
    grid = list(load_workbook(io.BytesIO(workbook.get_data()))["Сетка"].iter_rows(values_only=True))
    assert grid[0] == ("Слот", "Время", "Стол 1", "Стол 2") and len(grid) == 5


def test_a_company_opening_the_schedule_gets_its_own_agenda(firm, scheduled, corridor):
    response = firm.get(f"/missions/{scheduled['id']}/schedule")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/missions/{scheduled['id']}/agenda/{corridor[0][0].id}")


# -- agendas -------------------------------------------------------------------------------------------

def test_each_company_has_a_printable_agenda_with_a_calendar_file(organiser, scheduled, corridor):
    amkodor = corridor[0][0]
    page = organiser.get(f"/missions/{scheduled['id']}/agenda/{amkodor.id}")
    assert page.status_code == 200
    text = text_of(page)
    assert "Программа встреч: Амкодор" in text and "Пермский лесокомбинат" in text and "покупает у вас" in text
    assert re.search(r"1\d:\d\d–1\d:\d\d", text) and "sales@amkodor" not in text
    assert f"/missions/{scheduled['id']}/agenda/{amkodor.id}.ics" in page.get_data(as_text=True)
    calendar = organiser.get(f"/missions/{scheduled['id']}/agenda/{amkodor.id}.ics")
    assert calendar.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = calendar.get_data()
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.count(b"BEGIN:VEVENT") == 1
    assert "Встреча: Пермский лесокомбинат".encode() in body.replace(b"\r\n ", b"")


def test_all_agendas_print_one_company_per_page(organiser, scheduled):
    page = organiser.get(f"/missions/{scheduled['id']}/agendas")
    assert page.status_code == 200
    assert page.get_data(as_text=True).count('class="agenda-page"') == 6
    css = organiser.get("/static/web/app.css").get_data(as_text=True)
    assert ".agenda-page { break-after: page" in css


def test_a_company_reads_only_its_own_agenda(firm, scheduled, corridor):
    suppliers, buyers = corridor
    own = firm.get(f"/missions/{scheduled['id']}/agenda/{suppliers[0].id}")
    assert own.status_code == 200 and "Пермский лесокомбинат" in text_of(own)
    assert firm.get(f"/missions/{scheduled['id']}/agenda/{buyers[0].id}").status_code == 404
    assert firm.get(f"/missions/{scheduled['id']}/agenda/{buyers[0].id}.ics").status_code == 404
    assert firm.get(f"/missions/{scheduled['id']}/agendas").status_code == 403


def test_an_english_agenda(organiser_en, scheduled, corridor):
    text = text_of(organiser_en.get(f"/missions/{scheduled['id']}/agenda/{corridor[1][1].id}"))
    assert "Agenda of Prikamye Agroholding" in text and "Gomselmash" in text and "sells to you" in text
    assert "September 14, 2027" in text
