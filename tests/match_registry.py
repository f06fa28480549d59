"""A registry of a few dozen suppliers around one Perm buyer of forest machines, for match-list tests:
scores spread over the bands, ties, several countries, HS and NACE codes, and cooperation types that
move some matches up (a shared kind), some down (a mismatch) and leave others alone (none named)."""
from __future__ import annotations

import pytest

from matcher.db import db
from matcher.scoring import ranking

SUPPLIERS = 36
PRODUCTS = [
    ("Харвестеры и форвардеры для лесозаготовки", "Колёсные лесные машины, сервис в Пермском крае", "843680", "28.30"),
    ("Харвестерные головки", "Запасные части для лесозаготовительной техники", "843691", "28.30"),
    ("Forest harvesters", "Wheeled harvesters and forwarders for logging", "843680", "28.30"),
    ("Форвардеры", "Лесные машины для вывозки сортиментов", "843699", "28.30"),
    ("Гидроманипуляторы для лесовозов", "Краны-манипуляторы", "8426", "28.22"),
    ("Пилорамы ленточные", "Оборудование для распиловки леса", "846591", "28.49"),
]
PLACES = [("BY", "BY-MI", "Борисов"), ("BY", "BY-HO", "Гомель"), ("RU", "RU-PER", "Пермь"), ("RU", "RU-SVE", None)]
KINDS = [[], ["supply"], ["joint_venture"], ["supply", "distribution"], [], ["training"]]


def supplier_payload(n: int) -> dict:
    title, description, hs, nace = PRODUCTS[n % len(PRODUCTS)]
    country, region, city = PLACES[n % len(PLACES)]
    return {
        "name": f"Лесная техника № {n:02d}", "name_en": f"Forest machines No. {n:02d}", "country": country,
        "region": region, "city": city, "roles": ["supplier"], "languages": ["ru", "en"][: 1 + n % 2],
        "certifications": ["EAC"] if n % 3 else [], "description": description if n % 2 else "",
        "offers": [{"title": title, "description": description if n % 4 else "", "hs_codes": [hs] if n % 5 else [],
                    "nace_codes": [nace] if n % 3 else [], "cooperation_types": KINDS[n % len(KINDS)],
                    "annual_capacity_usd": 1_000_000 * (1 + n % 7)}],
    }


BUYER = {
    "name": "Пермский лесокомбинат", "name_en": "Perm Timber", "country": "RU", "region": "RU-PER", "city": "Пермь",
    "roles": ["buyer"], "languages": ["ru", "en"], "certifications": [], "offers": [],
    "description": "Лесозаготовка и деревообработка",
    "needs": [{"title": "Харвестеры и форвардеры для лесозаготовки", "description": "Колёсные лесные машины",
               "hs_codes": ["843680"], "cooperation_types": ["supply"], "annual_volume_usd": 5_000_000},
              {"title": "Пилорамы", "hs_codes": ["8465"], "annual_volume_usd": 1_000_000}],
}


def add_suppliers(count: int = SUPPLIERS) -> list[int]:
    """Store `count` suppliers (no owner: public); their ids."""
    from matcher.services.companies import create_company

    ids = [create_company(supplier_payload(n)).id for n in range(count)]
    db.session.commit()
    return ids


@pytest.fixture
def worded(monkeypatch) -> list[int]:
    """The partners whose matches the engine words (explain_match calls), in the order worded."""
    seen: list[int] = []
    real = ranking.explain_match

    def counting(*args, **kwargs):
        match = real(*args, **kwargs)
        seen.append(match.company_id)
        return match

    monkeypatch.setattr(ranking, "explain_match", counting)
    return seen
