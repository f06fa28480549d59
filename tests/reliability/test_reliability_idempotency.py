"""A keyed POST whose answer is lost after its work was done must not create twice on the retry."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from matcher.api import companies as company_views
from matcher.db import db
from matcher.models import Company, IdempotentRequest


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_failure_after_the_work_and_before_the_answer_is_stored_leaves_nothing_to_double(
        app, bearer, company_payload, monkeypatch):
    headers = {**bearer("admin"), "Idempotency-Key": "lost-answer"}
    answer_once = company_views._single
    failures = iter([True])

    def connection_lost_while_answering(*args, **kwargs):
        if next(failures, False):  # the company is written; the database goes away before the answer is
            raise OperationalError("SELECT company", {}, Exception("server closed the connection unexpectedly"))
        return answer_once(*args, **kwargs)

    monkeypatch.setattr(company_views, "_single", connection_lost_while_answering)
    client = app.test_client()
    first = client.post("/api/v1/companies", json=company_payload(), headers=headers)
    assert first.status_code == 503 and int(first.headers["Retry-After"]) > 0
    retry = client.post("/api/v1/companies", json=company_payload(), headers=headers)
    assert retry.status_code == 201
    again = client.post("/api/v1/companies", json=company_payload(), headers=headers)
    assert again.status_code == 201 and again.get_json() == retry.get_json()
    assert _count(Company) == 1 and _count(IdempotentRequest) == 1
