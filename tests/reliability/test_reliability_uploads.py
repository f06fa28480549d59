"""Hostile delegation uploads against the live gunicorn: while several run at once, health answers,
other writes go through, every upload ends in a 200 or a 422 — no 5xx, no "database is locked"
(the `live` fixture fails the test if the server logs either)."""
from __future__ import annotations

import io
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from openpyxl import Workbook

from matcher.services.accounts import get_or_create_user
from matcher.services.missions import create_mission

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "missions"))
from hostile_workbooks import (  # noqa: E402
    SHEET, inline_row, rebuilt, sheet_xml, with_shared_strings,
)

from matcher.services.xlsx_archive import MAX_SHARED_STRINGS  # noqa: E402

HOSTILE = {
    "shared strings bomb": with_shared_strings(MAX_SHARED_STRINGS + 1),
    "packed 1,000×": rebuilt(add={"xl/media/pad.bin": b"\0" * (4 * 1024 * 1024)}),
    "rows to 1,048,576": rebuilt(replace={SHEET: sheet_xml(
        inline_row(1, ["name", "country"]) + inline_row(1_048_576, ["Amkodor", "BY"]), "A1:B1048576")}),
    "broken workbook.xml": rebuilt(replace={"xl/workbook.xml": b"<workbook><sheets"}),
    "unclosed CSV quote": 'name,country\r\nЛесмаш,BY\r\n"Кама,RU\r\nАтлант,BY\r\n'.encode(),
}


def _large_clean_workbook(rows: int = 2000) -> bytes:
    workbook = Workbook()
    workbook.active.append(["Название", "Страна", "Роли", "Предложение", "ТН ВЭД предложения"])
    for n in range(rows):
        workbook.active.append([f"Завод {n:05d}", "Беларусь", "поставщик", "Харвестеры", "8436 80"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _multipart(data: bytes, filename: str, fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def mission_id(app, bearer):
    from matcher.db import db

    headers = bearer("organizer", "org@reliability.example")
    mission = create_mission({"name": "Пермский форум", "company_ids": []},
                             get_or_create_user("org@reliability.example", "organizer"))
    db.session.commit()
    return mission["id"], headers


@pytest.mark.slow
def test_concurrent_hostile_and_large_uploads_never_block_health_or_other_writes(live, mission_id, bearer,
                                                                                  company_payload):
    mission, organizer = mission_id
    admin = bearer("admin")
    uploads = [(name, data, {}) for name, data in HOSTILE.items()]
    large = _large_clean_workbook()
    uploads += [(f"large dry run {n}", large, {"dry_run": "true"}) for n in range(3)]
    done = threading.Event()
    health: list[int] = []
    writes: list[int] = []

    def poll_health() -> None:
        browser = live.browser()
        while not done.is_set():
            health.append(browser.get("/api/v1/health").status)

    def write_companies() -> None:
        browser = live.browser()
        for n in range(5):
            answer = browser.json("POST", "/api/v1/companies", company_payload(name=f"Лесмаш {n}", tax_id=None),
                                  headers=admin)
            writes.append(answer.status)

    def upload(item) -> tuple[str, int, str]:
        name, data, fields = item
        body, content_type = _multipart(data, "d.csv" if name.endswith("quote") else "d.xlsx", fields)
        answer = live.browser().request("POST", f"/api/v1/missions/{mission}/import", body,
                                        {**organizer, "Content-Type": content_type})
        return name, answer.status, answer.text[:300]

    pollers = [threading.Thread(target=poll_health), threading.Thread(target=write_companies)]
    for thread in pollers:
        thread.start()
    with ThreadPoolExecutor(max_workers=len(uploads)) as pool:
        answers = list(pool.map(upload, uploads))
    done.set()
    for thread in pollers:
        thread.join(timeout=120)

    statuses = {name: status for name, status, _ in answers}
    assert all(statuses[name] == 422 for name in HOSTILE), answers
    assert all(status == 200 for name, status in statuses.items() if name.startswith("large")), answers
    assert health and set(health) == {200}
    assert writes == [201] * 5
