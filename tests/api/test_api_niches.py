"""The niches contract: organizers record markets left by departed firms; everyone reads them."""
from __future__ import annotations

import pytest

from api_data import PONSSE, SIEMENS


def test_organizer_records_a_niche_and_gets_201_with_location(client, organizer):
    response = client.post("/api/v1/niches", json=PONSSE, headers=organizer)
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"] == f"/api/v1/niches/{body['id']}"
    assert response.headers["ETag"] == f'"niche-{body["id"]}-v1"'
    assert {k: body[k] for k in PONSSE} == PONSSE


def test_russian_niche_reads_back_unescaped(client, organizer, token_for):
    created = client.post("/api/v1/niches", json=SIEMENS, headers=organizer).get_json()
    response = client.get(f"/api/v1/niches/{created['id']}", headers=token_for("company"))
    assert response.status_code == 200
    assert "Промышленная автоматика" in response.get_data(as_text=True)
    assert response.get_json()["nace_codes"] == ["27.12"]


def test_niches_list_is_paginated_and_filters_by_region(client, organizer):
    client.post("/api/v1/niches", json=PONSSE, headers=organizer)
    client.post("/api/v1/niches", json={**SIEMENS, "region": "BY-HM"}, headers=organizer)
    body = client.get("/api/v1/niches?per_page=1&page=2", headers=organizer).get_json()
    assert (body["total"], body["page"], body["per_page"]) == (2, 2, 1)
    assert [n["departed_company"] for n in body["items"]] == ["Siemens"]
    by_region = client.get("/api/v1/niches?region=ru-per", headers=organizer).get_json()
    assert [n["departed_company"] for n in by_region["items"]] == ["Ponsse"]


@pytest.mark.parametrize("override, field", [
    ({"title": ""}, "title"), ({"departed_company": None}, "departed_company"),
    ({"departed_country": "ZZ"}, "departed_country"), ({"exit_year": 1700}, "exit_year"),
    ({"region": "RU-XXX"}, "region"), ({"hs_codes": ["8436", "77"]}, "hs_codes.1"),
    ({"est_annual_volume_usd": -5}, "est_annual_volume_usd"), ({"founded": 1990}, "founded"),
])
def test_an_invalid_niche_is_a_422_naming_the_field(client, organizer, override, field):
    response = client.post("/api/v1/niches", json={**PONSSE, **override}, headers=organizer)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert client.get("/api/v1/niches", headers=organizer).get_json()["total"] == 0


def test_patch_of_a_niche_honours_if_match(client, organizer):
    created = client.post("/api/v1/niches", json=PONSSE, headers=organizer).get_json()
    url = f"/api/v1/niches/{created['id']}"
    changed = client.patch(url, json={"est_annual_volume_usd": 45_000_000},
                           headers={**organizer, "If-Match": f'"niche-{created["id"]}-v1"'})
    assert changed.status_code == 200 and changed.get_json()["version"] == 2
    assert changed.get_json()["title"] == "Forest machines"
    stale = client.patch(url, json={"exit_year": 2023},
                         headers={**organizer, "If-Match": f'"niche-{created["id"]}-v1"'})
    assert stale.status_code == 412


def test_delete_of_a_niche_answers_204(client, organizer):
    created = client.post("/api/v1/niches", json=PONSSE, headers=organizer).get_json()
    url = f"/api/v1/niches/{created['id']}"
    assert client.delete(url, headers={**organizer, "If-Match": "*"}).status_code == 204
    assert client.get(url, headers=organizer).status_code == 404


def test_company_account_may_read_but_not_write_niches(client, organizer, token_for):
    company = token_for("company")
    assert client.post("/api/v1/niches", json=PONSSE, headers=company).status_code == 403
    created = client.post("/api/v1/niches", json=PONSSE, headers=organizer).get_json()
    assert client.get(f"/api/v1/niches/{created['id']}", headers=company).status_code == 200
    assert client.patch(f"/api/v1/niches/{created['id']}", json={"exit_year": 2023}, headers=company).status_code == 403
