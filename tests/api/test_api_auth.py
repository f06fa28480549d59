"""Bearer tokens: who gets in, and what the refusals look like."""
from __future__ import annotations

import pytest

from matcher.services.accounts import revoke_tokens_by_prefix_or_email


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz",
                                           "Bearer mt_not-a-real-token", "Bearer not-even-our-prefix",
                                           "Token mt_abc"])
def test_requests_without_a_usable_token_get_401_with_a_bearer_challenge(client, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = client.get("/api/v1/companies", headers=headers)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_is_named_invalid_in_the_challenge(client):
    response = client.get("/api/v1/niches", headers={"Authorization": "Bearer mt_forged"})
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_revoked_token_stops_working_at_once(client, token_for):
    headers = token_for("organizer", "org@example.org")
    assert client.get("/api/v1/companies", headers=headers).status_code == 200
    revoke_tokens_by_prefix_or_email("org@example.org")
    assert client.get("/api/v1/companies", headers=headers).status_code == 401


def test_the_scheme_name_is_case_insensitive(client, admin):
    token = admin["Authorization"].split()[1]
    assert client.get("/api/v1/companies", headers={"Authorization": f"bearer {token}"}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/health", "/api/v1/openapi.json", "/api/docs"])
def test_health_and_the_documentation_need_no_token(client, path):
    assert client.get(path).status_code == 200


def test_a_401_is_decided_before_the_body_is_read(client, company_payload):
    response = client.post("/api/v1/companies", data="{not json", content_type="application/json")
    assert response.status_code == 401


def test_organizer_may_not_create_or_change_companies(client, organizer, admin, company_payload):
    assert client.post("/api/v1/companies", json=company_payload(), headers=organizer).status_code == 403
    created = client.post("/api/v1/companies", json=company_payload(), headers=admin).get_json()
    response = client.patch(f"/api/v1/companies/{created['id']}", json={"city": "Пинск"}, headers=organizer)
    assert response.status_code == 403 and response.mimetype == "application/problem+json"


def test_company_account_may_not_change_or_delete_another_company(client, admin, token_for, company_payload):
    other = client.post("/api/v1/companies", json=company_payload(), headers=admin).get_json()
    intruder = token_for("company", "intruder@example.by")
    url = f"/api/v1/companies/{other['id']}"
    assert client.patch(url, json={"city": "Пинск"}, headers=intruder).status_code == 403
    assert client.delete(url, headers=intruder).status_code == 403
    assert client.get(url, headers=admin).get_json()["city"] == "Гомель"
