"""/api/v1/missions per the contract: create, list, read, change and delete missions; who may do what."""
from __future__ import annotations

import pytest
from mission_data import BASE, corridor, mission, people  # noqa: F401  (fixtures)
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Mission


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Mission))


def test_creating_a_mission_answers_201_with_location_etag_and_the_stored_mission(client, people, corridor):
    suppliers, buyers = corridor
    body = {"name": "Belarus delegation, Perm forestry forum", "city": "Пермь", "starts_on": "2027-09-14",
            "ends_on": "2027-09-15", "company_ids": [suppliers[0].id, buyers[0].id, buyers[1].id]}
    response = client.post(BASE, json=body, headers=people["organizer"])
    assert response.status_code == 201
    created = response.get_json()
    assert response.headers["Location"].endswith(f"{BASE}/{created['id']}")
    assert response.headers["ETag"] == f'"mission-{created["id"]}-v{created["version"]}"'
    assert {k: created[k] for k in body} == body
    assert [p["company"]["name"] for p in created["participants"]] == ["Амкодор", "Пермский лесокомбинат",
                                                                       "Prikamye Agroholding"]
    assert "Пермь" in response.get_data(as_text=True)  # Cyrillic as is, not \u-escaped
    again = client.get(response.headers["Location"], headers=people["organizer"])
    assert again.status_code == 200 and again.get_json() == created


def test_a_retried_create_with_the_same_idempotency_key_creates_one_mission(client, people, corridor):
    headers = {**people["organizer"], "Idempotency-Key": "mission-2027-perm"}
    body = {"name": "Пермский лесной форум", "company_ids": [corridor[0][0].id]}
    first = client.post(BASE, json=body, headers=headers)
    second = client.post(BASE, json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.get_json()["id"] == first.get_json()["id"] and second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["ETag"] == first.headers["ETag"] and _count() == 1


@pytest.mark.parametrize("change, path, fragment", [
    ({"name": ""}, "name", "Length"),
    ({"name": None}, "name", "null"),
    ({"starts_on": "2027-09-15", "ends_on": "2027-09-14"}, "ends_on", "cannot end"),
    ({"starts_on": "14.09.2027"}, "starts_on", "Not a valid date"),
    ({"company_ids": [1, "два"]}, "company_ids.1", "Not a valid integer"),
    ({"company_ids": [999_999]}, "company_ids.0", "no company with id 999999"),
    ({"hs_prefixes": ["8436", "7700"]}, "hs_prefixes.1", "does not exist"),
    ({"nace_prefixes": ["28.3x"]}, "nace_prefixes.0", "NACE"),
    ({"participants": [{"company_id": 1, "available_slots": [0]}]}, "participants.0.available_slots.0", "greater"),
    ({"colour": "red"}, "colour", "Unknown field"),
])
def test_bad_missions_are_refused_with_problem_json_naming_the_field(client, people, corridor, change, path, fragment):
    body = {"name": "Миссия", "company_ids": [corridor[0][0].id], **change}
    response = client.post(BASE, json=body, headers=people["organizer"])
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert path in problem["errors"] and any(fragment in m for m in problem["errors"][path]), problem
    assert path in problem["detail"] and _count() == 0


@pytest.mark.parametrize("raw, content_type, status", [
    ('{"name": "Миссия",'.encode(), "application/json", 400),
    (b'["name"]', "application/json", 422),
    ("name=Миссия".encode(), "application/x-www-form-urlencoded", 415),
])
def test_malformed_bodies_get_a_4xx_problem_never_a_500(client, people, raw, content_type, status):
    response = client.post(BASE, data=raw, content_type=content_type, headers=people["organizer"])
    assert response.status_code == status and response.mimetype == "application/problem+json"


def test_company_accounts_cannot_create_missions(client, people, corridor):
    response = client.post(BASE, json={"name": "Своя миссия"}, headers=people["firm"])
    assert response.status_code == 403 and "organizer" in response.get_json()["detail"]


def test_the_list_is_paginated_and_a_company_sees_only_missions_of_its_company(client, people, corridor, mission):
    client.post(BASE, json={"name": "Минский форум", "starts_on": "2027-06-01"}, headers=people["other_organizer"])
    client.post(BASE, json={"name": "Без дат"}, headers=people["admin"])
    page = client.get(f"{BASE}?per_page=2", headers=people["organizer"]).get_json()
    assert (page["total"], page["page"], page["per_page"]) == (3, 1, 2)
    assert [m["name"] for m in page["items"]] == ["Минский форум", mission["name"]]  # soonest first
    assert [m["name"] for m in client.get(f"{BASE}?page=2&per_page=2", headers=people["organizer"])
            .get_json()["items"]] == ["Без дат"]
    firm = client.get(BASE, headers=people["firm"]).get_json()
    assert [m["id"] for m in firm["items"]] == [mission["id"]] and firm["total"] == 1
    assert client.get(BASE, headers=people["outsider"]).get_json()["total"] == 0


@pytest.mark.parametrize("query", ["per_page=0", "per_page=201", "page=0", "page=x"])
def test_bad_pages_are_a_400_naming_the_parameter(client, people, query):
    response = client.get(f"{BASE}?{query}", headers=people["organizer"])
    assert response.status_code == 400 and set(response.get_json()["errors"]) == {query.split("=")[0]}


def test_a_company_reads_its_own_mission_but_another_companys_is_a_404(client, people, mission):
    assert client.get(f"{BASE}/{mission['id']}", headers=people["firm"]).status_code == 200
    hidden = client.get(f"{BASE}/{mission['id']}", headers=people["outsider"])
    assert hidden.status_code == 404 and hidden.mimetype == "application/problem+json"
    assert client.get(f"{BASE}/{mission['id']}", headers=people["other_organizer"]).status_code == 200
    assert client.get(f"{BASE}/{mission['id'] + 1000}", headers=people["admin"]).status_code == 404


def test_patch_with_the_current_etag_changes_the_mission_and_a_stale_one_is_a_412(client, people, mission, corridor):
    url = f"{BASE}/{mission['id']}"
    etag = client.get(url, headers=people["organizer"]).headers["ETag"]
    suppliers, buyers = corridor
    changed = client.patch(url, json={"city": "Березники", "company_ids": [suppliers[0].id, buyers[0].id]},
                           headers={**people["organizer"], "If-Match": etag})
    assert changed.status_code == 200
    assert changed.get_json()["city"] == "Березники" and changed.get_json()["company_ids"] == [suppliers[0].id,
                                                                                                buyers[0].id]
    assert changed.headers["ETag"] != etag and changed.get_json()["name"] == mission["name"]
    stale = client.patch(url, json={"city": "Пермь"}, headers={**people["organizer"], "If-Match": etag})
    assert stale.status_code == 412 and stale.headers["ETag"] == changed.headers["ETag"]
    assert client.get(url, headers=people["organizer"]).get_json()["city"] == "Березники"


def test_patch_revalidates_the_whole_mission_and_names_the_field(client, people, mission):
    response = client.patch(f"{BASE}/{mission['id']}", json={"ends_on": "2027-09-01"}, headers=people["organizer"])
    assert response.status_code == 422 and "ends_on" in response.get_json()["errors"]


def test_only_the_missions_own_organiser_or_an_admin_changes_or_deletes_it(client, people, mission):
    url = f"{BASE}/{mission['id']}"
    for who in ("other_organizer", "firm"):
        assert client.patch(url, json={"city": "Соликамск"}, headers=people[who]).status_code == 403
        assert client.delete(url, headers=people[who]).status_code == 403
    assert client.patch(url, json={"city": "Соликамск"}, headers=people["admin"]).status_code == 200


def test_delete_honours_if_match_then_the_mission_is_gone(client, people, mission):
    url = f"{BASE}/{mission['id']}"
    assert client.delete(url, headers={**people["organizer"], "If-Match": '"mission-1-v999"'}).status_code == 412
    current = client.get(url, headers=people["organizer"]).headers["ETag"]
    assert client.delete(url, headers={**people["organizer"], "If-Match": current}).status_code == 204
    assert client.get(url, headers=people["organizer"]).status_code == 404 and _count() == 0


def test_the_openapi_document_describes_every_mission_operation_with_role_named_schemas(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    assert {"Mission", "MissionCreate", "MissionUpdate", "MissionPage", "MissionMatchList", "ScheduleRequest",
            "Schedule", "Meeting", "MeetingUpdate", "Agenda", "DelegationUpload", "DelegationReport"} <= set(schemas)
    assert "required" not in schemas["MissionUpdate"]
    assert schemas["ScheduleRequest"]["properties"]["time_limit_s"]["maximum"] == 30
    paths = document["paths"]
    assert list(paths[f"{BASE}/{{mission_id}}/import"]["post"]["requestBody"]["content"]) == ["multipart/form-data"]
    listing = paths[f"{BASE}/{{mission_id}}/match-list"]["get"]
    assert set(listing["responses"]["200"]["content"]) == {
        "application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    assert {p["name"] for p in listing["parameters"]} >= {"min_score", "per_company", "format", "lang"}
    assert "Location" in paths[BASE]["post"]["responses"]["201"]["headers"]
    assert any(p["name"] == "If-Match" for p in paths[f"{BASE}/{{mission_id}}"]["patch"]["parameters"])
