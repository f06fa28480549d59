"""The import page answers hostile uploads with a message next to the file input, in the page's language."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from mission_pages import corridor, mission, organiser, organiser_en  # noqa: F401  (fixtures)
from sqlalchemy import func, select
from web_helpers import field_error

from matcher.db import db
from matcher.models import Company
from matcher.services.xlsx_archive import MAX_SHARED_STRINGS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "missions"))
from hostile_workbooks import rebuilt, with_shared_strings  # noqa: E402

UNCLOSED = 'name,country,roles\r\nЛесмаш,BY,supplier\r\n"Кама,RU,buyer\r\nАтлант,BY,supplier\r\n'.encode()


def _upload(browser, mission_id, data: bytes, filename: str):
    url = f"/missions/{mission_id}/import"
    return browser.post(url, {"file": (io.BytesIO(data), filename), "mode": "all_or_nothing"}, page=url,
                        content_type="multipart/form-data")


def _companies() -> int:
    return db.session.scalar(select(func.count()).select_from(Company))


@pytest.mark.parametrize("data, filename, russian", [
    (with_shared_strings(MAX_SHARED_STRINGS + 1), "d.xlsx", "В XLSX больше 100\xa0000 текстов"),
    (rebuilt(add={"xl/media/pad.bin": b"\0" * (4 * 1024 * 1024)}), "d.xlsx", "допускается не больше чем в 100 раз"),
    (rebuilt(replace={"xl/workbook.xml": b"<workbook"}), "d.xlsx", "Этот файл не является ни таблицей CSV"),
    (UNCLOSED, "d.csv", "В строке 3 (линия 3) открыта кавычка"),
])
def test_a_hostile_upload_is_explained_in_russian_next_to_the_file_input(organiser, mission, data, filename, russian):
    before = _companies()
    response = _upload(organiser, mission["id"], data, filename)
    assert response.status_code == 422 and russian in field_error(response, "f-file")
    assert _companies() == before


def test_an_english_organiser_reads_the_limit_in_english(organiser_en, mission):
    response = _upload(organiser_en, mission["id"], with_shared_strings(MAX_SHARED_STRINGS + 1), "d.xlsx")
    assert response.status_code == 422
    assert "The XLSX holds more than 100,000 texts" in field_error(response, "f-file")
