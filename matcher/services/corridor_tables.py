"""The corridor dashboard's tables as CSV and XLSX files (issue 15); every cell made safe for spreadsheets."""
from __future__ import annotations

import csv
import io

from matcher.services.spreadsheet_cells import append_row, safe_row


def table_csv(headers: list[str], rows: list[list], lang: str = "ru") -> bytes:
    """UTF-8 with a BOM (Excel reads Cyrillic); `;` between cells in Russian, as Russian Excel expects."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if lang == "ru" else ",", lineterminator="\r\n")
    writer.writerow(safe_row(headers))
    writer.writerows(safe_row(row) for row in rows)
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(title: str, headers: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "data"
    append_row(sheet, headers)
    for row in rows:
        append_row(sheet, row)
    for column, header in zip("ABCDEFGHIJ", headers):
        sheet.column_dimensions[column].width = max(12, min(40, len(str(header)) + 4))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
