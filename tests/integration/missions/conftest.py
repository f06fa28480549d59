"""Fixtures for trade missions: people with roles, and a small Belarus → Perm Krai corridor."""
from __future__ import annotations

import pytest

from matcher.db import db
from matcher.services.accounts import get_or_create_user


@pytest.fixture
def user(app):
    """Factory: a stored user with a role."""

    def build(email: str, role: str):
        person = get_or_create_user(email, role)
        db.session.commit()
        return person

    return build


@pytest.fixture
def organizer(user):
    return user("org@example.org", "organizer")


@pytest.fixture
def other_organizer(user):
    return user("other-org@example.org", "organizer")


@pytest.fixture
def admin(user):
    return user("admin@example.org", "admin")


SUPPLIERS = [
    ("Амкодор", "Amkodor", "BY-HM", "Лесозаготовительная техника: харвестеры и форвардеры",
     ["843680"], "Харвестеры, форвардеры и погрузчики для лесозаготовки"),
    ("Гомсельмаш", "Gomselmash", "BY-HO", "Кормоуборочные и зерноуборочные комбайны",
     ["843351", "843359"], "Комбайны для уборки зерна и кормов"),
    ("СтанкоГомель", "StankoGomel", "BY-HO", "Токарные и фрезерные станки с ЧПУ",
     ["845811", "8459"], "Станки для металлообработки с ЧПУ"),
    ("Ивацевичдрев", "Ivatsevichdrev", "BY-BR", "Плиты ДСП и МДФ для мебели",
     ["441011", "441112"], "Древесные плиты для мебельного производства"),
]
BUYERS = [
    ("Пермский лесокомбинат", "RU-PER", "Харвестеры и форвардеры для лесозаготовки", ["843680"]),
    ("Агрохолдинг Прикамье", "RU-PER", "Зерноуборочные комбайны", ["843351"]),
    ("Пермский моторный завод", "RU-PER", "Токарные станки с ЧПУ для цехов", ["845811"]),
    ("Мебельная фабрика Кама", "RU-PER", "Плиты ДСП для корпусной мебели", ["441011"]),
]


@pytest.fixture
def corridor(create_company):
    """Four Belarusian suppliers and four Perm buyers that pair off by product (ids in that order)."""
    suppliers = [
        create_company(name=name, name_en=name_en, region=region, offers=[
            {"title": title, "hs_codes": codes, "description": description}])
        for name, name_en, region, title, codes, description in SUPPLIERS
    ]
    buyers = [
        create_company(name=name, country="RU", region=region, city="Пермь", roles=["buyer"], offers=[],
                       needs=[{"title": title, "hs_codes": codes, "description": title}])
        for name, region, title, codes in BUYERS
    ]
    return suppliers, buyers


@pytest.fixture
def forestry_pair(create_company):
    """A second forestry supplier and a second forestry buyer, so forestry pairs compete."""
    supplier = create_company(name="Лесмаш", name_en="Lesmash", region="BY-MI", offers=[
        {"title": "Харвестеры и форвардеры для лесозаготовки", "hs_codes": ["843680"],
         "description": "Лесозаготовительная техника: харвестеры, форвардеры"}])
    buyer = create_company(name="Соликамский ЛПК", country="RU", region="RU-PER", roles=["buyer"], offers=[],
                           needs=[{"title": "Форвардеры для вывозки леса", "hs_codes": ["843680"],
                                   "description": "Форвардеры и харвестеры"}])
    return supplier, buyer


@pytest.fixture
def mission_of(organizer):
    """Factory: a mission of the given companies, organised by `organizer`."""
    from matcher.services.missions import create_mission

    def build(companies, **overrides):
        payload = {"name": "Пермский лесной форум", "city": "Пермь", "starts_on": "2027-09-14",
                   "ends_on": "2027-09-15", "company_ids": [c.id for c in companies]}
        payload.update(overrides)
        return create_mission(payload, organizer)

    return build
