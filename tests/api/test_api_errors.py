"""Every kind of bad input gets application/problem+json with a status a client can act on."""
from __future__ import annotations

import json

import pytest

from matcher.db import db
from matcher.models import Company

PROBLEM = "application/problem+json"


def _company_count() -> int:
    return db.session.query(Company).count()


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    assert "<html" not in response.get_data(as_text=True).lower()
    return body


def test_invalid_hs_code_inside_an_offer_is_named_by_its_full_path(client, admin, company_payload):
    payload = company_payload()
    payload["offers"][0]["hs_codes"] = ["8457", "8499"]
    body = assert_problem(client.post("/api/v1/companies", json=payload, headers=admin), 422)
    assert list(body["errors"]) == ["offers.0.hs_codes.1"]
    assert _company_count() == 0


def test_every_invalid_field_is_reported_at_once(client, admin, company_payload):
    payload = company_payload(country="XX", roles=[], email="not-an-email", languages=["ru", "klingon"])
    body = assert_problem(client.post("/api/v1/companies", json=payload, headers=admin), 422)
    assert {"country", "roles", "email", "languages.1"} <= set(body["errors"])


def test_problem_messages_keep_cyrillic_and_guillemets_unescaped(client, admin, company_payload):
    response = client.post("/api/v1/companies", json=company_payload(roles=["buyer"]), headers=admin)
    assert_problem(response, 422)
    text = response.get_data(as_text=True)
    assert "«supplier»" in text and "\\u00ab" not in text


def test_missing_required_fields_are_listed(client, admin):
    body = assert_problem(client.post("/api/v1/companies", json={}, headers=admin), 422)
    assert {"name", "country", "roles"} <= set(body["errors"])


def test_unknown_field_is_refused_by_name(client, admin, company_payload):
    body = assert_problem(client.post("/api/v1/companies", json=company_payload(founded=1927), headers=admin), 422)
    assert "founded" in body["errors"]


def test_a_json_array_instead_of_an_object_is_a_422(client, admin):
    assert_problem(client.post("/api/v1/companies", json=[1, 2], headers=admin), 422)


@pytest.mark.parametrize("raw, fragment", [
    (b'{"name": "\xd0\x90\xd0\xbc', "not valid JSON"),
    (b"{'name': 'x'}", "not valid JSON"),
    (b"", "not valid JSON"),
    (b'{"name": NaN}', "NaN"),
    (b'{"exit_year": 1e400}', "out of range"),
    (b'{"name": "\xff\xfe"}', "UTF-8"),
    (b"[" * 5000 + b"]" * 5000, "nested"),
    (b'{"a":' * 30 + b"1" + b"}" * 30, "nested"),
])
def test_malformed_json_is_a_400_saying_why(client, admin, raw, fragment):
    response = client.post("/api/v1/companies", data=raw, content_type="application/json", headers=admin)
    body = assert_problem(response, 400)
    assert fragment in body["detail"]


def test_nul_characters_are_refused_with_their_path_before_reaching_the_database(client, admin, company_payload):
    payload = company_payload()
    payload["offers"][0]["title"] = "Станки\x00"
    body = assert_problem(client.post("/api/v1/companies", json=payload, headers=admin), 422)
    assert list(body["errors"]) == ["offers.0.title"]


def test_unpaired_surrogates_are_refused_with_their_path(client, admin, company_payload):
    raw = json.dumps(company_payload(city="\ud800"))
    response = client.post("/api/v1/companies", data=raw, content_type="application/json", headers=admin)
    assert list(assert_problem(response, 422)["errors"]) == ["city"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None,
                                          "application/json; charset=latin-1"])
def test_a_body_that_is_not_json_is_a_415(client, admin, company_payload, content_type):
    headers = {**admin, **({"Content-Type": content_type} if content_type else {})}
    response = client.post("/api/v1/companies", data=json.dumps(company_payload()), headers=headers)
    assert_problem(response, 415)
    assert _company_count() == 0


def test_json_with_a_vendor_media_type_is_accepted(client, admin, company_payload):
    response = client.post("/api/v1/companies", data=json.dumps(company_payload()),
                           headers={**admin, "Content-Type": "application/merge-patch+json"})
    assert response.status_code == 201


def test_an_oversized_body_is_a_413(client, admin, company_payload, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2000)
    payload = company_payload(description="Станки " * 400)
    assert_problem(client.post("/api/v1/companies", json=payload, headers=admin), 413)
    assert _company_count() == 0


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v2/companies", "/api/v1/companies/abc",
                                  "/api/v1/companies/-1", "/api/unknown"])
def test_unknown_routes_under_api_are_404_problems(client, admin, path):
    assert_problem(client.get(path, headers=admin), 404)


def test_a_wrong_method_is_a_405_listing_the_allowed_ones(client, admin):
    response = client.put("/api/v1/companies", json={}, headers=admin)
    assert_problem(response, 405)
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_unexpected_failures_are_problems_too_not_html(app, admin, monkeypatch):
    from matcher.services import companies

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(companies, "list_companies", explode)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    body = assert_problem(app.test_client().get("/api/v1/companies", headers=admin), 500)
    assert "boom" not in body["detail"]


def test_an_unreachable_database_is_a_503_with_retry_after():
    from matcher import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none", "TESTING": True})
    response = app.test_client().get("/api/v1/companies", headers={"Authorization": "Bearer mt_whatever"})
    assert_problem(response, 503)
    assert int(response.headers["Retry-After"]) > 0


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
@pytest.mark.parametrize("company_id", ["0", "2147483647", "2147483648", "613255836193006", "007"])
def test_ids_that_cannot_exist_are_404_for_every_method(client, admin, method, company_id):
    response = client.open(f"/api/v1/companies/{company_id}", method=method, headers=admin, json={"city": "Минск"})
    assert_problem(response, 404)
