"""The web import report lists codes proposed for rows without codes, in the page's language, marked as proposals."""
from __future__ import annotations

import io

from mission_pages import corridor, mission, organiser, organiser_en  # noqa: F401  (fixtures)
from sqlalchemy import select
from web_helpers import text_of

from matcher.db import db
from matcher.models import Company

HEADER = "Название;Страна;Роли;Предложение;Описание предложения;ТН ВЭД предложения\r\n"
UNCODED = "Лесмаш;Беларусь;поставщик;Харвестеры;Колёсные харвестеры для сплошных рубок;\r\n"


def _dry_run(browser, mission_id: int):
    url = f"/missions/{mission_id}/import"
    return browser.post(url, {"file": (io.BytesIO((HEADER + UNCODED).encode()), "делегация.csv"),
                              "mode": "all_or_nothing", "dry_run": "1"}, page=url, content_type="multipart/form-data")


def test_the_report_proposes_codes_for_a_row_without_codes_and_says_they_are_not_saved(organiser, mission):
    response = _dry_run(organiser, mission["id"])
    assert response.status_code == 200
    page = text_of(response)
    assert "Предложенные коды для строк без кодов (1)" in page
    assert "не сохраняются как коды компаний" in page
    assert "Строка 2:" in page and "«Харвестеры»" in page and "8436" in page
    assert db.session.scalar(select(Company).where(Company.name == "Лесмаш")) is None


def test_an_english_page_shows_the_proposals_with_english_labels(organiser_en, mission):
    page = text_of(_dry_run(organiser_en, mission["id"]))
    assert "Proposed codes for rows without codes (1)" in page
    assert "Machinery" in page or "machines" in page.lower()
