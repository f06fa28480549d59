"""Idempotency-Key: a retried POST gets the first answer and creates nothing."""
from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select

from api_data import PONSSE

from matcher.db import db
from matcher.models import Company, IdempotentRequest, Niche


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_retry_with_the_same_key_and_body_replays_the_first_answer(client, admin, company_payload):
    headers = {**admin, "Idempotency-Key": "import-2026-11-27-row-1"}
    first = client.post("/api/v1/companies", json=company_payload(), headers=headers)
    again = client.post("/api/v1/companies", json=company_payload(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert _count(Company) == 1


def test_the_same_body_with_other_spacing_and_key_order_is_the_same_request(client, admin):
    headers = {**admin, "Idempotency-Key": "niche-ponsse", "Content-Type": "application/json"}
    first = client.post("/api/v1/niches", data=json.dumps(PONSSE), headers=headers)
    again = client.post("/api/v1/niches", data=json.dumps(dict(reversed(PONSSE.items())), indent=2), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json()["id"] == first.get_json()["id"] and _count(Niche) == 1


def test_the_same_key_with_another_body_is_a_422(client, admin, company_payload):
    headers = {**admin, "Idempotency-Key": "k-1"}
    client.post("/api/v1/companies", json=company_payload(), headers=headers)
    response = client.post("/api/v1/companies", json=company_payload(name="Другой завод"), headers=headers)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert "Idempotency-Key" in response.get_json()["errors"]
    assert _count(Company) == 1


def test_the_same_key_on_another_endpoint_is_a_422(client, admin, company_payload):
    client.post("/api/v1/companies", json=company_payload(), headers={**admin, "Idempotency-Key": "shared"})
    response = client.post("/api/v1/niches", json=PONSSE, headers={**admin, "Idempotency-Key": "shared"})
    assert response.status_code == 422 and _count(Niche) == 0


def test_keys_belong_to_their_user(client, admin, token_for, company_payload):
    headers_a = {**admin, "Idempotency-Key": "same-key"}
    headers_b = {**token_for("company", "b@example.by"), "Idempotency-Key": "same-key"}
    assert client.post("/api/v1/companies", json=company_payload(), headers=headers_a).status_code == 201
    other = client.post("/api/v1/companies", json=company_payload(name="Завод Б"), headers=headers_b)
    assert other.status_code == 201 and "Idempotent-Replayed" not in other.headers
    assert _count(Company) == 2


def test_a_failed_try_frees_the_key_for_a_corrected_retry(client, admin, company_payload):
    headers = {**admin, "Idempotency-Key": "fix-and-retry"}
    assert client.post("/api/v1/companies", json=company_payload(country="XX"), headers=headers).status_code == 422
    assert _count(IdempotentRequest) == 0
    assert client.post("/api/v1/companies", json=company_payload(), headers=headers).status_code == 201


@pytest.mark.parametrize("key", ["", "with space", "кириллица", "x" * 201])
def test_a_malformed_key_is_a_400(client, admin, company_payload, key):
    response = client.post("/api/v1/companies", json=company_payload(),
                           headers={**admin, "Idempotency-Key": key.encode().decode("latin-1")})
    assert response.status_code == 400 and "Idempotency-Key" in response.get_json()["errors"]
    assert _count(Company) == 0


def test_another_body_while_the_first_try_still_runs_is_a_422_at_once(client, app, admin, company_payload,
                                                                     monkeypatch):
    from matcher.services.accounts import user_for_token

    user = user_for_token(admin["Authorization"].split()[1])
    db.session.add(IdempotentRequest(user_id=user.id, key="slow", method="POST", path="/api/v1/companies",
                                     request_hash="0" * 64))
    db.session.commit()
    monkeypatch.setitem(app.config, "IDEMPOTENCY_WAIT_SECONDS", 30)
    response = client.post("/api/v1/companies", json=company_payload(), headers={**admin, "Idempotency-Key": "slow"})
    assert response.status_code == 422 and _count(Company) == 0


def test_a_retry_while_an_identical_first_try_runs_gets_409_with_retry_after(app, admin, company_payload,
                                                                            monkeypatch):
    from matcher.api import arguments

    monkeypatch.setitem(app.config, "IDEMPOTENCY_WAIT_SECONDS", 0.3)
    started, release = threading.Event(), threading.Event()
    original = arguments.read_json_object

    def slow_read():
        started.set()
        release.wait(10)
        return original()

    monkeypatch.setattr(arguments, "read_json_object", slow_read)
    headers = {**admin, "Idempotency-Key": "slow-identical"}
    results = {}

    def first_try():
        results["first"] = app.test_client().post("/api/v1/companies", json=company_payload(), headers=headers)

    thread = threading.Thread(target=first_try)
    thread.start()
    assert started.wait(10)
    second = app.test_client().post("/api/v1/companies", json=company_payload(), headers=headers)
    release.set()
    thread.join(30)
    assert second.status_code == 409 and second.headers["Retry-After"] == "1"
    assert second.mimetype == "application/problem+json"
    assert results["first"].status_code == 201


def test_concurrent_identical_posts_create_exactly_one_company(app, admin, company_payload):
    headers = {**admin, "Idempotency-Key": "burst"}
    barrier = threading.Barrier(6)
    responses = []

    def post():
        barrier.wait()
        responses.append(app.test_client().post("/api/v1/companies", json=company_payload(), headers=headers))

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(responses) == 6
    assert {r.status_code for r in responses} <= {201, 409}
    created = {r.get_json()["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    db.session.rollback()
    assert _count(Company) == 1
