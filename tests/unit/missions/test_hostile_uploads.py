"""Hostile and broken delegation uploads are refused with a 422 naming the limit — no app, no database."""
from __future__ import annotations

import io
import zipfile

import pytest
from hostile_workbooks import (
    HEADER, SHEET, STRINGS, inline_row, rebuilt, sheet_xml, with_shared_strings, workbook_bytes,
)

from matcher.services import xlsx_archive
from matcher.services.delegation_files import MAX_SHEET_ROWS, read_delegation_file
from matcher.services.upload_problems import FileRefused

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')


def _refused(data: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read_delegation_file(data, "d.xlsx")
    assert caught.value.status == 422 and list(caught.value.errors) == ["file"]
    return caught.value


# -- the archive, before openpyxl sees it ----------------------------------------------------------

def test_a_shared_strings_table_of_more_strings_than_the_limit_is_refused_naming_the_limit():
    refusal = _refused(with_shared_strings(xlsx_archive.MAX_SHARED_STRINGS + 1))
    assert refusal.code == "shared_strings" and f"at most {xlsx_archive.MAX_SHARED_STRINGS:,}" in refusal.detail


def test_a_workbook_with_many_shared_strings_under_the_limit_is_still_read():
    sheet = read_delegation_file(with_shared_strings(20_000), "d.xlsx")
    assert sheet.rows == [(2, {"name": "Amkodor", "country": "BY", "roles": "supplier"})]


def test_a_part_that_unpacks_a_hundred_times_its_packed_size_is_refused():
    refusal = _refused(rebuilt(add={"xl/media/padding.bin": b"\0" * (4 * 1024 * 1024)}))
    assert refusal.code == "member_ratio" and "xl/media/padding.bin" in refusal.detail and "100×" in refusal.detail


def test_a_part_larger_than_the_limit_is_refused_whatever_it_packs_to():
    refusal = _refused(rebuilt(add={"xl/media/huge.bin": b"\0" * (xlsx_archive.MAX_MEMBER_BYTES + 1)}))
    assert refusal.code == "member_size" and "16 MB" in refusal.detail


def test_parts_adding_up_past_the_total_limit_are_refused(monkeypatch):
    monkeypatch.setattr(xlsx_archive, "MAX_TOTAL_BYTES", 300_000)
    refusal = _refused(rebuilt(add={f"xl/media/part{n}.bin": bytes(range(256)) * 500 for n in range(3)}))
    assert refusal.code == "archive_size"


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_compression_methods_other_than_stored_and_deflated_are_refused(method):
    refusal = _refused(rebuilt(method=method))
    assert refusal.code == "archive_method"


def test_an_archive_of_too_many_parts_is_refused():
    refusal = _refused(rebuilt(add={f"xl/media/{n}.bin": b"x" for n in range(xlsx_archive.MAX_MEMBERS)}))
    assert refusal.code == "archive_members" and str(xlsx_archive.MAX_MEMBERS) in refusal.detail


@pytest.mark.parametrize("part", [STRINGS, SHEET, "xl/workbook.xml"])
def test_a_doctype_with_entities_in_any_xml_part_is_refused(part):
    data = (with_shared_strings(3) if part == STRINGS else workbook_bytes())
    original = zipfile.ZipFile(io.BytesIO(data)).read(part)
    refusal = _refused(rebuilt(replace={part: BILLION_LAUGHS + original.split(b"?>", 1)[-1]}, base=data))
    assert refusal.code == "xml_doctype" and part in refusal.detail


def test_openpyxl_itself_refuses_entities_because_defusedxml_is_installed():
    """The second line behind the archive check: openpyxl 3.1.5 parses with defusedxml when it is importable."""
    from defusedxml import EntitiesForbidden
    from openpyxl import load_workbook
    from openpyxl.xml import DEFUSEDXML

    data = rebuilt(replace={"xl/workbook.xml": BILLION_LAUGHS + zipfile.ZipFile(
        io.BytesIO(workbook_bytes())).read("xl/workbook.xml")})
    assert DEFUSEDXML
    with pytest.raises(ValueError) as caught:  # openpyxl wraps what its parser raised
        load_workbook(io.BytesIO(data), read_only=True)
    assert isinstance(caught.value.__cause__, EntitiesForbidden)


def test_utf16_xml_parts_are_refused_because_they_would_slip_past_the_checks():
    part = '<?xml version="1.0" encoding="UTF-16"?><sst/>'.encode("utf-16")
    assert _refused(rebuilt(add={STRINGS: part})).code == "not_a_workbook"


def test_a_part_whose_checksum_is_wrong_is_refused():
    data = bytearray(rebuilt(method=zipfile.ZIP_STORED))
    at = data.index(b"<sheetData>")
    data[at + 1:at + 6] = b"XXXXX"  # stored bytes changed under an unchanged CRC
    assert _refused(bytes(data)).code == "not_a_workbook"


# -- broken workbooks: 422, never an exception from the parser -------------------------------------

@pytest.mark.parametrize("part, content", [
    ("xl/workbook.xml", b"<workbook><sheets><sheet name="),
    ("xl/workbook.xml", b"not xml at all"),
    (SHEET, b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'),
    (SHEET, b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="x"><c r="A1" t="n"><v>abc</v></c></row></sheetData></worksheet>'),
    ("xl/styles.xml", b"<styleSheet><cellXfs count='1'><xf numFmtId='oops'/></cellXfs>"),
    ("xl/_rels/workbook.xml.rels", b"<Relationships><Relationship Id='rId1' Target="),
    ("[Content_Types].xml", b""),
])
def test_a_workbook_with_a_broken_part_is_a_422_not_a_crash(part, content):
    assert _refused(rebuilt(replace={part: content})).code == "not_a_workbook"


def test_a_zip_archive_cut_short_is_refused():
    assert _refused(workbook_bytes()[:600]).code == "not_a_workbook"


def test_a_zip_without_a_worksheet_is_refused():
    data = rebuilt(replace={"xl/workbook.xml": (
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>')})
    assert _refused(data).code == "not_a_workbook"


# -- rows: blank ones count, and reading stops at the limit ---------------------------------------

def test_a_sheet_whose_rows_jump_to_the_last_excel_row_is_refused_at_the_row_limit():
    rows = inline_row(1, HEADER) + inline_row(1_048_576, ["Amkodor", "BY", "supplier"])
    refusal = _refused(rebuilt(replace={SHEET: sheet_xml(rows, "A1:C1048576")}))
    assert refusal.code == "sheet_rows" and f"{MAX_SHEET_ROWS:,}" in refusal.detail


def test_thousands_of_blank_rows_count_against_the_row_limit():
    rows = inline_row(1, HEADER) + "".join(f'<row r="{n}"/>' for n in range(2, MAX_SHEET_ROWS + 2)) + inline_row(
        MAX_SHEET_ROWS + 2, ["Amkodor", "BY", "supplier"])
    assert _refused(rebuilt(replace={SHEET: sheet_xml(rows, f"A1:C{MAX_SHEET_ROWS + 2}")})).code == "sheet_rows"


def test_a_few_blank_rows_between_companies_are_fine():
    rows = inline_row(1, HEADER) + '<row r="2"/><row r="3"/>' + inline_row(4, ["Amkodor", "BY", "supplier"])
    sheet = read_delegation_file(rebuilt(replace={SHEET: sheet_xml(rows, "A1:C4")}), "d.xlsx")
    assert sheet.rows == [(4, {"name": "Amkodor", "country": "BY", "roles": "supplier"})]


def test_blank_csv_lines_count_against_the_row_limit_too():
    data = ("name,country\r\n" + "\r\n" * MAX_SHEET_ROWS + "Amkodor,BY\r\n").encode()
    with pytest.raises(FileRefused) as caught:
        read_delegation_file(data, "d.csv")
    assert caught.value.code == "sheet_rows"


# -- CSV quotes ------------------------------------------------------------------------------------

def _csv_refusal(text: str) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read_delegation_file(text.encode(), "d.csv")
    assert caught.value.status == 422
    return caught.value


EIGHT_ROWS = ["Amkodor,BY,supplier", "Gomselmash,BY,supplier", "BelAZ,BY,supplier", "MAZ,BY,supplier",
              "Atlant,BY,supplier", "Integral,BY,supplier", "Bellakt,BY,supplier", "Savushkin,BY,supplier"]


def test_a_quote_never_closed_is_refused_naming_the_row_where_it_opened():
    rows = EIGHT_ROWS[:6] + ['"Bellakt,BY,supplier'] + EIGHT_ROWS[7:]
    refusal = _csv_refusal("name,country,roles\r\n" + "\r\n".join(rows) + "\r\n")
    assert refusal.code == "unclosed_quote" and refusal.params == {"row": 8, "line": 8}
    assert "row 8 (line 8)" in refusal.detail


def test_the_row_of_an_unclosed_quote_is_counted_past_quoted_line_breaks_before_it():
    text = 'name,country,description\r\nAmkodor,BY,"two\nlines"\r\nGomselmash,BY,"never closed\r\nMAZ,BY,x\r\n'
    refusal = _csv_refusal(text)
    assert refusal.params == {"row": 3, "line": 4}


def test_a_quote_that_closes_rows_later_is_refused_instead_of_joining_the_rows_between():
    rows = ['"Atlant,BY,supplier', 'Integral,BY,supplier', 'Bellakt,BY,"supplier"', "Savushkin,BY,supplier"]
    refusal = _csv_refusal("name,country,roles\r\nAmkodor,BY,supplier\r\n" + "\r\n".join(rows) + "\r\n")
    assert refusal.code == "quote_spans_lines"
    assert refusal.params == {"row": 3, "line": 3, "last_line": 5, "column": "name"}


def test_a_quoted_cell_larger_than_the_csv_modules_limit_is_refused_naming_its_row():
    text = 'name,country,description\r\nAmkodor,BY,ok\r\nMAZ,BY,"' + "x" * 200_000 + '"\r\n'
    refusal = _csv_refusal(text)
    assert refusal.code == "csv_broken" and refusal.params["row"] == 3


def test_every_row_of_a_file_with_properly_closed_quotes_is_read():
    text = ('name,country,roles,description\r\n"Amkodor JSC",BY,supplier,"Forest machines,\nloaders"\r\n'
            + "\r\n".join(f"{row},x" for row in EIGHT_ROWS[1:]) + '\r\n"OOO ""Romashka""",RU,buyer,"a ""b"""\r\n')
    sheet = read_delegation_file(text.encode(), "d.csv")
    assert len(sheet.rows) == 9 and sheet.rows[-1][1]["name"] == 'OOO "Romashka"'


def test_a_part_name_chosen_by_the_archive_reaches_the_message_cleaned_and_short():
    name = "xl/media/\x1b[2J" + "x" * 500 + ".bin"
    refusal = _refused(rebuilt(add={name: b"\0" * (2 * 1024 * 1024)}))
    assert refusal.code == "member_ratio" and "\x1b" not in refusal.detail and len(refusal.params["member"]) <= 80
