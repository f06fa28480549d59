"""Names typed to attack a spreadsheet reach every export as text: match list CSV/XLSX, schedule XLSX,
agenda .ics — in Russian and English, whether the name came through the service or a delegation import."""
from __future__ import annotations

import pytest
from spreadsheet_checks import (
    HOSTILE_BUYER, HOSTILE_BUYER_EN, HOSTILE_MISSION, HOSTILE_SUPPLIER, HOSTILE_SUPPLIER_EN, csv_rows,
    live_formulas_in_csv, live_formulas_in_xlsx, workbook_cells,
)

from matcher.services.delegation_import import import_delegation
from matcher.services.mission_agendas import agenda_ics
from matcher.services.mission_exports import match_list_file, schedule_xlsx
from matcher.services.mission_schedules import schedule_mission

DAY = {"slots": 3, "tables": 2, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 2}
FORESTRY = {"title": "Харвестеры и форвардеры для лесозаготовки", "hs_codes": ["843680"],
            "description": "Лесозаготовительная техника: харвестеры, форвардеры"}


@pytest.fixture
def hostile_mission(organizer, create_company, mission_of):
    """A supplier and a buyer named like formulas (in both languages), in a mission named like one, scheduled."""
    supplier = create_company(name=HOSTILE_SUPPLIER, name_en=HOSTILE_SUPPLIER_EN, region="BY-MI", offers=[FORESTRY])
    buyer = create_company(name=HOSTILE_BUYER, name_en=HOSTILE_BUYER_EN, country="RU", region="RU-PER",
                           roles=["buyer"], offers=[], needs=[FORESTRY])
    mission = mission_of([supplier, buyer], name=HOSTILE_MISSION)
    schedule_mission(mission["id"], organizer, DAY)
    return mission, supplier, buyer


@pytest.mark.parametrize("lang, names", [("ru", (HOSTILE_SUPPLIER, HOSTILE_BUYER)),
                                         ("en", (HOSTILE_SUPPLIER_EN, HOSTILE_BUYER_EN))])
def test_formula_names_are_written_as_text_in_the_match_list_xlsx(organizer, hostile_mission, lang, names):
    mission, _, _ = hostile_mission
    data = match_list_file(mission["id"], organizer, "xlsx", lang, min_score=0)
    assert live_formulas_in_xlsx(data) == []
    values = [c.value for c in workbook_cells(data)]
    assert all(f"'{name}" in values for name in names)
    scores = [c for c in workbook_cells(data) if c.column == 8 and c.row > 1]
    assert scores and all(c.data_type == "n" and isinstance(c.value, float) for c in scores)


@pytest.mark.parametrize("lang, names", [("ru", (HOSTILE_SUPPLIER, HOSTILE_BUYER)),
                                         ("en", (HOSTILE_SUPPLIER_EN, HOSTILE_BUYER_EN))])
def test_formula_names_are_written_as_text_in_the_match_list_csv(organizer, hostile_mission, lang, names):
    mission, _, _ = hostile_mission
    data = match_list_file(mission["id"], organizer, "csv", lang, min_score=0)
    assert live_formulas_in_csv(data) == []
    rows = csv_rows(data)
    assert all(f"'{name}" in rows[1] for name in names)
    assert float(rows[1][7]) > 0  # the score is written as a plain number


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_sheet_of_the_schedule_workbook_writes_formula_names_and_the_mission_name_as_text(
        organizer, hostile_mission, lang):
    mission, _, _ = hostile_mission
    data = schedule_xlsx(mission["id"], organizer, lang)
    assert live_formulas_in_xlsx(data) == []
    by_sheet = {}
    for cell in workbook_cells(data):
        by_sheet.setdefault(cell.parent.title, []).append(cell.value)
    supplier = HOSTILE_SUPPLIER if lang == "ru" else HOSTILE_SUPPLIER_EN
    meetings, unscheduled, summary, participation = list(by_sheet)[1:]
    assert f"'{supplier}" in by_sheet[meetings] and f"'{supplier}" in by_sheet[participation]
    assert any(isinstance(v, str) and v.startswith(f"'{supplier} → ") for v in by_sheet[list(by_sheet)[0]])
    assert f"'{HOSTILE_MISSION}" in by_sheet[summary]


def test_a_stored_name_with_control_characters_still_exports_and_loses_them(organizer, create_company, mission_of):
    from matcher.db import db

    supplier = create_company(name="Лесмаш", region="BY-MI", offers=[FORESTRY])
    buyer = create_company(name="Соликамский ЛПК", country="RU", region="RU-PER", roles=["buyer"], offers=[],
                           needs=[FORESTRY])
    supplier.name = "Лес\x1bмаш\u202e\x07"  # stored before names were cleaned at the door
    db.session.commit()
    mission = mission_of([supplier, buyer])
    schedule_mission(mission["id"], organizer, DAY)
    values = [c.value for c in workbook_cells(schedule_xlsx(mission["id"], organizer, "ru"))]
    assert "Лесмаш" in values
    raw = agenda_ics(mission["id"], buyer.id, organizer, "ru")
    assert b"\x1b" not in raw and b"\x07" not in raw and "\u202e".encode() not in raw


def test_formula_names_imported_from_a_delegation_file_reach_the_exports_as_text(organizer, mission_of):
    mission = mission_of([])
    rows = [["name", "name_en", "country", "region", "roles", "offer_title", "offer_hs_codes", "need_title",
             "need_hs_codes"],
            [HOSTILE_SUPPLIER, HOSTILE_SUPPLIER_EN, "BY", "BY-MI", "supplier", FORESTRY["title"], "843680", "", ""],
            [HOSTILE_BUYER, HOSTILE_BUYER_EN, "RU", "RU-PER", "buyer", "", "", FORESTRY["title"], "843680"]]
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    report = import_delegation(mission["id"], out.getvalue().encode(), "d.csv", organizer)
    assert len(report["created"]) == 2, report
    schedule_mission(mission["id"], organizer, DAY)
    for lang in ("ru", "en"):
        assert live_formulas_in_xlsx(match_list_file(mission["id"], organizer, "xlsx", lang, min_score=0)) == []
        assert live_formulas_in_csv(match_list_file(mission["id"], organizer, "csv", lang, min_score=0)) == []
        assert live_formulas_in_xlsx(schedule_xlsx(mission["id"], organizer, lang)) == []
