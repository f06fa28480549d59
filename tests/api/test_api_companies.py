"""The companies contract: create, read, list with filters and pages, change, delete — in RU and EN."""
from __future__ import annotations

import pytest


def test_post_stores_a_russian_supplier_and_answers_201_with_location_and_etag(client, admin, company_payload):
    response = client.post("/api/v1/companies", json=company_payload(tax_id="100582333"), headers=admin)
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"] == f"/api/v1/companies/{body['id']}"
    assert response.headers["ETag"] == f'"company-{body["id"]}-v1"'
    assert body["name"] == "Станкостроительный завод (тест)"
    assert body["offers"][0]["hs_codes"] == ["845710"]
    assert body["roles"] == ["supplier"] and body["tax_id"] == "100582333" and body["version"] == 1
    assert body["created_at"].endswith("+00:00")


def test_cyrillic_comes_back_unescaped(client, admin, company_payload):
    response = client.post("/api/v1/companies", json=company_payload(), headers=admin)
    assert "Станкостроительный" in response.get_data(as_text=True)
    assert "\\u04" not in response.get_data(as_text=True)


def test_english_buyer_round_trips_through_get(client, admin, english_buyer_payload):
    created = client.post("/api/v1/companies", json=english_buyer_payload(), headers=admin).get_json()
    response = client.get(f"/api/v1/companies/{created['id']}", headers=admin)
    assert response.status_code == 200
    assert response.get_json() == created
    assert response.headers["ETag"] == f'"company-{created["id"]}-v1"'


def test_get_of_a_missing_company_is_a_404_problem(client, admin):
    response = client.get("/api/v1/companies/999999", headers=admin)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert "999999" in response.get_json()["detail"]


def test_list_is_an_envelope_with_total_page_and_per_page(client, admin, post_company):
    for n in range(3):
        post_company(name=f"Завод {n}")
    response = client.get("/api/v1/companies?page=2&per_page=2", headers=admin)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["total"], body["page"], body["per_page"]) == (3, 2, 2)
    assert [c["name"] for c in body["items"]] == ["Завод 2"]


def test_list_defaults_to_page_one_of_fifty(client, admin, post_company):
    post_company()
    body = client.get("/api/v1/companies", headers=admin).get_json()
    assert (body["page"], body["per_page"], body["total"]) == (1, 50, 1)


def test_list_beyond_the_last_page_is_empty_not_an_error(client, admin, post_company):
    post_company()
    body = client.get("/api/v1/companies?page=7", headers=admin).get_json()
    assert body["items"] == [] and body["total"] == 1


@pytest.mark.parametrize("query, expected", [
    ("role=buyer", ["Perm Timber Holding"]),
    ("role=supplier", ["Станкостроительный завод (тест)"]),
    ("country=ru", ["Perm Timber Holding"]),
    ("region=BY-HO", ["Станкостроительный завод (тест)"]),
    ("q=ЧПУ", ["Станкостроительный завод (тест)"]),
    ("q=forwarders", ["Perm Timber Holding"]),
    ("q=обрабатывающие+ЦЕНТРЫ", ["Станкостроительный завод (тест)"]),
    ("hs=84", ["Perm Timber Holding", "Станкостроительный завод (тест)"]),
    ("hs=8436", ["Perm Timber Holding"]),
    ("hs=8457.10", ["Станкостроительный завод (тест)"]),
    ("nace=28.4", ["Станкостроительный завод (тест)"]),
    ("nace=01", []),
    ("role=buyer&country=BY", []),
])
def test_list_filters_by_role_country_region_words_and_code_prefixes(
        client, admin, post_company, english_buyer_payload, query, expected):
    post_company()
    client.post("/api/v1/companies", json=english_buyer_payload(), headers=admin)
    body = client.get(f"/api/v1/companies?{query}", headers=admin).get_json()
    assert sorted(c["name"] for c in body["items"]) == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("query, parameter", [
    ("per_page=0", "per_page"), ("per_page=201", "per_page"), ("per_page=ten", "per_page"),
    ("page=0", "page"), ("page=-1", "page"), ("role=seller", "role"), ("country=BYR", "country"),
    ("region=Пермь", "region"), ("hs=84a", "hs"), ("hs=12345678901", "hs"), ("nace=C28", "nace"),
    ("q=%00", "q"), ("q=" + "x" * 201, "q"),
])
def test_a_bad_list_parameter_is_a_400_problem_naming_it(client, admin, query, parameter):
    response = client.get(f"/api/v1/companies?{query}", headers=admin)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == [parameter]


def test_patch_changes_only_the_fields_sent_and_bumps_the_etag(client, admin, post_company):
    created = post_company()
    response = client.patch(f"/api/v1/companies/{created['id']}", json={"city": "Мозырь"},
                            headers={**admin, "If-Match": f'"company-{created["id"]}-v1"'})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["city"], body["name"], body["version"]) == ("Мозырь", created["name"], 2)
    assert response.headers["ETag"] == f'"company-{created["id"]}-v2"'
    assert body["offers"] == created["offers"]


def test_patch_without_if_match_is_unconditional(client, admin, post_company):
    created = post_company()
    response = client.patch(f"/api/v1/companies/{created['id']}", json={"roles": ["supplier", "buyer"]},
                            headers=admin)
    assert response.status_code == 200 and response.get_json()["roles"] == ["supplier", "buyer"]


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(client, admin, post_company):
    created = post_company()
    url = f"/api/v1/companies/{created['id']}"
    client.patch(url, json={"city": "Мозырь"}, headers=admin)
    response = client.patch(url, json={"city": "Пинск"}, headers={**admin, "If-Match": f'"company-{created["id"]}-v1"'})
    assert response.status_code == 412
    assert response.mimetype == "application/problem+json"
    assert response.headers["ETag"] == f'"company-{created["id"]}-v2"'
    assert client.get(url, headers=admin).get_json()["city"] == "Мозырь"


@pytest.mark.parametrize("if_match", ["*", 'W/"company-{id}-v1"', '"other", "company-{id}-v1"'])
def test_if_match_accepts_star_weak_form_and_lists(client, admin, post_company, if_match):
    created = post_company()
    response = client.patch(f"/api/v1/companies/{created['id']}", json={"city": "Брест"},
                            headers={**admin, "If-Match": if_match.format(id=created["id"])})
    assert response.status_code == 200


def test_invalid_patch_names_the_nested_field_path_and_leaves_the_profile(client, admin, post_company):
    created = post_company()
    url = f"/api/v1/companies/{created['id']}"
    offer = {"title": "Станки", "hs_codes": ["8457", "8499"]}
    response = client.patch(url, json={"offers": [offer]}, headers=admin)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["offers.0.hs_codes.1"]
    assert client.get(url, headers=admin).get_json() == created


def test_delete_answers_204_and_the_company_is_gone(client, admin, post_company):
    created = post_company()
    url = f"/api/v1/companies/{created['id']}"
    response = client.delete(url, headers={**admin, "If-Match": f'"company-{created["id"]}-v1"'})
    assert response.status_code == 204 and response.data == b""
    assert client.get(url, headers=admin).status_code == 404


def test_delete_with_a_stale_etag_is_412_and_keeps_the_company(client, admin, post_company):
    created = post_company()
    url = f"/api/v1/companies/{created['id']}"
    client.patch(url, json={"city": "Брест"}, headers=admin)
    assert client.delete(url, headers={**admin, "If-Match": f'"company-{created["id"]}-v1"'}).status_code == 412
    assert client.get(url, headers=admin).status_code == 200


def test_second_company_with_the_same_tax_id_is_a_409_on_tax_id(client, admin, post_company, company_payload):
    post_company(tax_id="100582333")
    response = client.post("/api/v1/companies", json=company_payload(name="Другой", tax_id="100582333"),
                           headers=admin)
    assert response.status_code == 409
    assert "tax_id" in response.get_json()["errors"]


def test_company_account_creates_its_own_company_once(client, token_for, company_payload, english_buyer_payload):
    mine = token_for("company", "owner@example.by")
    first = client.post("/api/v1/companies", json=company_payload(), headers=mine)
    assert first.status_code == 201
    second = client.post("/api/v1/companies", json=english_buyer_payload(), headers=mine)
    assert second.status_code == 409
    assert client.patch(f"/api/v1/companies/{first.get_json()['id']}", json={"city": "Речица"},
                        headers=mine).status_code == 200


def test_company_account_sees_only_public_fields_of_other_companies(
        client, admin, token_for, company_payload, english_buyer_payload):
    mine = token_for("company", "owner@example.by")
    own = client.post("/api/v1/companies", json=company_payload(email="sales@zavod.by", tax_id="100582333"),
                      headers=mine).get_json()
    other = client.post("/api/v1/companies", json=english_buyer_payload(), headers=admin).get_json()
    seen = client.get(f"/api/v1/companies/{other['id']}", headers=mine).get_json()
    assert not {"email", "phone"} & set(seen)
    assert seen["tax_id"] == "7707083893"  # public registry data (matcher/policy.py)
    assert seen["name"] == other["name"] and seen["needs"] == other["needs"]
    assert client.get(f"/api/v1/companies/{own['id']}", headers=mine).get_json()["email"] == "sales@zavod.by"
    listed = {c["id"]: c for c in client.get("/api/v1/companies", headers=mine).get_json()["items"]}
    assert "email" not in listed[other["id"]] and listed[own["id"]]["email"] == "sales@zavod.by"
    assert listed[other["id"]]["tax_id"] == "7707083893" and listed[own["id"]]["tax_id"] == "100582333"


def test_organizer_reads_every_field_of_every_company(client, organizer, admin, english_buyer_payload):
    other = client.post("/api/v1/companies", json=english_buyer_payload(), headers=admin).get_json()
    seen = client.get(f"/api/v1/companies/{other['id']}", headers=organizer).get_json()
    assert seen["email"] == "buy@permtimber.example" and seen["tax_id"] == "7707083893"


def test_blank_optional_fields_are_stored_as_absent_not_refused(client, admin, company_payload):
    response = client.post("/api/v1/companies", json=company_payload(city="  ", name_en="", phone=""), headers=admin)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["city"], body["name_en"], body["phone"]) == (None, None, None)
