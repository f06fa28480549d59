"""Hostile names and hostile uploads over the API: exports never carry a live formula, and a bomb, a
broken workbook or a stray CSV quote is a 422 problem naming what is wrong — never a 500."""
from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest
from mission_data import BASE, DAY, corridor, mission, people  # noqa: F401  (fixtures)
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Company
from matcher.services.xlsx_archive import MAX_SHARED_STRINGS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration" / "missions"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "missions"))
from hostile_workbooks import SHEET, rebuilt, with_shared_strings  # noqa: E402
from spreadsheet_checks import (  # noqa: E402
    HOSTILE_SUPPLIER, HOSTILE_SUPPLIER_EN, csv_rows, live_formulas_in_csv, live_formulas_in_xlsx, workbook_cells,
)


def _upload(client, mission_id, headers, data: bytes, filename="d.xlsx"):
    return client.post(f"{BASE}/{mission_id}/import", headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), filename)})


def _companies() -> int:
    return db.session.scalar(select(func.count()).select_from(Company))


def test_a_name_patched_into_a_formula_reaches_every_export_as_text(client, people, mission, corridor):
    amkodor = corridor[0][0]
    url = f"/api/v1/companies/{amkodor.id}"
    etag = client.get(url, headers=people["firm"]).headers["ETag"]
    patched = client.patch(url, json={"name": HOSTILE_SUPPLIER, "name_en": HOSTILE_SUPPLIER_EN},
                           headers={**people["firm"], "If-Match": etag})
    assert patched.status_code == 200, patched.get_json()
    assert client.post(f"{BASE}/{mission['id']}/schedule", json=DAY, headers=people["organizer"]).status_code == 200
    for lang, name in (("ru", HOSTILE_SUPPLIER), ("en", HOSTILE_SUPPLIER_EN)):
        listing = client.get(f"{BASE}/{mission['id']}/match-list?format=xlsx&min_score=0&lang={lang}",
                             headers=people["organizer"]).get_data()
        assert live_formulas_in_xlsx(listing) == [] and f"'{name}" in [c.value for c in workbook_cells(listing)]
        text = client.get(f"{BASE}/{mission['id']}/match-list?format=csv&min_score=0&lang={lang}",
                          headers=people["organizer"]).get_data()
        assert live_formulas_in_csv(text) == [] and f"'{name}" in [row[1] for row in csv_rows(text)]
        schedule = client.get(f"{BASE}/{mission['id']}/schedule.xlsx?lang={lang}", headers=people["organizer"])
        assert schedule.status_code == 200 and live_formulas_in_xlsx(schedule.get_data()) == []


def test_a_shared_strings_bomb_is_a_422_problem_naming_the_limit(client, people, mission):
    before = _companies()
    response = _upload(client, mission["id"], people["organizer"], with_shared_strings(MAX_SHARED_STRINGS + 1))
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert "at most 100,000 are accepted" in response.get_json()["errors"]["file"][0]
    assert _companies() == before


@pytest.mark.parametrize("data", [
    rebuilt(replace={"xl/workbook.xml": b"<workbook><sheets"}),
    rebuilt(replace={SHEET: b"<worksheet><sheetData><row r='1'><c r='A1' t='n'><v>1"}),
    rebuilt(replace={"xl/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><styleSheet/>'}),
    b"PK\x03\x04 not really a zip",
])
def test_a_malformed_workbook_is_a_422_problem_not_a_500(client, people, mission, data):
    response = _upload(client, mission["id"], people["organizer"], data)
    assert response.status_code == 422 and "file" in response.get_json()["errors"], response.get_json()


def test_a_csv_quote_left_open_is_a_422_naming_the_row_where_it_opened(client, people, mission):
    data = 'name,country,roles\r\nЛесмаш,BY,supplier\r\n"Кама,RU,buyer\r\nАтлант,BY,supplier\r\n'.encode()
    response = _upload(client, mission["id"], people["organizer"], data, "d.csv")
    assert response.status_code == 422
    assert "row 3 (line 3)" in response.get_json()["errors"]["file"][0]


def _other_writer_gets_the_lock() -> str:
    """On SQLite: whether a connection of its own (another worker) can take the write lock right now."""
    other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return "got the lock"
    except sqlite3.OperationalError as exc:
        return str(exc)
    finally:
        other.close()


@pytest.mark.parametrize("idempotency_key", [None, "import-once-1"])
def test_the_upload_is_parsed_and_checked_while_the_database_is_free_for_other_writers(
        client, people, mission, monkeypatch, idempotency_key):
    from matcher.services import delegation_import

    sqlite = db.engine.dialect.name == "sqlite"
    if idempotency_key and not sqlite:
        pytest.skip("PostgreSQL keeps the key row in the request's transaction by design; it locks no one else")
    seen = {}
    real_read, real_recognise = delegation_import.read_delegation_file, delegation_import._recognise

    def read_and_look(data, filename):
        seen["parsing in a transaction"] = db.session().in_transaction()
        if sqlite:
            seen["while parsing"] = _other_writer_gets_the_lock()
        return real_read(data, filename)

    def recognise_and_look(rows):
        if sqlite:
            seen["while checking"] = _other_writer_gets_the_lock()
        return real_recognise(rows)

    monkeypatch.setattr(delegation_import, "read_delegation_file", read_and_look)
    monkeypatch.setattr(delegation_import, "_recognise", recognise_and_look)
    headers = {**people["organizer"], **({"Idempotency-Key": idempotency_key} if idempotency_key else {})}
    data = "name,country,roles\r\nЛесмаш,BY,supplier\r\n".encode()
    response = _upload(client, mission["id"], headers, data, "d.csv")
    assert response.status_code == 200, response.get_json()
    assert seen["parsing in a transaction"] is False
    if sqlite:
        assert seen["while parsing"] == seen["while checking"] == "got the lock"
    if idempotency_key:  # the key still holds the answer, stored with the work it answers
        from matcher.models import IdempotentRequest

        stored = db.session.scalar(select(IdempotentRequest).where(IdempotentRequest.key == idempotency_key))
        assert stored is not None and stored.status_code == 200
