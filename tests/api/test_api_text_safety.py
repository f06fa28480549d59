"""Free text through the schema layer: NFC, no control/bidi/zero-width characters, 422 when nothing readable is left."""
from __future__ import annotations

import pytest
from api_data import PONSSE
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Company, Niche
from matcher.schemas.base import ONLY_INVISIBLE


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_hidden_characters_in_every_kind_of_company_text_are_stored_without_them(client, admin, company_payload):
    payload = company_payload(
        name="\x1b[2J\u202eАмкодор\u200b", name_en="Amko\u200ddor", city="Мин\u2066ск\u2069",
        certifications=["ISO\ufeff 9001"], website="https://amkodor.example.by/\u202egpj.exe",
        email="sales@amkodor.example.by\u200b", phone="+375\u2060 17 000-00-00",
        description="Первая строка\r\nвторая\tстрока\x07",
    )
    payload["offers"][0]["title"] = "Обрабатывающие\u00ad центры\u200b"
    payload["offers"][0]["description"] = "Два\nабзаца\u202c"
    response = client.post("/api/v1/companies", json=payload, headers=admin)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["name"], body["name_en"], body["city"]) == ("[2JАмкодор", "Amkodor", "Минск")
    assert body["certifications"] == ["ISO 9001"] and body["website"] == "https://amkodor.example.by/gpj.exe"
    assert (body["email"], body["phone"]) == ("sales@amkodor.example.by", "+375 17 000-00-00")
    assert body["description"] == "Первая строка\nвторая\tстрока"  # multi-line text keeps its lines
    assert body["offers"][0]["description"] == "Два\nабзаца"
    # U+00AD (soft hyphen) is a visible-when-wrapped character, not on the list: it is kept.
    assert body["offers"][0]["title"] == "Обрабатывающие\u00ad центры"
    assert db.session.get(Company, body["id"]).name == "[2JАмкодор"


def test_a_line_break_in_a_one_line_field_becomes_a_space(client, admin, company_payload):
    body = client.post("/api/v1/companies", json=company_payload(name="Амкодор\n\t Холдинг", city="Ми\tнск"),
                       headers=admin).get_json()
    assert (body["name"], body["city"]) == ("Амкодор Холдинг", "Ми нск")


def test_text_is_stored_in_nfc_so_the_same_name_is_the_same_bytes(client, admin, company_payload):
    body = client.post("/api/v1/companies", json=company_payload(name="Е\u0308лочка Cafe\u0301"),
                       headers=admin).get_json()
    assert body["name"] == "\u0401лочка Caf\u00e9" and len(body["name"]) == 11


@pytest.mark.parametrize("change, path", [
    ({"name": "\u202e\u200b\u2066"}, "name"),
    ({"city": "\x1b\x1b"}, "city"),
    ({"certifications": ["EAC", "\ufeff"]}, "certifications.1"),
])
def test_a_field_of_nothing_but_hidden_characters_is_a_422_naming_it_and_writes_nothing(
        client, admin, company_payload, change, path):
    response = client.post("/api/v1/companies", json=company_payload(**change), headers=admin)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][path] == [ONLY_INVISIBLE]
    assert _count(Company) == 0


def test_an_offer_title_of_only_hidden_characters_is_named_by_its_path(client, admin, company_payload):
    payload = company_payload()
    payload["offers"][0]["title"] = "\u200b\u200c"
    response = client.post("/api/v1/companies", json=payload, headers=admin)
    assert response.status_code == 422
    assert response.get_json()["errors"]["offers.0.title"] == [ONLY_INVISIBLE]


def test_nul_is_still_refused_as_nul_and_not_quietly_stripped(client, admin, company_payload):
    response = client.post("/api/v1/companies", json=company_payload(name="Амко\x00дор"), headers=admin)
    assert response.status_code == 422
    assert response.get_json()["errors"]["name"] == ["must not contain the NUL character"]
    only_nul = client.post("/api/v1/companies", json=company_payload(city="\x00"), headers=admin)
    assert only_nul.get_json()["errors"]["city"] == ["must not contain the NUL character"]


def test_a_patch_is_cleaned_the_same_way(client, admin, post_company):
    created = post_company()
    response = client.patch(f"/api/v1/companies/{created['id']}", json={"name": "Завод\u202e 2"},
                            headers={**admin, "If-Match": f'"company-{created["id"]}-v{created["version"]}"'})
    assert response.status_code == 200 and response.get_json()["name"] == "Завод 2"


def test_niches_are_cleaned_by_the_same_schema_layer(client, organizer):
    response = client.post("/api/v1/niches", json={**PONSSE, "departed_company": "Pon\u200bsse\u202e"},
                           headers=organizer)
    assert response.status_code == 201 and response.get_json()["departed_company"] == "Ponsse"
    blank = client.post("/api/v1/niches", json={**PONSSE, "title": "\u2060"}, headers=organizer)
    assert blank.status_code == 422 and "title" in blank.get_json()["errors"]
    assert _count(Niche) == 1
