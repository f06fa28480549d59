"""The projects contract (issue 15): buyers publish, suppliers propose, the owner shortlists, contacts follow."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

BUYER = {"name": "Пермский жилстрой", "country": "RU", "region": "RU-PER", "roles": ["buyer"],
         "email": "build@perm.example", "phone": "+7 342 200-00-01",
         "needs": [{"title": "Кирпич и блоки", "hs_codes": ["6901"]}]}
SUPPLIER = {"name": "Минский строительный трест", "country": "BY", "region": "BY-HM", "roles": ["supplier"],
            "email": "trust@minsk.example", "phone": "+375 17 200-00-02",
            "description": "Генеральный подряд: жилые дома, школы, промышленные здания",
            "offers": [{"title": "Строительство жилых домов под ключ", "nace_codes": ["41.20"],
                        "description": "Монолитные и панельные жилые дома, школы",
                        "cooperation_types": ["construction"]}]}
DAIRY = {"name": "Молочный комбинат", "country": "BY", "roles": ["supplier"],
         "offers": [{"title": "Сыры твёрдые", "hs_codes": ["040690"], "cooperation_types": ["supply"]}]}
HOUSING = {"title": "Жилой дом в Перми, 120 квартир", "description": "Пилотный проект: жилой дом под ключ",
           "sector": "construction", "region": "RU-PER", "budget_min_usd": 8_000_000, "budget_max_usd": 12_000_000,
           "nace_codes": ["41.20"], "cooperation_types": ["construction"],
           "document_links": ["https://perm.example/tender/housing.pdf"]}


@pytest.fixture
def buyer_token(client, token_for):
    headers = token_for("company", "buyer@perm.example")
    response = client.post("/api/v1/companies", json=BUYER, headers=headers)
    assert response.status_code == 201, response.get_json()
    return headers, response.get_json()["id"]


@pytest.fixture
def supplier_token(client, token_for):
    headers = token_for("company", "supplier@minsk.example")
    response = client.post("/api/v1/companies", json=SUPPLIER, headers=headers)
    assert response.status_code == 201, response.get_json()
    return headers, response.get_json()["id"]


def _publish(client, headers, **overrides):
    response = client.post("/api/v1/projects", json={**HOUSING, **overrides}, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response


def test_a_buyer_publishes_a_project_for_its_own_company(client, buyer_token):
    headers, buyer_id = buyer_token
    response = _publish(client, headers)
    body = response.get_json()
    assert response.headers["Location"] == f"/api/v1/projects/{body['id']}"
    assert response.headers["ETag"] == f'"project-{body["id"]}-v1"'
    assert body["owner_company_id"] == buyer_id and body["status"] == "open" and body["proposals"] == 0
    assert {k: body[k] for k in HOUSING} == HOUSING


def test_a_supplier_cannot_publish_a_project_nor_a_buyer_for_another_company(client, supplier_token, buyer_token,
                                                                            admin):
    headers, supplier_id = supplier_token
    response = client.post("/api/v1/projects", json=HOUSING, headers=headers)
    assert response.status_code == 403 and "buyer company" in response.get_json()["detail"]
    other = client.post("/api/v1/projects", json={**HOUSING, "owner_company_id": supplier_id}, headers=buyer_token[0])
    assert other.status_code == 403
    assert client.get("/api/v1/projects", headers=admin).get_json()["total"] == 0


def test_an_organiser_publishes_for_a_named_buyer_and_must_name_one(client, organizer, buyer_token, supplier_token):
    _, buyer_id = buyer_token
    missing = client.post("/api/v1/projects", json=HOUSING, headers=organizer)
    assert missing.status_code == 422 and "owner_company_id" in missing.get_json()["errors"]
    seller = client.post("/api/v1/projects", json={**HOUSING, "owner_company_id": supplier_token[1]}, headers=organizer)
    assert seller.status_code == 422 and "owner_company_id" in seller.get_json()["errors"]
    assert _publish(client, organizer, owner_company_id=buyer_id).get_json()["owner_company_id"] == buyer_id


@pytest.mark.parametrize("override, field", [
    ({"title": ""}, "title"), ({"sector": "mining"}, "sector"), ({"region": "RU-XXX"}, "region"),
    ({"budget_min_usd": 5, "budget_max_usd": 1}, "budget_min_usd"), ({"deadline": "31.12.2027"}, "deadline"),
    ({"cooperation_types": ["barter"]}, "cooperation_types.0"), ({"document_links": ["ftp://x"]}, "document_links.0"),
    ({"nace_codes": ["4x"]}, "nace_codes.0"), ({"colour": "red"}, "colour"),
])
def test_a_bad_project_field_is_a_422_naming_it_and_stores_nothing(client, buyer_token, admin, override, field):
    headers, _ = buyer_token
    response = client.post("/api/v1/projects", json={**HOUSING, **override}, headers=headers)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert client.get("/api/v1/projects", headers=admin).get_json()["total"] == 0


def test_only_the_owner_or_staff_change_a_project_and_if_match_guards_it(client, buyer_token, supplier_token, admin):
    headers, _ = buyer_token
    created = _publish(client, headers).get_json()
    url = f"/api/v1/projects/{created['id']}"
    assert client.patch(url, json={"title": "Чужой"}, headers=supplier_token[0]).status_code == 403
    stale = client.patch(url, json={"title": "x"}, headers={**headers, "If-Match": '"project-1-v9"'})
    assert stale.status_code == 412
    changed = client.patch(url, json={"budget_max_usd": 15_000_000}, headers=headers)
    assert changed.status_code == 200 and changed.get_json()["budget_max_usd"] == 15_000_000
    assert changed.get_json()["title"] == HOUSING["title"]
    assert client.delete(url, headers=supplier_token[0]).status_code == 403
    assert client.delete(url, headers=admin).status_code == 204
    assert client.get(url, headers=admin).status_code == 404


def test_a_project_past_its_deadline_reads_closed_and_takes_no_proposals(client, buyer_token, supplier_token):
    headers, _ = buyer_token
    past = (date.today() - timedelta(days=1)).isoformat()
    created = _publish(client, headers, deadline=past).get_json()
    assert created["status"] == "closed"
    assert client.get("/api/v1/projects?status=open", headers=headers).get_json()["total"] == 0
    assert client.get("/api/v1/projects?status=closed", headers=headers).get_json()["total"] == 1
    refused = client.post(f"/api/v1/projects/{created['id']}/interest", json={"proposal": "Готовы"},
                          headers=supplier_token[0])
    assert refused.status_code == 409


def test_projects_filter_by_cooperation_type_and_sector(client, buyer_token):
    headers, _ = buyer_token
    _publish(client, headers)
    _publish(client, headers, title="Учебный центр операторов ЧПУ", sector="machine_tools",
             cooperation_types=["training"], nace_codes=["85.32"])
    training = client.get("/api/v1/projects?cooperation=training", headers=headers).get_json()
    assert [p["title"] for p in training["items"]] == ["Учебный центр операторов ЧПУ"]
    assert client.get("/api/v1/projects?sector=construction", headers=headers).get_json()["total"] == 1
    assert client.get("/api/v1/projects?cooperation=barter", headers=headers).status_code == 400


def test_suggested_suppliers_come_with_reasons_naming_the_cooperation_type(client, buyer_token, admin):
    headers, _ = buyer_token
    client.post("/api/v1/companies", json=SUPPLIER, headers=admin)
    client.post("/api/v1/companies", json=DAIRY, headers=admin)
    project = _publish(client, headers).get_json()
    items = client.get(f"/api/v1/projects/{project['id']}/matches", headers=headers).get_json()["items"]
    assert items and items[0]["company"]["name"] == SUPPLIER["name"]
    reasons = {r["feature"]: r for r in items[0]["reasons"]}
    assert "construction services" in reasons["cooperation"]["detail"]
    assert round(sum(r["contribution"] for r in items[0]["reasons"]), 1) == items[0]["score"]
    assert all(i["company"]["name"] != DAIRY["name"] for i in items)


def test_a_proposal_and_a_shortlist_open_the_contacts_both_ways(client, buyer_token, supplier_token):
    (b_headers, buyer_id), (s_headers, supplier_id) = buyer_token, supplier_token
    project = _publish(client, b_headers).get_json()
    url = f"/api/v1/projects/{project['id']}/interest"
    first = client.post(url, json={"proposal": "Построим за 14 месяцев"}, headers=s_headers)
    assert first.status_code == 201 and first.get_json()["status"] == "submitted"
    again = client.post(url, json={"proposal": "Построим за 12 месяцев"}, headers=s_headers)
    assert again.status_code == 200 and again.get_json()["proposal"] == "Построим за 12 месяцев"
    assert "email" not in client.get(f"/api/v1/companies/{supplier_id}", headers=b_headers).get_json()
    assert client.post(url, json={"company_id": supplier_id, "status": "shortlisted"},
                       headers=s_headers).status_code == 403
    decided = client.post(url, json={"company_id": supplier_id, "status": "shortlisted"}, headers=b_headers)
    assert decided.status_code == 200 and decided.get_json()["status"] == "shortlisted"
    assert client.get(f"/api/v1/companies/{supplier_id}", headers=b_headers).get_json()["email"] == SUPPLIER["email"]
    assert client.get(f"/api/v1/companies/{buyer_id}", headers=s_headers).get_json()["email"] == BUYER["email"]


def test_the_owner_cannot_propose_for_its_own_project(client, token_for):
    headers = token_for("company", "both@perm.example")
    both = client.post("/api/v1/companies", json={**SUPPLIER, "roles": ["supplier", "buyer"], "name": "Оба"},
                       headers=headers).get_json()
    project = _publish(client, headers).get_json()
    response = client.post(f"/api/v1/projects/{project['id']}/interest", json={"proposal": "Сами"}, headers=headers)
    assert response.status_code == 422 and both["id"]


def test_projects_need_a_token(client):
    assert client.get("/api/v1/projects").status_code == 401
    assert client.get("/api/v1/stats").status_code == 401


def test_the_company_list_filters_by_kind_of_cooperation(client, admin):
    client.post("/api/v1/companies", json=SUPPLIER, headers=admin)
    client.post("/api/v1/companies", json=DAIRY, headers=admin)
    found = client.get("/api/v1/companies?cooperation=construction", headers=admin).get_json()
    assert [c["name"] for c in found["items"]] == [SUPPLIER["name"]]
    assert found["items"][0]["offers"][0]["cooperation_types"] == ["construction"]
    bad = client.get("/api/v1/companies?cooperation=barter", headers=admin)
    assert bad.status_code == 400 and "cooperation" in bad.get_json()["errors"]
