"""Hostile input gets a 4xx that names what is wrong — never a 500, never a database error —
and markup or SQL typed into a field is stored as typed and shown as text."""
from __future__ import annotations

import json
import re

import pytest
from live_helpers import CSRF_FIELD
from sqlalchemy import func, select

from matcher.db import db
from matcher.models import ApiToken, Company

PASSWORD = "correct-horse-42"
SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
SQLISH = "Robert'); DROP TABLE company;-- % _ \\"


@pytest.fixture
def admin(bearer):
    return bearer("admin")


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    return response.get_json()


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


# --- the JSON API -------------------------------------------------------------------------------

def test_json_nested_past_the_parsers_depth_is_a_400(client, admin):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/companies", data=body, headers={**admin, "Content-Type": "application/json"})
    assert "nested" in problem(response, 400)["detail"]


def test_json_nested_deeper_than_any_contract_body_is_a_400(client, admin, company_payload):
    deep: dict = {"x": "y"}
    for _ in range(40):
        deep = {"x": deep}
    response = client.post("/api/v1/companies", json=company_payload(description=deep), headers=admin)
    assert "nested" in problem(response, 400)["detail"]


@pytest.mark.parametrize("raw", [b'{"name": "\xff\xfe"}', b'{"name": "\xd0"}', b"\xc3\x28"])
def test_a_body_that_is_not_utf8_is_a_400(client, admin, raw):
    response = client.post("/api/v1/companies", data=raw, headers={**admin, "Content-Type": "application/json"})
    assert "UTF-8" in problem(response, 400)["detail"]


def test_nul_in_a_patched_nested_field_is_a_422_naming_it_and_nothing_changes(client, admin, create_company):
    company = create_company()
    company_id, version = company.id, company.version
    db.session.commit()
    response = client.patch(f"/api/v1/companies/{company_id}", headers=admin,
                            json={"offers": [{"title": "Станки\x00", "hs_codes": ["8457"]}], "city": "Минск\x00"})
    assert set(problem(response, 422)["errors"]) == {"offers.0.title", "city"}
    db.session.rollback()
    assert db.session.get(Company, company_id).version == version


@pytest.mark.parametrize("query, parameter", [
    ("q=%00", "q"), ("country=B%00", "country"), ("hs=84%00", "hs"),
    ("per_page=1000000000000000000000000", "per_page"), ("page=1000000000000000000000000", "page"),
    ("page=-1", "page"), ("per_page=0", "per_page"), ("page=NaN", "page"), ("page=1e9", "page"),
])
def test_hostile_list_parameters_are_a_400_naming_the_parameter(client, admin, query, parameter):
    assert parameter in problem(client.get(f"/api/v1/companies?{query}", headers=admin), 400)["errors"]


@pytest.mark.parametrize("path", ["/api/v1/companies/99999999999999999999999", "/api/v1/niches/9223372036854775808"])
def test_ids_past_any_integer_type_are_404(client, admin, path):
    problem(client.get(path, headers=admin), 404)


def test_sql_and_markup_are_stored_as_typed_and_found_only_literally(client, admin, company_payload):
    created = client.post("/api/v1/companies", headers=admin,
                          json=company_payload(name=SQLISH, description=SCRIPT))
    assert created.status_code == 201
    stored = client.get(created.headers["Location"], headers=admin).get_json()
    assert (stored["name"], stored["description"]) == (SQLISH, SCRIPT)
    client.post("/api/v1/companies", headers=admin, json=company_payload(name="Обычный завод"))
    assert _count(Company) == 2
    for words, expected in (("% _", 1), ("drop table", 1), ("%", 1), ("_", 1), ("\\", 1), ("' or 1=1 --", 0)):
        found = client.get("/api/v1/companies", query_string={"q": words}, headers=admin).get_json()
        assert found["total"] == expected, words


# --- the web app --------------------------------------------------------------------------------

def _post_form(client, path: str, data: dict, page: str = "/login"):
    token = CSRF_FIELD.search(client.get(page).get_data(as_text=True)).group(1)
    response = client.post(path, data={**data, "csrf_token": token})
    db.session.rollback()  # as the request's teardown would (the test keeps one session around)
    return response


def test_markup_typed_into_a_profile_is_shown_as_text_on_every_page(client, admin, company_payload):
    company = client.post("/api/v1/companies", headers=admin,
                          json=company_payload(name=SCRIPT, city=SQLISH, description=SCRIPT)).get_json()
    db.session.rollback()
    for path in ("/companies", f"/companies/{company['id']}", f"/companies?q={SCRIPT[:20]}"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(" in html, path


@pytest.mark.parametrize("path", ["/companies?q=%00", "/companies?q=%00%27%22%3C", "/companies?country=%00",
                                  "/companies?page=99999999999999999999", "/companies?hs=%00",
                                  "/companies/99999999999999999999999", "/niches/99999999999999999999999",
                                  "/niches?page=-5"])
def test_hostile_page_addresses_are_answered_without_a_server_error(client, path):
    response = client.get(path)
    assert response.status_code in (200, 400, 404), response.status_code
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("path, form", [
    ("/locale", {"locale": "en", "next": "/companies\x00"}),
    ("/login", {"email": "a@b.by", "password": "x" * 9, "next": "/account\x00\r\nSet-Cookie: a=b"}),
])
def test_a_hostile_next_address_never_reaches_a_header(client, path, form):
    response = _post_form(client, path, form)
    assert response.status_code in (302, 401), response.status_code
    assert "\x00" not in response.headers.get("Location", "") and "Set-Cookie: a" not in str(response.headers)


def test_nul_in_the_login_form_is_just_a_failed_login(client, user_with_password):
    user_with_password("olga@reliability.example")
    response = _post_form(client, "/login", {"email": "olga@reliability.example\x00", "password": PASSWORD})
    assert response.status_code == 401 and "Неверный e-mail или пароль" in response.get_data(as_text=True)


def test_nul_in_the_sign_up_form_is_refused_next_to_the_field(client):
    response = _post_form(client, "/signup", {"email": "olga\x00@reliability.example", "password": PASSWORD,
                                              "password_repeat": PASSWORD}, page="/signup")
    assert response.status_code == 422 and 'id="f-email-error"' in response.get_data(as_text=True)


def test_nul_in_a_profile_form_is_refused_next_to_the_field_and_the_rest_is_kept(client, user_with_password):
    user_with_password("olga@reliability.example")
    assert _post_form(client, "/login", {"email": "olga@reliability.example", "password": PASSWORD}).status_code == 302
    form = {"action": "save", "name": "Лесмаш\x00", "country": "BY", "region": "BY-MI", "city": "Борисов",
            "roles": "supplier", "description": "Лесозаготовительная техника",
            "offers-0-title": "Харвестеры", "offers-0-hs_codes": "8436 80"}
    response = _post_form(client, "/companies/new", form, page="/companies/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="f-name-error"', html) and "Борисов" in html
    assert _count(Company) == 0


def test_nul_in_a_token_name_does_not_reach_the_database(client, user_with_password):
    user_with_password("olga@reliability.example")
    assert _post_form(client, "/login", {"email": "olga@reliability.example", "password": PASSWORD}).status_code == 302
    response = _post_form(client, "/account/tokens", {"name": "скрипт\x00импорта"}, page="/account")
    assert response.status_code in (200, 422)
    names = [t.name for t in db.session.scalars(select(ApiToken))]
    assert all("\x00" not in name for name in names)


def test_a_problem_body_is_always_json_even_for_hostile_input(client, admin):
    response = client.post("/api/v1/companies", data=b'{"name": "\x00"}',
                           headers={**admin, "Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    json.loads(response.get_data())
