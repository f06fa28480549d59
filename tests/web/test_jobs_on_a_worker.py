"""Background jobs on a real RQ worker (`flask worker --burst` in a subprocess) against the local
Redis, each test on a queue of its own: mail, mission schedules with their agendas, imports.

Redis is part of the test bed (.ci/run starts it): without it these tests fail, they are not skipped."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import uuid

import pytest
from mail_server import parts
from mission_pages import SCHEDULE_FORM, corridor, mission, organiser  # noqa: F401  (fixtures)
from redis import Redis
from rq import Queue
from sqlalchemy import select
from web_helpers import text_of

from matcher.db import db, utcnow
from matcher.models import JobRun, MissionSchedule, OutboxMail
from matcher.services.accounts import get_or_create_user

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")  # a database of its own
HEADER = "Название;Страна;Регион;Роли;УНП / ИНН;Потребность;ТН ВЭД потребности\r\n"
GOOD = "Соликамский ЛПК;Россия;Пермский край;покупатель;;Форвардеры для вывозки леса;843680\r\n"


@pytest.fixture
def worker(app, database_url, smtp_server):
    """Point the app at a fresh queue; calling the fixture runs a burst worker over it and returns its output."""
    name = f"matcher-test-{uuid.uuid4().hex[:10]}"
    saved = {key: app.config.get(key) for key in ("JOBS_REDIS_URL", "JOBS_QUEUE", "IMPORT_JOB_MIN_BYTES")}
    app.config.update(JOBS_REDIS_URL=REDIS_URL, JOBS_QUEUE=name)
    app.extensions.pop("jobs_queues", None)

    def run() -> str:
        db.session.rollback()  # the worker must see everything the test wrote, and not wait on our locks
        env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": app.config["SECRET_KEY"],
               "MAIL_URL": smtp_server.url, "JOBS_REDIS_URL": REDIS_URL, "JOBS_QUEUE": name,
               "MATCHER_ENV": "testing", "RATELIMIT_STORAGE_URI": "memory://"}
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-4000:]
        db.session.expire_all()
        return done.stderr

    yield run
    connection = Redis.from_url(REDIS_URL)
    Queue(name, connection=connection).delete(delete_jobs=True)
    for key in connection.scan_iter(f"*{name}*"):  # the registries of finished and failed jobs
        connection.delete(key)
    app.config.update(saved)
    app.extensions.pop("jobs_queues", None)


def bearer(email: str, role: str) -> dict:
    from matcher.services.accounts import create_token

    plain, _ = create_token(get_or_create_user(email, role), "tests")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def _verified_owner(email: str):
    user = get_or_create_user(email, "company")
    user.email_verified_at = utcnow()
    db.session.commit()
    return user


def test_an_interest_mail_waits_in_the_outbox_until_the_worker_sends_it(app, worker, mailbox, company_payload):
    from matcher.services.companies import create_company
    from matcher.services.interests import set_interest

    supplier = create_company(company_payload(), owner=_verified_owner("olga@lesmash.example.by"))
    buyer = create_company(company_payload(name="Пермский лесокомбинат", country="RU", region="RU-PER",
                                           roles=["buyer"], offers=[], needs=[{"title": "Станки с ЧПУ"}]),
                           owner=_verified_owner("john@permtimber.example.ru"))
    set_interest(buyer.id, supplier.id, "interested")
    row = db.session.scalar(select(OutboxMail).where(OutboxMail.event_id == f"interest:{buyer.id}:{supplier.id}"))
    assert row.status == "pending" and mailbox.to("olga@lesmash.example.by") == []
    worker()
    assert mailbox.wait_for("olga@lesmash.example.by")["Subject"] == "Пермский лесокомбинат интересуется вами"
    assert db.session.get(OutboxMail, row.id).status == "sent"


def test_a_schedule_job_runs_on_the_worker_shows_progress_and_mails_each_participant_its_agenda(
        worker, organiser, mission, mailbox):
    from matcher.models import User

    owner = db.session.scalar(select(User).where(User.email == "sales@amkodor.example.by"))
    owner.email_verified_at = None  # as if Amkodor's owner had signed up and never confirmed
    db.session.commit()
    url = f"/missions/{mission['id']}/schedule"
    response = organiser.post(url, SCHEDULE_FORM, page=url)
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_page = organiser.get(response.headers["Location"])
    assert job_page.status_code == 200 and job_page.headers["Refresh"] == "2"
    assert "Ждём свободный обработчик" in text_of(job_page)
    assert db.session.scalar(select(MissionSchedule)) is None  # nothing is built inside the request
    worker()
    run = db.session.scalar(select(JobRun))
    assert run.status == "done" and run.progress_total > 0 and run.progress_done == run.progress_total
    done_page = organiser.get(response.headers["Location"])
    assert done_page.status_code == 302 and done_page.headers["Location"].endswith(url)
    schedule = db.session.scalar(select(MissionSchedule))
    assert run.result["schedule_id"] == schedule.id and run.result["meetings"] == len(schedule.meetings) > 0
    # Gomselmash has no account: its contact address gets its agenda, in Russian, with the .ics
    agenda = mailbox.wait_for("sales@gomselmash.example.by")
    assert agenda["Subject"] == "Ваши встречи: Пермский форум: Беларусь — Прикамье"
    assert "Prikamye Agroholding" in parts(agenda)[0]
    ics = next(agenda.iter_attachments())
    assert ics.get_content_type() == "text/calendar" and "BEGIN:VEVENT" in ics.get_content()
    assert agenda["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Amkodor's owner never confirmed the address: no mail to the account (which is also the company's)
    assert mailbox.to("sales@amkodor.example.by") == []


def test_a_bad_schedule_request_is_refused_at_once_and_no_job_is_queued(worker, organiser, mission):
    url = f"/missions/{mission['id']}/schedule"
    response = organiser.post(url, {**SCHEDULE_FORM, "day": "2030-01-01"}, page=url)
    assert response.status_code == 422
    assert db.session.scalar(select(JobRun)) is None


def test_the_api_starts_a_schedule_job_with_202_and_its_location_reports_the_result(
        app, worker, client, mission, mailbox):
    headers = bearer("org@example.org", "organizer")
    other = bearer("other-org@example.org", "organizer")
    body = {"slots": 4, "tables": 2, "slot_minutes": 20, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 45}
    response = client.post(f"/api/v1/missions/{mission['id']}/schedule/jobs", json=body, headers=headers)
    assert response.status_code == 202, response.get_json()
    assert response.get_json()["status"] == "queued"
    location = response.headers["Location"]
    assert client.get(location, headers=other).status_code == 404  # another organiser's job is not theirs
    worker()
    job = client.get(location, headers=headers).get_json()
    assert job["status"] == "done" and job["error"] is None
    current = client.get(f"/api/v1/missions/{mission['id']}/schedule", headers=headers).get_json()
    assert current["id"] == job["result"]["schedule_id"]


def test_a_big_delegation_file_is_imported_by_a_job_and_the_page_shows_the_report(app, worker, organiser, mission):
    app.config["IMPORT_JOB_MIN_BYTES"] = 1
    url = f"/missions/{mission['id']}/import"
    response = organiser.post(url, {"file": (io.BytesIO((HEADER + GOOD).encode()), "делегация.csv"),
                                    "mode": "all_or_nothing"}, page=url, content_type="multipart/form-data")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    assert "Ждём свободный обработчик" in text_of(organiser.get(response.headers["Location"]))
    worker()
    page = organiser.get(response.headers["Location"])
    assert page.status_code == 200 and "Соликамский ЛПК" in text_of(page)
    assert db.session.scalar(select(JobRun)).result["imported"] is True


def test_an_unreachable_queue_refuses_the_schedule_with_a_503_page_and_marks_the_job_failed(app, worker, organiser,
                                                                                            mission):
    app.config["JOBS_REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    app.extensions.pop("jobs_queues", None)
    url = f"/missions/{mission['id']}/schedule"
    response = organiser.post(url, SCHEDULE_FORM, page=url)
    assert response.status_code == 503
    assert "Очередь задач сейчас недоступна" in text_of(response)
    run = db.session.scalar(select(JobRun))
    assert run.status == "failed" and run.error["status"] == 503
    assert db.session.scalar(select(MissionSchedule)) is None
