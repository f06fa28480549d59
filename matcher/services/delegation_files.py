"""Read a delegation file (CSV in UTF-8 or cp1251, or XLSX) into rows; write the blank templates.

Row numbers are the ones a person sees in a spreadsheet: the header is row 1. Every row read
counts against the caps, blank ones too; an XLSX archive is inspected (xlsx_archive) before openpyxl
opens it, and a CSV quote left open is refused rather than swallowing the rows after it.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from matcher.errors import DomainError, ValidationFailed
from matcher.messages import LANGUAGES, say_in
from matcher.messages import delegations as say
from matcher.messages.scheduling import FORMAT_CHOICES, FORMAT_ONE_OF
from matcher.services.delegation_columns import COLUMNS, HS_FIELDS, REQUIRED, field_for_header, header
from matcher.services.upload_problems import FileRefused
from matcher.services.xlsx_archive import check_xlsx_archive
from matcher.text_safety import clean_text

MAX_BYTES = 2 * 1024 * 1024  # the app's MAX_CONTENT_LENGTH; 5,000 rows of CSV fit in well under it
MAX_ROWS = 5000
MAX_SHEET_ROWS = MAX_ROWS + 1000  # every row read counts, blank ones too: a sheet can claim a million
MAX_COLUMNS = 80
# Cells that never hold a line break: one that does in a CSV is rows swallowed by a stray quote.
SINGLE_LINE_FIELDS = ("name", "name_en", "country", "region", "city", "roles", "tax_id", "website", "email", "phone")
_SENTINEL = "\uffff"  # a noncharacter: no real file holds it


@dataclass
class DelegationSheet:
    format: str                                    # "csv" | "xlsx"
    encoding: str | None = None                    # CSV only: the encoding the text was read with
    delimiter: str | None = None
    headers: dict[str, str] = field(default_factory=dict)   # field -> the header as written
    ignored_columns: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def file_error(message, key: str = "file") -> ValidationFailed:
    return ValidationFailed(message, {key: [message]})


def read_delegation_file(data: bytes, filename: str | None = None) -> DelegationSheet:
    """The file's rows by field, or ValidationFailed saying what is wrong with the file as a whole."""
    if not data or not data.strip():
        raise file_error(say.FILE_EMPTY())
    if len(data) > MAX_BYTES:
        raise file_error(say.FILE_TOO_LARGE(size_mb=len(data) / 1048576, limit_mb=MAX_BYTES // 1048576,
                                             rows=f"{MAX_ROWS:,}"))
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise file_error(say.OLD_EXCEL())
    if data[:5] == b"%PDF-":
        raise file_error(say.PDF())
    return _read_csv(data)


def _read_xlsx(data: bytes) -> DelegationSheet:
    """The first sheet, read after the archive passed its checks, row by row and never past the row cap."""
    from openpyxl import load_workbook

    check_xlsx_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl lets through whatever its parsers meet in a broken part
        raise FileRefused("not_a_workbook", reason=type(exc).__name__) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return _collect(DelegationSheet(format="xlsx"), (list(row) for row in rows))
    except DomainError:
        raise
    except Exception as exc:  # broken sheet XML is met only while iterating (read-only mode parses lazily)
        raise FileRefused("not_a_workbook", reason=type(exc).__name__) from None
    finally:
        workbook.close()


def _read_csv(data: bytes) -> DelegationSheet:
    text, encoding = _decode(data)
    if "\x00" in text[:8192]:
        raise file_error(say.BINARY())
    sample = text[:8192]
    delimiter = _delimiter(sample)
    lines: dict[int, tuple[int, int]] = {}
    sheet = _collect(DelegationSheet(format="csv", encoding=encoding, delimiter=delimiter),
                     _csv_records(text, delimiter, lines))
    _refuse_swallowed_lines(sheet, lines)
    return sheet


def _csv_records(text: str, delimiter: str, lines: dict[int, tuple[int, int]]):
    """The CSV's records; `lines` gets each record's first and last line. A quote left open is refused:
    the csv module would quietly read every line after it into one cell."""
    source = io.StringIO(text, newline="").readlines()
    reader = csv.reader(source, delimiter=delimiter)
    number, last_line = 0, 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a cell past the field size limit: a quote left open, most likely
            raise FileRefused("csv_broken", row=number + 1, line=last_line + 1, reason=str(exc)) from None
        number += 1
        lines[number] = (last_line + 1, reader.line_num)
        last_line = reader.line_num
        yield record
    if number and _quote_left_open("".join(source[lines[number][0] - 1:]), delimiter):
        raise FileRefused("unclosed_quote", row=number, line=lines[number][0])


def _quote_left_open(record_text: str, delimiter: str) -> bool:
    """Whether the csv module ends `record_text` inside a quoted cell: a line added after it is then swallowed."""
    records = list(csv.reader(io.StringIO(record_text + "\n" + _SENTINEL, newline=""), delimiter=delimiter))
    return not records or records[-1] != [_SENTINEL]


def _refuse_swallowed_lines(sheet: DelegationSheet, lines: dict[int, tuple[int, int]]) -> None:
    """A quote that opens in one row and closes rows later joins the rows between into one cell."""
    for number, values in sheet.rows:
        for name in SINGLE_LINE_FIELDS:
            value = values.get(name, "")
            if "\n" in value and sheet.delimiter in value:
                first, last = lines[number]
                raise FileRefused("quote_spans_lines", row=number, line=first, last_line=last,
                                  column=sheet.headers.get(name, name))


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without a BOM), then Excel's UTF-16 'Unicode text', then Windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise file_error(say.NOT_UTF16()) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), "cp1251"
    except UnicodeDecodeError:
        raise file_error(say.UNKNOWN_ENCODING()) from None


def _delimiter(sample: str) -> str:
    """The delimiter that splits the header into the most known columns (headers such as
    «Мощность в год, USD» hold commas, which fools csv.Sniffer); else the sniffer's guess."""
    first_line = sample.splitlines()[0] if sample.splitlines() else sample
    known = {d: sum(field_for_header(cell) is not None for cell in next(csv.reader([first_line], delimiter=d), []))
             for d in ",;\t|"}
    best = sorted(known.values(), reverse=True)
    if best[0] > best[1]:
        return max(known, key=known.get)
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in ",;\t|"}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def _collect(sheet: DelegationSheet, rows) -> DelegationSheet:
    header_row: list[str] | None = None
    columns: dict[int, str] = {}
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise FileRefused("sheet_rows", limit=MAX_SHEET_ROWS)
        cells = list(row)[:MAX_COLUMNS]
        if all(_blank(c) for c in cells):
            continue
        if header_row is None:
            header_row = [_text(c) for c in cells]
            columns = _map_columns(sheet, header_row)
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise FileRefused("too_many_rows", limit=MAX_ROWS)
        values = {}
        for index, name in columns.items():
            if index < len(cells) and not _blank(cells[index]):
                values[name] = _cell(cells[index], name)
        if values:
            sheet.rows.append((number, values))
    if header_row is None:
        raise file_error(say.FILE_EMPTY())
    if not sheet.rows:
        raise file_error(say.NO_COMPANIES())
    return sheet


def _map_columns(sheet: DelegationSheet, header_row: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, title in enumerate(header_row):
        if not title.strip():
            continue
        name = field_for_header(title)
        if name is None:
            sheet.ignored_columns.append(title)
        elif name in sheet.headers:
            raise file_error(say.SAME_COLUMN_TWICE(first=sheet.headers[name], second=title, field=name), "columns")
        else:
            sheet.headers[name] = title
            columns[index] = name
    if not columns:
        expected = ", ".join(f"{c.en}/{c.ru}" for c in COLUMNS[:6])
        raise file_error(say.NO_KNOWN_COLUMN(expected=expected), "columns")
    missing = [f"«{header(f, 'en')}» / «{header(f, 'ru')}»" for f in REQUIRED if f not in sheet.headers]
    if missing:
        raise file_error(say.COLUMN_MISSING(value=", ".join(missing)), "columns")
    return columns


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    return "" if value is None else clean_text(str(value)).strip()


def _cell(value, name: str) -> str:
    """A cell as text; numbers typed into a spreadsheet lose leading zeros, so HS codes get them back."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        return "0" + text if name in HS_FIELDS and len(text) % 2 == 1 else text
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return clean_text(str(value)).strip()  # no control, bidi or zero-width characters reach the directory


def delegation_template(file_format: str = "xlsx", lang: str = "ru") -> bytes:
    """A blank delegation table with headers in `lang`; the XLSX one has a sheet of instructions."""
    headers = [header(c.field, lang) for c in COLUMNS]
    if file_format == "csv":
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=";" if lang == "ru" else ",", lineterminator="\r\n").writerow(headers)
        return out.getvalue().encode("utf-8-sig")  # the BOM lets Excel open Cyrillic correctly
    if file_format != "xlsx":
        raise ValidationFailed(FORMAT_ONE_OF(), {"format": [FORMAT_CHOICES()]})
    from openpyxl import Workbook
    from openpyxl.styles import Font

    words = lang if lang in LANGUAGES else "en"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = say_in(say.TEMPLATE_SHEET(), words)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, title in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(14, len(title) + 2)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(say_in(say.INSTRUCTIONS_SHEET(), words))
    for line in say.INSTRUCTIONS:
        notes.append([say_in(line(), words)])
    notes.column_dimensions["A"].width = 110
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
