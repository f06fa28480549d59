"""A delegation row without codes gets codes proposed by the classifier in the import report, never stored."""
from __future__ import annotations

import io

from mission_data import BASE, corridor, mission, people  # noqa: F401  (fixtures)
from sqlalchemy import select

from matcher.db import db
from matcher.models import Company

HEADER = ["Название", "Страна", "Роли", "Предложение", "Описание предложения", "ТН ВЭД предложения"]
UNCODED = ["Лесмаш", "Беларусь", "поставщик", "Харвестеры", "Колёсные харвестеры для сплошных рубок", ""]
CODED = ["Станкомаш", "Беларусь", "поставщик", "Токарные станки", "", "845811"]


def _upload(client, mission_id, headers, rows, **fields):
    data = ("\r\n".join(";".join(row) for row in rows) + "\r\n").encode("utf-8")
    return client.post(f"{BASE}/{mission_id}/import", headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), "делегация.csv"), **fields})


def test_a_row_without_codes_gets_proposed_codes_with_their_words_and_keeps_none_in_its_profile(
        client, people, mission):
    response = _upload(client, mission["id"], people["organizer"], [HEADER, UNCODED, CODED])
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert [(p["row"], p["name"], p["item"]) for p in report["proposed_codes"]] == [(2, "Лесмаш", "offer")]
    best = next(code for code in report["proposed_codes"][0]["codes"] if code["scheme"] == "hs")
    assert best["code"].startswith("8436")
    assert any("харвестер" in word.lower() for word in best["evidence"])
    assert best["label_ru"] and best["label_en"] and best["label_ru"] != best["label_en"]
    stored = db.session.scalar(select(Company).where(Company.name == "Лесмаш"))
    assert stored.offers[0].hs_codes == [] and stored.offers[0].nace_codes == []
    coded = db.session.scalar(select(Company).where(Company.name == "Станкомаш"))
    assert coded.offers[0].hs_codes == ["845811"]


def test_a_dry_run_shows_the_proposals_before_anything_is_written(client, people, mission):
    report = _upload(client, mission["id"], people["organizer"], [HEADER, UNCODED], dry_run="true").get_json()
    assert report["dry_run"] and [p["row"] for p in report["proposed_codes"]] == [2]
    assert db.session.scalar(select(Company).where(Company.name == "Лесмаш")) is None


def test_a_known_company_in_the_file_gets_no_proposals_its_profile_is_not_rewritten(client, people, mission):
    known = ["Амкодор", "Беларусь", "поставщик", "Форвардеры", "", ""]
    report = _upload(client, mission["id"], people["organizer"], [HEADER, known]).get_json()
    assert [r["row"] for r in report["recognised"]] == [2] and report["proposed_codes"] == []
