"""Through the API too, a self-signed-up company whose owner has not confirmed the address is private."""
from __future__ import annotations

import pytest

from matcher.db import db, utcnow
from matcher.models import User
from matcher.services.accounts import create_token, set_password

SUPPLIER = {
    "name": "Гомельский станкостроительный завод", "country": "BY", "region": "BY-HO", "roles": ["supplier"],
    "description": "Токарные и фрезерные станки с ЧПУ", "languages": ["ru"],
    "offers": [{"title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["845710"], "nace_codes": ["28.41"]}],
}
BUYER = {
    "name": "Пермский моторный завод", "country": "RU", "region": "RU-PER", "roles": ["buyer"], "languages": ["ru"],
    "needs": [{"title": "Обрабатывающие центры", "hs_codes": ["8457"]}],
}


@pytest.fixture
def unconfirmed(app):
    """A company user as sign-up leaves it (no confirmed address), with an API token."""
    user = User(email="sales@gomel-stanki.example.by", role="company")
    set_password(user, "correct-horse-42")
    db.session.add(user)
    db.session.flush()
    plain, _ = create_token(user, "tests")
    db.session.commit()
    return user, {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def supplier_and_buyer(client, unconfirmed, token_for):
    user, owner_headers = unconfirmed
    supplier = client.post("/api/v1/companies", json=SUPPLIER, headers=owner_headers)
    assert supplier.status_code == 201, supplier.get_json()
    buyer_headers = token_for("company", "buy@motor.example.ru")
    buyer = client.post("/api/v1/companies", json=BUYER, headers=buyer_headers)
    assert buyer.status_code == 201, buyer.get_json()
    return user, owner_headers, supplier.get_json()["id"], buyer_headers, buyer.get_json()["id"]


def _names(client, headers) -> list[str]:
    return [c["name"] for c in client.get("/api/v1/companies", headers=headers).get_json()["items"]]


def test_lists_reads_and_matches_of_others_leave_the_unconfirmed_company_out(client, supplier_and_buyer, admin):
    user, owner, supplier_id, buyer, buyer_id = supplier_and_buyer
    assert SUPPLIER["name"] not in _names(client, buyer)
    assert SUPPLIER["name"] not in _names(client, admin)
    missing = client.get(f"/api/v1/companies/{supplier_id}", headers=buyer)
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    partners = client.get(f"/api/v1/companies/{buyer_id}/matches", headers=buyer).get_json()["items"]
    assert supplier_id not in [p["company"]["id"] for p in partners]

    user.email_verified_at = utcnow()  # what the mailed link does
    db.session.commit()

    assert SUPPLIER["name"] in _names(client, buyer)
    assert client.get(f"/api/v1/companies/{supplier_id}", headers=buyer).status_code == 200
    partners = client.get(f"/api/v1/companies/{buyer_id}/matches", headers=buyer).get_json()["items"]
    assert supplier_id in [p["company"]["id"] for p in partners]


def test_the_owner_and_admins_still_read_the_unconfirmed_company(client, supplier_and_buyer, admin):
    _, owner, supplier_id, _, buyer_id = supplier_and_buyer
    assert SUPPLIER["name"] in _names(client, owner)
    assert client.get(f"/api/v1/companies/{supplier_id}", headers=owner).status_code == 200
    assert client.get(f"/api/v1/companies/{supplier_id}", headers=admin).status_code == 200
    partners = client.get(f"/api/v1/companies/{supplier_id}/matches", headers=owner).get_json()["items"]
    assert buyer_id in [p["company"]["id"] for p in partners]


def test_a_full_top_list_is_filled_past_private_companies(client, token_for, admin):
    """Private companies ranked above the others must not shorten a partner list below its limit."""
    buyer = client.post("/api/v1/companies", json=BUYER, headers=admin).get_json()["id"]
    for number in range(3):
        user = User(email=f"private{number}@stanki.example.by", role="company")
        db.session.add(user)
        db.session.flush()
        plain, _ = create_token(user)
        db.session.commit()
        assert client.post("/api/v1/companies", json=dict(SUPPLIER, name=f"Частный завод {number}"),
                           headers={"Authorization": f"Bearer {plain}"}).status_code == 201
    for number in range(3):
        weaker = dict(SUPPLIER, name=f"Открытый завод {number}", description="Станки",
                      offers=[{"title": "Станки с ЧПУ", "hs_codes": ["8457"]}])
        assert client.post("/api/v1/companies", json=weaker, headers=admin).status_code == 201
    items = client.get(f"/api/v1/companies/{buyer}/matches?limit=2", headers=admin).get_json()["items"]
    assert [i["company"]["name"].startswith("Открытый") for i in items] == [True, True]
