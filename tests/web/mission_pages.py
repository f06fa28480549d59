"""Fixtures the mission page tests share: signed-in organisers and company accounts, a small corridor
(Russian and English profiles) and a mission of it. Test modules import the fixtures they use by name."""
from __future__ import annotations

import re
from html import unescape

import pytest
from web_helpers import PASSWORD

from matcher.db import db
from matcher.services.accounts import get_or_create_user, set_password

SUPPLIERS = [
    ("Амкодор", "Amkodor", "BY-HM", "Харвестеры и форвардеры для лесозаготовки", ["843680"]),
    ("Гомсельмаш", "Gomselmash", "BY-HO", "Зерноуборочные и кормоуборочные комбайны", ["843351"]),
    ("СтанкоГомель", "StankoGomel", "BY-HO", "Токарные станки с ЧПУ", ["845811"]),
]
BUYERS = [
    ("Пермский лесокомбинат", None, "Харвестеры и форвардеры для лесозаготовки", ["843680"]),
    ("Prikamye Agroholding", "Prikamye Agroholding", "Combine harvesters for grain", ["843351"]),
    ("Perm Engine Works", "Perm Engine Works", "CNC lathes for the machining shop", ["845811"]),
]
SCHEDULE_FORM = {"slots": "4", "tables": "2", "slot_minutes": "20", "day": "2027-09-14", "time": "10:00",
                 "utc_offset": "+05:00", "max_meetings": "", "min_score": "40", "per_company": "10"}


def person(email: str, role: str):
    user = get_or_create_user(email, role)
    set_password(user, PASSWORD)
    db.session.commit()
    return user


def signed_in(new_web, email: str, role: str, language: str | None = None):
    person(email, role)
    browser = new_web(language)
    assert browser.log_in(email).status_code == 302
    return browser


def cells(response, css_class: str) -> list[str]:
    """Text of every element with this class (one level, no nesting), for order and content checks."""
    html = response.get_data(as_text=True)
    found = re.findall(rf'<(\w+)[^>]*class="[^"]*\b{re.escape(css_class)}\b[^"]*"[^>]*>(.*?)</\1>', html, re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", inner))).strip() for _, inner in found]


@pytest.fixture
def organiser(app, new_web):
    return signed_in(new_web, "org@example.org", "organizer")


@pytest.fixture
def organiser_en(app, new_web):
    return signed_in(new_web, "org@example.org", "organizer", language="en")


@pytest.fixture
def other_organiser(app, new_web):
    return signed_in(new_web, "other-org@example.org", "organizer")


@pytest.fixture
def corridor(app, company_payload):
    """Three suppliers and three buyers that pair off by product; Amkodor belongs to sales@amkodor.example.by."""
    from matcher.services.companies import create_company

    owner = person("sales@amkodor.example.by", "company")
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
    return suppliers, buyers


@pytest.fixture
def firm(new_web, corridor):
    """The company account of Amkodor, signed in."""
    browser = new_web()
    assert browser.log_in("sales@amkodor.example.by").status_code == 302
    return browser


@pytest.fixture
def mission(organiser, corridor):
    """The organiser's mission of the whole corridor (as the service returns it)."""
    from matcher.services.missions import create_mission

    suppliers, buyers = corridor
    return create_mission({"name": "Пермский форум: Беларусь — Прикамье", "city": "Пермь", "starts_on": "2027-09-14",
                           "ends_on": "2027-09-15", "company_ids": [c.id for c in suppliers + buyers]},
                          get_or_create_user("org@example.org", "organizer"))


@pytest.fixture
def scheduled(organiser, mission):
    """The mission with a schedule built through its page."""
    url = f"/missions/{mission['id']}/schedule"
    response = organiser.post(url, SCHEDULE_FORM, page=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return mission
