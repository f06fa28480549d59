"""POST /api/v1/missions/{id}/schedule/jobs and GET /api/v1/jobs/{id} without a worker (inline mode)."""
from __future__ import annotations

from mission_data import BASE, corridor, mission, people  # noqa: F401  (fixtures)

BODY = {"slots": 4, "tables": 2, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 2}


def test_without_redis_the_job_runs_in_the_request_and_answers_202_already_done(client, people, mission):
    response = client.post(f"{BASE}/{mission['id']}/schedule/jobs", json=BODY, headers=people["organizer"])
    assert response.status_code == 202
    job = response.get_json()
    assert job["status"] == "done" and job["kind"] == "schedule" and job["result"]["meetings"] > 0
    assert response.headers["Location"].endswith(f"/api/v1/jobs/{job['id']}")
    again = client.get(response.headers["Location"], headers=people["admin"])
    assert again.status_code == 200 and again.get_json()["result"] == job["result"]


def test_a_bad_request_is_a_422_naming_the_field_and_starts_no_job(client, people, mission):
    response = client.post(f"{BASE}/{mission['id']}/schedule/jobs", json={**BODY, "slots": 0},
                           headers=people["organizer"])
    assert response.status_code == 422 and "slots" in response.get_json()["errors"]
    assert client.get("/api/v1/jobs/1", headers=people["admin"]).status_code == 404


def test_a_company_account_may_not_start_a_job_nor_read_one(client, people, mission):
    refused = client.post(f"{BASE}/{mission['id']}/schedule/jobs", json=BODY, headers=people["firm"])
    assert refused.status_code == 403
    started = client.post(f"{BASE}/{mission['id']}/schedule/jobs", json=BODY, headers=people["organizer"])
    assert client.get(started.headers["Location"], headers=people["firm"]).status_code == 404
