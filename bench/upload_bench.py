"""Hostile delegation uploads against a normal one (not a test): how long reading or refusing each
takes, as a ratio to reading a clean 5,000-row workbook, and the peak memory of each, each case in a
fresh process.

    .venv/bin/python bench/upload_bench.py

The cases are the ones issue 10 measured (5 M shared strings in an 18 KB file: 79 s and 1 GB;
2 M blank rows: 138 s) and the largest files the limits still let through to openpyxl.
"""
from __future__ import annotations

import multiprocessing
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "missions")]

from hostile_workbooks import (  # noqa: E402
    MAIN_NS, SHEET, inline_row, rebuilt, sheet_xml, with_shared_strings, workbook_bytes,
)

from matcher.services import xlsx_archive  # noqa: E402
from matcher.services.delegation_files import MAX_BYTES, MAX_ROWS, MAX_SHEET_ROWS  # noqa: E402

HEADER = ["Название", "Страна", "Регион", "Роли", "УНП / ИНН", "Предложение", "ТН ВЭД предложения", "Описание"]


def clean_workbook() -> bytes:
    rng = random.Random(1)
    rows = [HEADER] + [[f"Завод {n} «{rng.randrange(10**6)}»", "Беларусь", "Минская область", "поставщик",
                        str(100_000_000 + n), "Харвестеры и форвардеры", "8436 80",
                        " ".join(str(rng.randrange(10**5)) for _ in range(12))] for n in range(MAX_ROWS)]
    return workbook_bytes(rows)


def deflated(parts: dict[str, bytes]) -> bytes:
    """A clean workbook with `parts` replaced, deflated as Excel packs them."""
    return rebuilt(replace=parts)


def cases() -> dict[str, bytes]:
    header = inline_row(1, ["name", "country"])
    blank_2m = header + "<row/>" * 2_000_000
    blank_numbered = header + "".join(f'<row r="{n}"/>' for n in range(2, 700_000))
    return {
        "clean 5,000-row workbook (baseline)": clean_workbook(),
        "5 M shared strings (the issue's bomb)": with_shared_strings_fast(5_000_000),
        "2 M blank rows (the issue's bomb)": deflated({SHEET: sheet_xml(blank_2m, "A1:B2000001")}),
        "700,000 numbered blank rows (under every archive limit)": deflated({SHEET: sheet_xml(
            blank_numbered, "A1:B700000")}),
        "rows jumping to row 1,048,576": deflated({SHEET: sheet_xml(
            header + inline_row(1_048_576, ["Amkodor", "BY"]), "A1:B1048576")}),
        f"{xlsx_archive.MAX_SHARED_STRINGS - 1:,} shared strings (just under the limit)":
            with_shared_strings(xlsx_archive.MAX_SHARED_STRINGS - 1),
        "densest sheet a 2 MB upload passes (random cells)": densest_sheet(),
    }


def densest_sheet() -> bytes:
    """A header, then rows of 80 numbered cells up to the row limit or until the upload nears 2 MB:
    about the most cells the checks let openpyxl parse."""
    rng = random.Random(2)
    rows = [inline_row(1, ["name", "country"])]
    for number in range(2, MAX_SHEET_ROWS + 1):
        rows.append(f'<row r="{number}">' + "".join(
            f'<c r="{_column(c)}{number}"><v>{rng.randrange(1000)}</v></c>' for c in range(80)) + "</row>")
        if number % 500 == 0 and len(_densest(rows)) > MAX_BYTES - 100_000:
            rows = rows[:-500]
            break
    return _densest(rows)


def _densest(rows: list[str]) -> bytes:
    xml = f'<worksheet xmlns="{MAIN_NS}"><sheetData>{"".join(rows)}</sheetData></worksheet>'
    return deflated({SHEET: xml.encode()})


def with_shared_strings_fast(count: int) -> bytes:
    """The issue's bomb: `count` empty strings, packed tight."""
    return rebuilt(add={"xl/sharedStrings.xml": f'<sst xmlns="{MAIN_NS}">'.encode() + b"<si><t/></si>" * count
                        + b"</sst>"})


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _run(data: bytes, queue) -> None:
    from matcher.errors import ValidationFailed
    from matcher.services.delegation_files import read_delegation_file

    started = time.perf_counter()
    try:
        sheet = read_delegation_file(data, "d.xlsx")
        outcome = f"read {len(sheet.rows):,} rows"
    except ValidationFailed as exc:
        outcome = f"422 {getattr(exc, 'code', None) or exc.detail[:40]}"
    queue.put((time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, outcome))


def measure(data: bytes) -> tuple[float, float, str]:
    queue = multiprocessing.get_context("fork").Queue()
    process = multiprocessing.get_context("fork").Process(target=_run, args=(data, queue))
    process.start()
    result = queue.get(timeout=600)
    process.join()
    return result


def main() -> None:
    baseline = None
    print(f"{'case':58} {'upload':>9} {'seconds':>8} {'× clean':>8} {'peak RSS':>9}  outcome")
    for name, data in cases().items():
        seconds, rss_mb, outcome = measure(data)
        baseline = baseline or seconds
        flag = "" if len(data) <= MAX_BYTES else " (over the 2 MB upload cap)"
        print(f"{name:58} {len(data) / 1024:>7.0f}KB {seconds:>8.2f} {seconds / baseline:>8.2f} {rss_mb:>7.0f}MB  "
              f"{outcome}{flag}")


if __name__ == "__main__":
    main()
