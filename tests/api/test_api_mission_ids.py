"""Ids in mission bodies are bounded before any query: past 2³¹−1 (or below 1) a 422 names the position, on
SQLite (which overflows at 2⁶³) and PostgreSQL (whose integer ends at 2³¹−1) alike, and nothing is written."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import Mission

OUT_OF_RANGE = [9223372036854775808, 2**63 - 1, 2**31, 0, -1, -(2**63) - 1]


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    return response.get_json()


def _missions() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(Mission))


@pytest.mark.parametrize("company_id", OUT_OF_RANGE)
def test_a_company_id_no_row_can_have_is_a_422_naming_its_position_and_no_mission_is_created(
        client, admin, company_id):
    response = client.post("/api/v1/missions", headers=admin, json={"name": "Форум", "company_ids": [company_id]})
    assert set(_problem(response, 422)["errors"]) == {"company_ids.0"}
    assert _missions() == 0


@pytest.mark.parametrize("company_id", OUT_OF_RANGE)
def test_a_participant_id_no_row_can_have_is_a_422_naming_it(client, admin, company_id):
    response = client.post("/api/v1/missions", headers=admin,
                           json={"name": "Форум", "participants": [{"company_id": company_id}]})
    assert set(_problem(response, 422)["errors"]) == {"participants.0.company_id"}
    assert _missions() == 0


@pytest.mark.parametrize("body, field", [
    ({"company_ids": [9223372036854775808]}, "company_ids.0"),
    ({"company_ids": [1, 2**31]}, "company_ids.1"),
    ({"participants": [{"company_id": 2**40}]}, "participants.0.company_id"),
])
def test_patching_a_mission_with_an_id_no_row_can_have_is_a_422_and_the_mission_is_unchanged(
        client, admin, body, field):
    created = client.post("/api/v1/missions", headers=admin, json={"name": "Форум"})
    mission, etag = created.get_json(), created.headers["ETag"]
    response = client.patch(f"/api/v1/missions/{mission['id']}", headers={**admin, "If-Match": etag}, json=body)
    assert field in _problem(response, 422)["errors"]
    after = client.get(f"/api/v1/missions/{mission['id']}", headers=admin)
    assert after.headers["ETag"] == etag and after.get_json()["company_ids"] == []


def test_the_largest_id_is_still_only_an_unknown_company(client, admin):
    response = client.post("/api/v1/missions", headers=admin, json={"name": "Форум", "company_ids": [2**31 - 1]})
    assert _problem(response, 422)["errors"]["company_ids.0"] == [f"no company with id {2**31 - 1}"]


@pytest.mark.parametrize("path", ["/api/v1/missions/9223372036854775808/schedule.xlsx",
                                  "/api/v1/missions/2147483648/schedule.xlsx",
                                  "/api/v1/missions/%C2%B2/schedule.xlsx",
                                  "/api/v1/missions/1/agenda/9223372036854775808.ics"])
def test_mission_file_paths_with_ids_past_any_row_are_404(client, admin, path):
    _problem(client.get(path, headers=admin), 404)
