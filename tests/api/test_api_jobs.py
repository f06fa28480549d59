"""POST /api/v1/missions/{id}/schedule/jobs and GET /api/v1/jobs/{id} without a worker (inline mode)."""
from __future__ import annotations

import io

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


HEADER = "Название;Страна;Регион;Роли;УНП / ИНН;Потребность;ТН ВЭД потребности\r\n"
GOOD = "Соликамский ЛПК;Россия;Пермский край;покупатель;;Форвардеры для вывозки леса;843680\r\n"
BAD = "Кунгурский завод;Россия;Пермский край;покупатель;12345;Станки;8458 11\r\n"


def test_an_import_job_reports_the_imported_rows_or_the_refused_ones(client, people, mission):
    url = f"{BASE}/{mission['id']}/import/jobs"
    done = client.post(url, data={"file": (io.BytesIO((HEADER + GOOD).encode()), "делегация.csv")},
                       headers=people["organizer"], content_type="multipart/form-data")
    assert done.status_code == 202 and done.get_json()["status"] == "done"
    assert done.get_json()["result"]["imported"] is True
    refused = client.post(url, data={"file": (io.BytesIO((HEADER + BAD).encode()), "делегация.csv")},
                          headers=people["organizer"], content_type="multipart/form-data")
    job = refused.get_json()
    assert refused.status_code == 202 and job["status"] == "failed" and job["error"]["status"] == 422
    assert any(path.startswith("rows.2.") for path in job["error"]["errors"]) and job["error"]["report"]["rejected"]
