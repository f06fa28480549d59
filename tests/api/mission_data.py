"""Fixtures and helpers the trade-mission API tests share: people with tokens, a small corridor
written partly in Russian and partly in English, and readers for the files the API hands out.

Test modules import the fixtures they use by name (pytest registers them from the module)."""
from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from matcher.db import db
from matcher.services.accounts import create_token, get_or_create_user

BASE = "/api/v1/missions"
DAY = {"slots": 4, "tables": 2, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 2}

# (name, name_en, region, offer title, HS codes) — Belarusian suppliers, written in Russian.
SUPPLIERS = [
    ("Амкодор", "Amkodor", "BY-HM", "Харвестеры и форвардеры для лесозаготовки", ["843680"]),
    ("Гомсельмаш", "Gomselmash", "BY-HO", "Зерноуборочные и кормоуборочные комбайны", ["843351", "843359"]),
    ("СтанкоГомель", "StankoGomel", "BY-HO", "Токарные станки с ЧПУ", ["845811"]),
]
# (name, name_en, need title, HS codes) — Perm buyers, the first in Russian, the others in English.
BUYERS = [
    ("Пермский лесокомбинат", None, "Харвестеры и форвардеры для лесозаготовки", ["843680"]),
    ("Prikamye Agroholding", "Prikamye Agroholding", "Combine harvesters for grain", ["843351"]),
    ("Perm Engine Works", "Perm Engine Works", "CNC lathes for the machining shop", ["845811"]),
]


def read_calendar(data: bytes):
    """The strict RFC 5545 reader of the service tests (tests/integration/missions/ics_reader.py)."""
    path = Path(__file__).resolve().parents[1] / "integration" / "missions" / "ics_reader.py"
    spec = importlib.util.spec_from_file_location("mission_ics_reader", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.read_calendar(data)


def read_csv(response) -> list[list[str]]:
    """A CSV answer as rows; the Russian file is «;»-separated, the English one «,», both with a BOM."""
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM, so that Excel reads the Cyrillic"
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def read_sheets(response) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(response.get_data()))
    return {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}


def bearer(email: str, role: str) -> dict:
    plain, _ = create_token(get_or_create_user(email, role), "tests")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def people(app):
    """Bearer headers: the mission's organiser, another organiser, an admin, and two company accounts."""
    return {"organizer": bearer("org@example.org", "organizer"),
            "other_organizer": bearer("other-org@example.org", "organizer"),
            "admin": bearer("admin@example.org", "admin"),
            "firm": bearer("sales@amkodor.example.by", "company"),
            "outsider": bearer("buy@elsewhere.example.ru", "company")}


@pytest.fixture
def corridor(people, company_payload):
    """Three suppliers and three buyers that pair off by product; Amkodor belongs to the «firm» account,
    and a Urals buyer outside every mission to the «outsider» account."""
    from matcher.services.companies import create_company

    owner = get_or_create_user("sales@amkodor.example.by", "company")
    outsider = get_or_create_user("buy@elsewhere.example.ru", "company")
    suppliers = [
        create_company(company_payload(name=name, name_en=name_en, region=region, description=title,
                                       email=f"sales@{name_en.lower()}.example.by",
                                       offers=[{"title": title, "description": title, "hs_codes": codes}]),
                       owner=owner if position == 0 else None)
        for position, (name, name_en, region, title, codes) in enumerate(SUPPLIERS)
    ]
    buyers = [
        create_company(company_payload(name=name, name_en=name_en, country="RU", region="RU-PER", city="Пермь",
                                       description=title, roles=["buyer"], offers=[], languages=["ru", "en"],
                                       needs=[{"title": title, "description": title, "hs_codes": codes}]))
        for name, name_en, title, codes in BUYERS
    ]
    create_company(company_payload(name="Уральский лесхоз", country="RU", region="RU-SVE", roles=["buyer"], offers=[],
                                   needs=[{"title": "Форвардеры", "hs_codes": ["843680"]}]), owner=outsider)
    return suppliers, buyers


@pytest.fixture
def mission(client, people, corridor):
    """The organiser's mission of the whole corridor, as the API answered its creation."""
    suppliers, buyers = corridor
    response = client.post(BASE, headers=people["organizer"], json={
        "name": "Пермский форум: Беларусь — Прикамье", "city": "Пермь", "starts_on": "2027-09-14",
        "ends_on": "2027-09-15", "company_ids": [c.id for c in suppliers + buyers]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()
