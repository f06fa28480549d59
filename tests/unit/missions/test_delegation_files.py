"""Reading delegation files, broken ones included, and writing the templates — no app, no database."""
import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from matcher.errors import ValidationFailed
from matcher.services.delegation_columns import COLUMNS, field_for_header
from matcher.services.delegation_files import MAX_BYTES, MAX_ROWS, delegation_template, read_delegation_file

RU_HEADER = "Название;Страна;Регион;Роли;УНП / ИНН;Предложение;ТН ВЭД предложения\r\n"
RU_ROW = "Амкодор;Беларусь;Минск;поставщик;100582333;Харвестеры;8436 80\r\n"


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _refused(data: bytes) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        read_delegation_file(data)
    return caught.value


@pytest.mark.parametrize("encoding, reported", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1251", "cp1251"),
                                                ("utf-16", "utf-16")])
def test_russian_csv_is_read_in_each_encoding_excel_writes_and_says_which(encoding, reported):
    sheet = read_delegation_file((RU_HEADER + RU_ROW).encode(encoding))
    assert sheet.encoding == reported and sheet.delimiter == ";"
    assert sheet.rows == [(2, {"name": "Амкодор", "country": "Беларусь", "region": "Минск", "roles": "поставщик",
                               "tax_id": "100582333", "offer_title": "Харвестеры", "offer_hs_codes": "8436 80"})]


def test_english_headers_with_commas_and_quoted_multiline_cells_are_read():
    data = 'name,country,description\r\n"Amkodor JSC",BY,"Forest machines,\nloaders"\r\n'.encode()
    sheet = read_delegation_file(data)
    assert sheet.delimiter == "," and sheet.rows[0][1]["description"] == "Forest machines,\nloaders"


def test_row_numbers_are_those_a_spreadsheet_shows_even_past_blank_rows():
    sheet = read_delegation_file((RU_HEADER + RU_ROW + ";;;;;;\r\n" + RU_ROW).encode())
    assert [number for number, _ in sheet.rows] == [2, 4]


def test_unknown_columns_are_ignored_and_reported():
    sheet = read_delegation_file(("Название;Страна;Любимый цвет\r\nАмкодор;BY;зелёный\r\n").encode())
    assert sheet.ignored_columns == ["Любимый цвет"] and sheet.rows[0][1] == {"name": "Амкодор", "country": "BY"}


def test_xlsx_numbers_keep_hs_leading_zeros_and_tax_ids_as_text():
    rows = [["name", "country", "tax_id", "need_hs_codes"], ["Агро", "RU", 7707083893, 101]]
    sheet = read_delegation_file(_xlsx(rows))
    assert sheet.format == "xlsx" and sheet.encoding is None
    assert sheet.rows[0][1] == {"name": "Агро", "country": "RU", "tax_id": "7707083893", "need_hs_codes": "0101"}


@pytest.mark.parametrize("data, fragment", [
    (b"", "empty"),
    (b"   \r\n\r\n", "empty"),
    ("Название;Страна\r\n".encode(), "no companies"),
    ("Название;Страна\r\n;\r\n".encode(), "no companies"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("colour;size\r\nred;XL\r\n".encode(), "none of its columns is known"),
    ("Страна;Регион\r\nBY;BY-HM\r\n".encode(), "Required column missing: «name» / «Название»"),
    ("Название;Компания;Страна\r\nА;Б;BY\r\n".encode(), "both mean name"),
])
def test_broken_files_are_refused_with_a_message_a_person_can_act_on(data, fragment):
    error = _refused(data)
    assert fragment in error.detail
    assert set(error.errors) <= {"file", "columns"}


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "not a readable XLSX" in _refused(out.getvalue()).detail


def test_more_rows_than_the_cap_are_refused_before_anything_else():
    data = (RU_HEADER + RU_ROW * (MAX_ROWS + 1)).encode()
    assert f"more than {MAX_ROWS:,} rows" in _refused(data).detail


def test_a_file_larger_than_the_byte_cap_is_refused_unread():
    assert "at most 2 MB" in _refused(b"a" * (MAX_BYTES + 1)).detail


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_csv_template_reopens_with_every_column_in_its_language(lang):
    data = delegation_template("csv", lang)
    assert data.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";" if lang == "ru" else ","))
    assert [field_for_header(h) for h in header] == [c.field for c in COLUMNS]
    assert ("Название" in header) == (lang == "ru")


@pytest.mark.parametrize("lang, sheets", [("ru", ["Делегация", "Инструкция"]), ("en", ["Delegation", "Instructions"])])
def test_xlsx_template_reopens_with_headers_and_instructions(lang, sheets):
    workbook = load_workbook(io.BytesIO(delegation_template("xlsx", lang)))
    assert workbook.sheetnames == sheets
    header = next(workbook.active.iter_rows(values_only=True))
    assert [field_for_header(h) for h in header] == [c.field for c in COLUMNS]


def test_a_filled_template_reads_back():
    workbook = load_workbook(io.BytesIO(delegation_template("xlsx", "ru")))
    workbook.active.append(["Амкодор", "Amkodor", "BY"])
    out = io.BytesIO()
    workbook.save(out)
    sheet = read_delegation_file(out.getvalue())
    assert sheet.rows == [(2, {"name": "Амкодор", "name_en": "Amkodor", "country": "BY"})]


@pytest.mark.parametrize("lang, row", [("ru", "Амкодор;;Беларусь"), ("en", "Amkodor,,Belarus")])
def test_each_csv_template_reads_back_although_two_russian_headers_hold_commas(lang, row):
    # «Мощность в год, USD» made csv.Sniffer split the «;» template at its commas.
    sheet = read_delegation_file(delegation_template("csv", lang) + row.encode() + b"\r\n")
    assert sheet.delimiter == (";" if lang == "ru" else ",")
    assert sheet.rows == [(2, {"name": "Amkodor" if lang == "en" else "Амкодор",
                               "country": "Belarus" if lang == "en" else "Беларусь"})]
