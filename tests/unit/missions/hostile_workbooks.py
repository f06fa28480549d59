"""Small hostile XLSX files built in memory: a real workbook with some parts replaced or added."""
from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = ["name", "country", "roles"]


def workbook_bytes(rows=(HEADER, ["Amkodor", "BY", "supplier"])) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rebuilt(replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
            method: int = zipfile.ZIP_DEFLATED, base: bytes | None = None) -> bytes:
    """`base` (a clean workbook by default) with parts replaced and added, packed with `method`."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(base or workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as target:
        for name in source.namelist():
            target.writestr(name, replace.get(name, source.read(name)))
        for name, data in add.items():
            target.writestr(name, data)
    return out.getvalue()


def sheet_xml(rows_xml: str, dimension: str = "A1:C2") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/>'
            f"<sheetData>{rows_xml}</sheetData></worksheet>").encode()


def inline_row(number: int, values: list[str]) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
                    for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def shared_strings_xml(count: int) -> bytes:
    items = "".join(f"<si><t>{n}</t></si>" for n in range(count))
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}">'
            f"{items}</sst>").encode()


def with_shared_strings(count: int, base: bytes | None = None) -> bytes:
    """A workbook whose shared strings table holds `count` strings, registered as Excel registers it."""
    source = zipfile.ZipFile(io.BytesIO(base or workbook_bytes()))
    types = source.read("[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml" /></Types>'))
    rels = source.read("xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml" /></Relationships>'))
    return rebuilt(replace={"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels},
                   add={STRINGS: shared_strings_xml(count)}, base=base)
